#include "cli/commands.h"

namespace rk::cli {

void add_all_commands(CLI::App& app, Context& ctx) {
  add_serve_commands(app, ctx);
  add_import_commands(app, ctx);
  add_inspect_commands(app, ctx);
  add_assess_commands(app, ctx);
  add_knowledge_commands(app, ctx);
  add_load_commands(app, ctx);
  add_plan_commands(app, ctx);
  add_backup_commands(app, ctx);
  // No subcommand: a welcome rather than a usage error (issue 12: first run).
  app.require_subcommand(0, 1);
  app.callback([&app, &ctx] {
    if (app.get_subcommands().empty()) show_home(ctx);
  });
}

}  // namespace rk::cli
