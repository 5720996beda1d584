// `runknee inspect FILE`: a FIT file's structure for checking against other tools - headers,
// each message definition, message counts, header and file CRC stored vs computed.

#include <fmt/format.h>

#include <memory>
#include <string>

#include "cli/commands.h"
#include "formats/fit/fit_inspect.h"
#include "util/file_io.h"

namespace rk::cli {

void add_inspect_commands(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "inspect", "Show a FIT file's headers, message definitions, message counts and CRCs");
  auto path = std::make_shared<std::string>();
  cmd->add_option("FILE", *path, "FIT file")->required();
  cmd->callback([&ctx, path] {
    auto bytes = read_file_bytes(*path);
    if (!bytes) {
      ctx.exit_code = report_error(bytes.error());
      return;
    }
    auto inspection = fit::inspect_fit(*bytes, *path);
    if (!inspection) {
      ctx.exit_code = report_error(inspection.error());
      return;
    }
    fmt::print("{}", fit::format_inspection(*inspection, *path));
    // Damage found (bad CRC, truncation) is a failure for scripts, though it is all printed.
    ctx.exit_code = inspection->warnings.empty() ? kOk : kFailed;
  });
}

}  // namespace rk::cli
