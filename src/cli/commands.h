#pragma once
// Every subcommand registers itself with one function declared here and defined in its own
// cmd_*.cc file. A handler sets ctx.exit_code; it never calls exit().

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace rk::cli {

// One line per command file (keep this list and add_all_commands in commands.cc in step):
void add_serve_commands(CLI::App& app, Context& ctx);  // cmd_serve.cc
void add_import_commands(CLI::App& app, Context& ctx);  // cmd_import.cc
void add_inspect_commands(CLI::App& app, Context& ctx);  // cmd_inspect.cc
void add_assess_commands(CLI::App& app, Context& ctx);  // cmd_assess.cc
void add_knowledge_commands(CLI::App& app, Context& ctx);  // cmd_knowledge.cc
void add_load_commands(CLI::App& app, Context& ctx);  // cmd_load.cc (load, form)
void add_plan_commands(CLI::App& app, Context& ctx);  // cmd_plan.cc (config, log, diary, koos, plan, today, report)
void add_backup_commands(CLI::App& app, Context& ctx);  // cmd_backup.cc (backup, restore, export, forget)

/// `runknee` with no subcommand: the first-run welcome, or today's headline and the commands
/// used most (cmd_plan.cc).
void show_home(Context& ctx);

/// Calls every add_*_commands above; the one list of what the CLI can do.
void add_all_commands(CLI::App& app, Context& ctx);

}  // namespace rk::cli
