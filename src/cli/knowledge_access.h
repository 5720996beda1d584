#pragma once
// The knowledge base for this run of the CLI: the embedded data, or the folder given with
// --knowledge. Loaded and validated once; on failure every problem is printed and the command
// refuses to run (exit 2).

#include "cli/context.h"
#include "knowledge/knowledge_base.h"

namespace rk::cli {

/// nullptr after printing the problems and setting ctx.exit_code = kBadInput.
const KnowledgeBase* knowledge(Context& ctx);

/// `runknee --version`: the version, the git commit it was built from and the knowledge base's
/// version, so a result can be traced to the rules that produced it.
std::string version_text(Context& ctx);

/// Prints a possibly multi-line error message, one "runknee: error:" line per problem.
void print_error_lines(std::string_view message);

}  // namespace rk::cli
