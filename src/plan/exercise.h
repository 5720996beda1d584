#pragma once
// The exercise programme's rules, as pure functions over plain data: checking a ticked-off
// exercise, adherence (sets done / sets prescribed over plan.exercise_adherence_days) and the
// progression rule (a dose rises at a new plan week only when adherence over the days before it
// reached plan.exercise_adherence_min). The store and the use case are in app/exercise.h.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plan/generator.h"
#include "plan/rules.h"
#include "util/expected.h"

namespace rk::plan {

/// What the plan asked for on a day, one per exercise.
struct Prescription {
  std::string date, exercise_id;
  int sets = 0;
  int amount = 0;    // reps per set, or seconds held
  std::string unit;  // "reps" or "s hold"
};

/// What the runner ticked off on a day, one per exercise (the day's total).
struct ExerciseLog {
  std::string date, exercise_id;
  int sets = 0;
  std::optional<int> amount;  // reps per set or seconds held, when given
  std::optional<int> pain;    // 0-10, when given
};

/// A tick-off as a front end reads it. `reps` for a repetition exercise, `hold_s` for a timed
/// hold; both optional (done as prescribed). `sets` is the day's total: 0 clears the day.
struct ExerciseLogInput {
  std::string date;  // "" = today
  std::string exercise_id;
  std::optional<int> sets;
  std::optional<int> reps, hold_s, pain;
};

inline constexpr int kMaxLoggedSets = 20;
inline constexpr int kMaxLoggedAmount = 600;

/// Checks a tick-off against the plan's exercises: a known id, 0..kMaxLoggedSets sets (required),
/// reps only for a repetition exercise and hold_s only for a hold, 1..kMaxLoggedAmount, pain
/// 0-10, a valid date no later than today. Errors are bad input naming the JSON key (exercise_id,
/// sets, reps, hold_s, pain, date).
Expected<ExerciseLog> check_exercise_log(const ExerciseLogInput& in, const PlanRules& r,
                                         std::int64_t today);

/// The API's tick-off body: {"exercise_id", "sets", "reps"?, "hold_s"?, "pain"?, "date"?}.
/// Integers must be whole numbers; an unknown key or a wrong type is bad input naming the key.
Expected<ExerciseLogInput> exercise_log_from_json(const nlohmann::json& j);

struct Adherence {
  int days = 14;                // the window, plan.exercise_adherence_days
  std::string first, last;      // its dates
  int done = 0, prescribed = 0; // sets
  std::optional<int> percent;   // absent when nothing was prescribed in the window
  int min_percent = 70;         // plan.exercise_adherence_min: doses rise only at or above it
  bool below_min() const { return percent && *percent < min_percent; }
};

/// Adherence over the plan.exercise_adherence_days days ending `today`: sets done / sets
/// prescribed. Today's prescription counts only for exercises already ticked off today (the day
/// is not over); a day's logged sets count up to the sets prescribed for that exercise (its
/// usual sets on a day it was not prescribed); at most 100%.
Adherence adherence(const std::vector<Prescription>& prescribed, const std::vector<ExerciseLog>& logs,
                    std::int64_t today, const PlanRules& r);

/// The Mondays at which a dose rise is withheld: every plan week after the one holding
/// `plan_start` up to this week whose previous plan.exercise_adherence_days days had sets
/// prescribed but adherence below plan.exercise_adherence_min; and, while today's adherence is
/// below it, every later week up to `weeks_ahead` weeks from now. Feeds
/// PlanInputs::progression_held.
std::vector<std::int64_t> held_mondays(const std::vector<Prescription>& prescribed,
                                       const std::vector<ExerciseLog>& logs,
                                       std::int64_t plan_start, std::int64_t today,
                                       const PlanRules& r, int weeks_ahead);

/// The strength sessions' exercises dated first..last (day numbers), one per day and exercise.
std::vector<Prescription> prescriptions_of(const Plan& p, std::int64_t first, std::int64_t last);

/// The adherence in the data's words (exercise.* texts): the figure, then what the rule does.
std::string adherence_text(const Adherence& a, const PlanRules& r);

nlohmann::json to_json(const Adherence& a);
nlohmann::json to_json(const ExerciseLog& e);

}  // namespace rk::plan
