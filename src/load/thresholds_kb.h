#pragma once
// LoadThresholds from the knowledge base (data/load_thresholds.yaml). Every id it reads is one
// of the knowledge base's required thresholds (a base without one is refused at load), so every
// data-backed field is set.

#include "knowledge/knowledge_base.h"
#include "load/thresholds.h"

namespace rk {

LoadThresholds load_thresholds(const KnowledgeBase& kb);

}  // namespace rk
