#pragma once
// The knowledge base as API JSON: the questions schema (with ask_if predicates the web app
// evaluates itself), learn sections and the FAQ.

#include "knowledge/knowledge_base.h"
#include "server/api.h"

namespace rk::server {

Json predicate_json(const Predicate& p);
Json questions_json(const KnowledgeBase& kb);
Json learn_json(const KnowledgeBase& kb);
Json faq_json(const KnowledgeBase& kb);

}  // namespace rk::server
