// runknee learn [TOPIC] and runknee faq: the knowledge base as readable terminal text.

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/knowledge_access.h"
#include "knowledge/learn.h"

namespace rk::cli {

void add_knowledge_commands(CLI::App& app, Context& ctx) {
  auto* learn = app.add_subcommand(
      "learn",
      "Read about the inner knee: anatomy, causes, conditions, relief, prevention, "
      "exercises, red-flags");
  auto topic = std::make_shared<std::string>();
  learn->add_option("topic", *topic, "Topic (omit for the list)");
  learn->callback([&ctx, topic] {
    const KnowledgeBase* kb = knowledge(ctx);
    if (!kb) return;
    auto text = render_learn(*kb, *topic);
    if (!text) {
      print_error(text.error().message);
      ctx.exit_code = kBadInput;
      return;
    }
    fmt::print("{}", *text);
  });

  auto* faq = app.add_subcommand("faq", "Frequently asked questions, with sources");
  faq->callback([&ctx] {
    const KnowledgeBase* kb = knowledge(ctx);
    if (kb) fmt::print("{}", render_faq(*kb));
  });
}

}  // namespace rk::cli
