#pragma once
// Adapting to pain: the pain-monitoring model (Silbernagel 2007) applied to the diary. After
// each logged run the plan advances, holds or steps back one stage by the rules in
// data/plan_rules.yaml:
//   step back  pain during or after the run above 5/10, swelling, or pain not settled by the
//              next morning (above 2/10 and worse than the morning before the run);
//   hold       pain in the acceptable zone (3-5/10), next-morning pain not logged, morning
//              stiffness rising week to week, or not yet enough pain-free sessions at the stage;
//   advance    the stage's pain-free sessions (0-2/10, settled, stiffness not rising) are done;
//   see a clinician  two step-backs in a row, or any red flag in the diary.
// The state (stage, counters, history) is plain data the CLI keeps in PlanRepo.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plan/inputs.h"
#include "plan/rules.h"

namespace rk::plan {

enum class Decision { kAdvance, kHold, kStepBack, kSeeClinician };
std::string decision_name(Decision d);  // the id stored and sent: "step_back"
/// The decision in a runner's words: "moved on", "held", "stepped back", "see a clinician".
std::string decision_words(Decision d);

struct DecisionRecord {
  std::string date;  // the diary day it was made from
  Decision decision = Decision::kHold;
  int stage_before = 0, stage_after = 0;
  std::string reason;
  std::string rule;  // e.g. "plan.pain_during_max"
  std::string citation;
  // The state just before this decision, so a back-filled diary entry can rewind to it
  // (rewind_state). Absent in records written before these fields existed.
  struct Before {
    int ok_sessions = 0, consecutive_step_backs = 0;
    std::int64_t assessment_id = -1;
    std::optional<std::int64_t> clinician_advised_day;
  };

  std::optional<Before> before;
};

/// What the decision changed, as a runner reads it, e.g. "Stepped back to 'Walk/run stage 1':
/// pain during the run was 6/10". A step back at the first stage says it stays there; no
/// "A -> A", no ids.
std::string decision_sentence(const DecisionRecord& d, const PlanRules& r);

struct PlanState {
  int stage = -1;                   // index into PlanRules::stages; -1 before the first plan
  std::int64_t started_day = 0;     // first plan day, for strengthening progression
  std::int64_t assessment_id = -1;  // the assessment the stage was last checked against
  std::string last_processed;       // last diary date decided ("" before any)
  int ok_sessions = 0;              // pain-free sessions at the current stage
  int consecutive_step_backs = 0;
  std::optional<std::int64_t> clinician_advised_day;
  std::vector<DecisionRecord> history;
};

struct Clearance {
  bool cleared = true;
  std::vector<std::string> reasons;  // why not, in plain words
  std::vector<std::string> rules;    // parallel to reasons: the rule or check id
};

struct ClearanceReason {
  std::string text, rule;
};

/// What in the latest assessment keeps the plan from running: emergency or urgent, soon with red
/// flags, any red flag at any level, pain above plan.assessment_pain_max, and the checks in
/// data/plan/clearance.yaml (a limp, locking, catching with giving way, bone stress). Worded to
/// match the assessment's urgency.
std::vector<ClearanceReason> assessment_clearance(const PlanInputs& in, const PlanRules& r);

/// Cleared to run: nothing in assessment_clearance(), no diary red flag or pain above 5/10
/// recently, and no clinician advice pending since the last assessment.
Clearance clearance(const PlanInputs& in, const PlanState& s, const PlanRules& r);

/// The assessment asks for the return-to-run checks before building: pain above
/// plan.build_start_pain_max or not given, or onset not known to be gradual (hazard H5).
bool checks_first(const PlanInputs& in, const PlanRules& r);

/// Where a new plan starts: relief when not cleared or not running; never build when
/// checks_first(); build when the runner is running pain-free; otherwise relief with the
/// return-to-run checks.
int initial_stage(const PlanInputs& in, const PlanRules& r);

/// A new assessment (in.assessment_id differs from the state's) for which checks_first() holds
/// moves a plan at build back to where such a plan starts.
/// Decides every diary entry after s.last_processed that is ready (next-morning pain logged, a
/// full day passed, or not a run) and returns the new decisions, also appended to s.history.
std::vector<DecisionRecord> update_state(PlanState& s, const PlanInputs& in, const PlanRules& r);

/// A diary entry for `from_date` (or an earlier one) changed after the plan had decided on it:
/// puts the state back to what it was before the first decision made from that day or later,
/// drops those decisions and marks the days from `from_date` on as undecided, so the next
/// update_state decides every later day again with the new values. False when nothing from
/// `from_date` on had been decided yet (nothing to rewind).
bool rewind_state(PlanState& s, const std::string& from_date);

nlohmann::json to_json(const DecisionRecord& d);
nlohmann::json to_json(const PlanState& s);
Expected<PlanState> plan_state_from_json(const nlohmann::json& j, std::string_view where);
Expected<DecisionRecord> decision_from_json(const nlohmann::json& j, std::string_view where);

}  // namespace rk::plan
