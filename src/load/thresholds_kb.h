#pragma once
// LoadThresholds from the knowledge base (data/load_thresholds.yaml); any id the base lacks
// keeps its built-in default, so an older data folder still works.

#include "knowledge/knowledge_base.h"
#include "load/thresholds.h"

namespace rk {

LoadThresholds load_thresholds(const KnowledgeBase& kb);

}  // namespace rk
