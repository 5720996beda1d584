// runknee: the command-line front end. Thin by design: it parses arguments and hands over to
// the library. Exceptions mean a bug (a broken invariant) and are caught here, once.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <exception>

#include "cli/commands.h"
#include "cli/knowledge_access.h"
#include "plan/settings.h"
#include "store/database.h"

int main(int argc, char** argv) {
  rk::cli::Context ctx;
  CLI::App app{"runknee: inner (medial) knee pain help for runners. Not a diagnosis."};
  app.require_subcommand(1);
  std::string db;
  app.add_option("--db", db, "SQLite store (default: $XDG_DATA_HOME/runknee/runknee.db)");
  std::string knowledge;
  app.add_option("--knowledge", knowledge, "Load the knowledge base from this folder instead");
  app.set_version_flag("--version", [&ctx] { return rk::cli::version_text(ctx); });
  app.parse_complete_callback([&] {
    ctx.db_path = db.empty() ? rk::default_database_path() : std::filesystem::path(db);
    if (!knowledge.empty()) ctx.knowledge_dir = knowledge;
    // The runner's time zone setting (`config set tz`) decides local days from here on; a
    // broken settings file is reported by the commands that read it.
    if (auto settings = rk::plan::load_settings()) {
      if (auto ok = rk::plan::apply_time_zone(*settings); !ok) {
        fmt::print(stderr, "runknee: {}\n", ok.error().message);
      }
    }
    // The knowledge base is validated before any command runs: a bad entry stops the program
    // (the problems are already printed, as file:line: message).
    if (!rk::cli::knowledge(ctx)) throw CLI::RuntimeError(rk::cli::kBadInput);
  });
  rk::cli::add_all_commands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : rk::cli::kBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "runknee: internal error (a bug, please report it): {}\n", e.what());
    return 70;
  }
  return ctx.exit_code;
}
