#pragma once
// Everything the plan generator reads, as plain data, so it is a pure function that tests can
// drive with generated histories. One adapter turns the stored assessment result JSON
// (docs/assessment.md, schema_version 1) into these inputs.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/urgency.h"
#include "load/summary.h"
#include "plan/diary.h"
#include "util/expected.h"

namespace rk::plan {

struct CauseScore {
  std::string id;  // overuse, poor_form, hip_weakness, foot_mechanics, direct_trauma
  double score = 0;
};

/// One past run, for the longest-run-of-30-days cap; day = days since 1970-01-01.
struct PastRun {
  std::int64_t day = 0;
  double km = 0;
  double minutes = 0;
};

struct PlanInputs {
  bool has_assessment = false;
  std::int64_t assessment_id = 0;     // the stored assessment's id (0: none, or not stored)
  Urgency urgency = Urgency::kSelfCare;
  bool assessment_red_flags = false;
  std::vector<std::string> red_flag_texts;  // the assessment's red flags, in its own words
  std::int64_t assessment_day = 0;
  /// The assessment's answers as text ("true", "limp", "9"; a multi answer lists each value).
  std::map<std::string, std::vector<std::string>, std::less<>> answers;
  std::vector<std::string> conditions;  // ids of the conditions the assessment lists
  /// The worst of the assessment's pain during running, after it and the next morning.
  std::optional<int> assessment_pain;
  std::vector<CauseScore> causes;  // best first
  std::optional<TrainingSummary> training;
  std::vector<PastRun> runs;          // oldest first; may be empty when only `training` is known
  std::optional<double> cadence_spm;  // the runner's own recent cadence
  std::vector<DiaryEntry> diary;      // oldest first
  std::int64_t today = 0;             // days since 1970-01-01
  bool miles = false;                 // text shows miles (`runknee config set units mi`)
  /// Mondays whose strengthening dose rise is withheld: adherence was below
  /// plan.exercise_adherence_min (plan/exercise.h, held_mondays).
  std::vector<std::int64_t> progression_held;

  /// True when the cause is listed with at least this score.
  bool has_cause(std::string_view id, double min_score = 0.3) const;
};

/// Fills urgency, red flags, causes, training and cadence from the assessment result JSON.
/// `where` prefixes errors ("assessment 3").
Expected<void> apply_assessment_json(std::string_view json, std::string_view where, PlanInputs& in);

/// The TrainingSummary fields the plan uses, from the JSON the assessment embeds.
TrainingSummary training_summary_from_json(const nlohmann::json& j);

}  // namespace rk::plan
