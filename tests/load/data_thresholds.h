#pragma once
// The load thresholds as the program uses them: read from the knowledge base compiled in
// (data/load_thresholds.yaml). LoadThresholds holds no figures of its own (load/thresholds.h).

#include "load/thresholds_kb.h"
#include "support/knowledge.h"

namespace rk::testing {

inline const LoadThresholds& data_thresholds() {
  static const LoadThresholds t = load_thresholds(embedded_knowledge());
  return t;
}

}  // namespace rk::testing
