#include "cli/knowledge_access.h"

#include <fmt/format.h>

#include <memory>
#include <sstream>

#include "plan/diary.h"
#include "util/build_info.h"

namespace rk::cli {

const KnowledgeBase* knowledge(Context& ctx) {
  // One process runs one command, so a process-wide cache is enough.
  static std::unique_ptr<KnowledgeBase> cached;
  if (cached) return cached.get();
  auto kb = ctx.knowledge_dir ? KnowledgeBase::load_dir(*ctx.knowledge_dir)
                              : KnowledgeBase::load_embedded();
  if (!kb) {
    print_error_lines(kb.error().message);
    print_error("the knowledge base has problems (listed above); refusing to run");
    ctx.exit_code = kBadInput;
    return nullptr;
  }
  cached = std::make_unique<KnowledgeBase>(std::move(*kb));
  plan::use_diary_rules(*cached);  // the diary's warning signs come from the same data
  return cached.get();
}

std::string version_text(Context& ctx) {
  const KnowledgeBase* kb = knowledge(ctx);
  return fmt::format("runknee {} (commit {})\nknowledge base {}", build_version(), build_commit(),
                     kb ? kb->version() : "unavailable (see the errors above)");
}

void print_error_lines(std::string_view message) {
  std::istringstream lines{std::string(message)};
  for (std::string line; std::getline(lines, line);) print_error(line);
}

}  // namespace rk::cli
