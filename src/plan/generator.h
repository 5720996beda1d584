#pragma once
// The plan generator: a pure function from PlanInputs, the adaptive state and the rules to a
// week-by-week plan. Not cleared to run -> relief and cross-training only. Cleared -> the
// return-to-run ladder from the current stage (one stage a week when the diary allows), then
// distance building. Caps, enforced on every planned run (tests/plan/property_test.cc checks):
//   * no run longer than 1.10 x the longest run of the previous 30 days, counting planned runs;
//   * planned weekly distance at most 1.10 x the previous week's (actual, then planned);
//   * no running at all while not cleared.
// Every session says why it is there and cites its source.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plan/adapt.h"
#include "plan/inputs.h"
#include "plan/rules.h"

namespace rk::plan {

enum class SessionKind { kRun, kWalkRun, kCrossTraining, kStrength, kRelief, kCheck };
std::string kind_name(SessionKind k);

struct ExerciseDose {
  std::string id, name;
  int sets = 0;
  int amount = 0;                  // reps per set, or seconds held
  std::string unit;                // "reps" or "s hold"
  std::vector<std::string> steps;  // how to do it (data/plan/exercise_guide.yaml)
  std::string mistake;             // the common mistake to avoid
};

struct Session {
  std::int64_t day = 0;
  std::string date;
  SessionKind kind = SessionKind::kRun;
  std::string title, details;
  std::optional<double> minutes;
  std::optional<double> distance_km;  // runs and walk/runs: the planned (capped) distance
  bool capped = false;                // shortened by the 30-day or weekly cap
  bool long_run = false;              // the week's long run
  std::vector<ExerciseDose> exercises;
  std::string why, citation;

  bool is_running() const { return kind == SessionKind::kRun || kind == SessionKind::kWalkRun; }
};

struct PlanWeek {
  int index = 1;
  std::string start_date;
  std::string stage_id, stage_title;
  double planned_km = 0;
  std::optional<double> weekly_cap_km;  // absent when the previous week had no running
  std::vector<Session> sessions;
};

struct Guidance {
  std::string id, title, text, why, citation;
};

struct Plan {
  std::string today;
  bool needs_assessment = false;  // no knee check yet: no clearance either way, no sessions
  bool has_runs = false;          // runs in the store's recent window
  bool cleared = true;
  std::vector<std::string> not_cleared_reasons;
  std::string headline;
  int stage = 0;
  std::string stage_id;
  std::vector<PlanWeek> weeks;
  std::vector<Guidance> guidance;
  std::vector<RuleValue> rules;  // the stated rules the plan follows
};

/// The runner's own week, read from the runs of the last plan.structure_weeks weeks, counted in
/// 7-day blocks back from today (block 0 = the 7 days before today). A block's longest run is
/// its long run; the others are weekday runs.
struct RunnerWeek {
  bool known = false;              // false without runs in the window: the rules' default week
  int runs_per_week = 0;           // rounded mean over the blocks since the first run in the window
  int long_weekday = 5;            // 0 = Monday ... 6 = Sunday: where the long run usually falls
  std::vector<int> weekdays;       // the usual weekday-run days, most used first
  std::vector<double> weekday_km;  // parallel: the median distance on that weekday
  double weekday_median_km = 0;    // the median of all weekday runs
  double long_median_km = 0;       // the median of the blocks' long runs
  std::vector<PastRun> long_runs;  // each block's long run, oldest first
};
RunnerWeek runner_week(const std::vector<PastRun>& runs, std::int64_t today, const PlanRules& r);
/// 0 = Monday ... 6 = Sunday.
int weekday_of(std::int64_t day);

/// How far `plan` looks by default (this week and next) and at most (`--all`).
inline constexpr int kPlanDefaultWeeks = 2;
inline constexpr int kPlanMaxWeeks = 26;

/// `state` should have been through update_state(); a state with stage -1 starts fresh. Without
/// an assessment there is no plan yet (needs_assessment, not cleared, no weeks).
Plan generate_plan(const PlanInputs& in, const PlanState& state, const PlanRules& r, int weeks);

/// What to do on `today` and why: the day's sessions, or a rest day.
struct TodayView {
  std::string date;
  bool needs_assessment = false;  // the JSON then carries the first-run welcome
  bool has_runs = false;
  bool cleared = true;
  std::vector<std::string> not_cleared_reasons;
  std::string headline;
  std::string stage_title;
  std::vector<Session> sessions;
  std::optional<DecisionRecord> last_decision;
  std::string last_change;  // decision_sentence of last_decision; empty without one
};
TodayView today_view(const Plan& p, const PlanState& s, const PlanRules& r);

nlohmann::json to_json(const Session& s);
nlohmann::json to_json(const Plan& p);
nlohmann::json to_json(const TodayView& t);

}  // namespace rk::plan
