#include "cli/knowledge_access.h"

#include <memory>
#include <sstream>

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
  return cached.get();
}

void print_error_lines(std::string_view message) {
  std::istringstream lines{std::string(message)};
  for (std::string line; std::getline(lines, line);) print_error(line);
}

}  // namespace rk::cli
