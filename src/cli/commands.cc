#include "cli/commands.h"

namespace rk::cli {

void add_all_commands(CLI::App& app, Context& ctx) {
  (void)app;
  (void)ctx;
}

}  // namespace rk::cli
