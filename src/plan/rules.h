#pragma once
// The plan's stated rules: thresholds with their citations as the knowledge module parsed them
// (data/plan_rules.yaml, data/load_thresholds.yaml, ...), and from data/plan/: the return-to-run
// ladder, cross-training equivalents, strengthening progression, clearance checks and texts. Every
// figure the generator and the pain-monitoring rules use comes from here, so the plan can print the
// rule it followed.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/expected.h"

namespace rk {
class KnowledgeBase;
}

namespace rk::plan {

struct RuleValue {
  std::string id;
  double value = 0;
  std::string unit, meaning, citation;
};

struct Stage {
  std::string id, title, citation;
  int repeats = 0;  // walk/run blocks; 0 for relief and build
  double run_min = 0, walk_min = 0;
};

struct CrossTraining {
  std::string id, name;
  double ratio = 1;  // minutes per minute of easy running
};

struct StrengthExercise {
  std::string id, name, unit;
  std::vector<std::string> steps;  // how to do it, 3-5 cues (data/plan/exercise_guide.yaml)
  std::string mistake;             // the common mistake to avoid
  int sets = 3, reps = 10, step = 2, max = 15, start_week = 1;
  bool gentle = false;  // suitable while not yet cleared to run
};

/// Something in the latest assessment that keeps the plan from running (data/plan/clearance.yaml):
/// holds when every listed answer has one of its values, or the assessment lists one of the
/// conditions.
struct ClearanceCheck {
  std::string id;
  std::vector<std::pair<std::string, std::vector<std::string>>> answers;  // id -> accepted values
  std::vector<std::string> conditions;
  std::string reason, citation;
};

struct PlanRules {
  std::vector<RuleValue> thresholds;
  std::vector<ClearanceCheck> clearance_checks;
  std::map<std::string, std::string, std::less<>> texts;  // wording with {placeholders}
  std::vector<Stage> stages;                              // [0] = relief, back() = build
  std::vector<CrossTraining> cross_training;
  std::vector<StrengthExercise> strengthening;

  /// The rule with this id; parse_plan_rules guarantees every id the code uses is present.
  const RuleValue& rule(std::string_view id) const;
  double value(std::string_view id) const { return rule(id).value; }
  /// The text with this id: ${threshold.id} replaced by that rule's value, {name} placeholders
  /// by the given values.
  std::string text(std::string_view id,
                   const std::vector<std::pair<std::string, std::string>>& fill = {}) const;
  /// `text` with every ${threshold.id} replaced by that rule's value ("10", "0.8").
  std::string expand_rule_values(std::string_view text) const;
  int relief_stage() const { return 0; }
  int build_stage() const { return static_cast<int>(stages.size()) - 1; }
};

/// Ids the code relies on; a rules file missing one is refused.
const std::vector<std::string>& required_rule_ids();
const std::vector<std::string>& required_text_ids();

struct RulesFile {
  std::string_view name, text;
};
/// The thresholds from `kb`; `stages`, `cross_training`, `strengthening`, `clearance_checks`,
/// `guide` and `texts` from any of the files (a `thresholds` list there is refused).
Expected<PlanRules> parse_plan_rules(const KnowledgeBase& kb, const std::vector<RulesFile>& files);
/// The thresholds from `kb`; data/plan/ladder.yaml, clearance.yaml, exercise_guide.yaml as
/// compiled in.
Expected<PlanRules> plan_rules(const KnowledgeBase& kb);

}  // namespace rk::plan
