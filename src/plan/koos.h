#pragma once
// KOOS (Knee injury and Osteoarthritis Outcome Score; Roos & Lohmander 2003): 42 items in five
// separately scored subscales, scored by the 2012 guide: items 0 (none) to 4 (extreme),
// subscale = 100 - mean x 25 (100 = no problems), computed only when at least half of its items
// are answered. No total score. The official item text is not bundled (see docs/koos.md): only
// item ids and the subscale structure ship in data/plan/koos.yaml.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace rk::plan {

struct KoosSubscale {
  std::string id;                  // "pain"
  std::string name;                // "Pain"
  std::vector<std::string> items;  // "P1".."P9"
};

struct KoosStructure {
  std::vector<KoosSubscale> subscales;
  double meaningful_change = 10;  // points, per subscale
  std::string citation;
  std::vector<std::string> all_items() const;
};

Expected<KoosStructure> parse_koos_structure(std::string_view yaml, std::string_view file);
/// data/plan/koos.yaml as compiled in.
Expected<KoosStructure> koos_structure();

using KoosAnswers = std::map<std::string, int>;  // item id -> 0..4; unanswered items absent

/// {"P1": 2, "S3": null, ...} or {"answers": {...}}; unknown ids and values outside 0-4 are
/// errors naming the item.
Expected<KoosAnswers> koos_answers_from_json(const nlohmann::json& j, std::string_view where,
                                             const KoosStructure& s);

/// The user's own copy of the item text: `items: {P1: "...", ...}`; unknown ids are errors.
Expected<std::map<std::string, std::string>> parse_koos_item_text(std::string_view yaml,
                                                                  std::string_view file,
                                                                  const KoosStructure& s);

struct SubscaleScore {
  std::string id, name;
  int answered = 0;
  int total = 0;
  std::optional<double> score;  // absent when fewer than half the items were answered
};

struct KoosScore {
  std::vector<SubscaleScore> subscales;
  const SubscaleScore* find(std::string_view id) const;
};

KoosScore score_koos(const KoosStructure& s, const KoosAnswers& answers);

struct KoosChange {
  std::string id, name;
  std::optional<double> before, after, delta;
  bool meaningful = false;  // |delta| >= the meaningful-change threshold
};

std::vector<KoosChange> koos_changes(const KoosScore& before, const KoosScore& after,
                                     double threshold);

nlohmann::json to_json(const KoosScore& s);
Expected<KoosScore> koos_score_from_json(const nlohmann::json& j, std::string_view where);

}  // namespace rk::plan
