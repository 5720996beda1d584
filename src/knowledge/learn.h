#pragma once
// Terminal text for `runknee learn [TOPIC]` and `runknee faq`: the knowledge base in readable
// form, every statement followed by its citation.

#include <string>
#include <string_view>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "util/expected.h"

namespace rk {

struct LearnTopic {
  std::string id, title;
};

/// anatomy, causes, conditions, relief, prevention, exercises, red-flags.
const std::vector<LearnTopic>& learn_topics();
/// The overview list when `topic` is empty; an Error naming the known topics when unknown.
Expected<std::string> render_learn(const KnowledgeBase& kb, std::string_view topic);
std::string render_faq(const KnowledgeBase& kb);

/// Wraps `text` to `width` columns; every line starts with `indent` spaces.
std::string wrap_text(std::string_view text, int indent, int width = 80);
/// "[frandsen2025]"-style reference followed by nothing; the full list comes from sources().
std::string render_sources(const KnowledgeBase& kb, const std::vector<std::string>& ids);

}  // namespace rk
