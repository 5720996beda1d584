#pragma once
// KOOS (Knee injury and Osteoarthritis Outcome Score; Roos & Lohmander 2003): 42 items in five
// separately scored subscales, scored by the 2012 guide: items 0 (no problems) to 4 (extreme),
// subscale = 100 - mean x 100 / 4 (100 = no problems), computed only when at least half of its
// items are answered. No total score. Each item answers on its own scale (severity, frequency,
// pain-frequency, ...), some reversed; the scales and directions are data in
// data/plan/koos.yaml. The official item text is not bundled: only item ids, scales and the
// subscale structure ship; the user may supply their own copy of the wording.

#include <iosfwd>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace rk::plan {

/// A response scale: its answer words in score order (anchors[0] scores 0 on a non-reversed
/// item, the last scores the maximum).
struct KoosScale {
  std::string id;                    // "severity"
  std::vector<std::string> anchors;  // "None" .. "Extreme"
};

struct KoosItem {
  std::string id;         // "S4"
  std::string scale;      // "frequency"
  bool reversed = false;  // the scale runs the other way: its last word scores 0
};

struct KoosSubscale {
  std::string id;                  // "pain"
  std::string name;                // "Pain"
  std::vector<std::string> items;  // "P1".."P9"
  std::vector<KoosItem> entries;   // the same items with their scales, in the same order
};

struct KoosStructure {
  std::vector<KoosSubscale> subscales;
  std::vector<KoosScale> scales;
  double meaningful_change = 10;  // points, per subscale
  std::string citation;
  std::vector<std::string> all_items() const;
  const KoosItem* item(std::string_view id) const;
  const KoosScale* scale(std::string_view id) const;
  /// The item's answer words in score order (0 = no problems first), direction applied: for
  /// S4 "Always" .. "Never". Empty for an unknown item.
  std::vector<std::string> anchors(std::string_view item_id) const;
  /// Highest score of an item (4 for every KOOS scale); 0 for an unknown item.
  int max_score(std::string_view item_id) const;
};

Expected<KoosStructure> parse_koos_structure(std::string_view yaml, std::string_view file);
/// data/plan/koos.yaml as compiled in.
Expected<KoosStructure> koos_structure();

using KoosAnswers = std::map<std::string, int>;  // item id -> 0..4; unanswered items absent

/// The score of an answer word on an item ("never" on S4 -> 4, on S1 -> 0), case-insensitive;
/// an error naming the item and its words when the word is not on its scale.
Expected<int> koos_score_of_word(const KoosStructure& s, std::string_view item,
                                 std::string_view word);

/// {"P1": 2, "S4": "never", "S3": null, ...} or {"answers": {...}}: a score 0-4 or one of the
/// item's answer words. Unknown ids, out-of-range scores and words not on the item's scale are
/// errors naming the item.
Expected<KoosAnswers> koos_answers_from_json(const nlohmann::json& j, std::string_view where,
                                             const KoosStructure& s);

/// The user's own copy of the item text: `items: {P1: "...", ...}`; unknown ids are errors.
Expected<std::map<std::string, std::string>> parse_koos_item_text(std::string_view yaml,
                                                                  std::string_view file,
                                                                  const KoosStructure& s);

/// "0 Never · 1 Monthly · 2 Weekly · 3 Daily · 4 Always": the answer words with their scores.
std::string koos_anchor_line(const std::vector<std::string>& anchors);

/// The terminal questionnaire: subscale by subscale, each item by its number (or the user's own
/// text when supplied) with its answer words shown whenever they change. An answer is the score
/// (the box number, 0 = first box) or the answer word; blank skips. A bad answer is asked again
/// (up to three times, then an error naming the item). Prompts go to `out`.
Expected<KoosAnswers> ask_koos_items(const KoosStructure& s,
                                     const std::map<std::string, std::string>& text,
                                     std::istream& in, std::ostream& out);

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
