#pragma once
// Use cases of the exercise programme (issue 12): the day's exercises with what was ticked off
// and the adherence (`runknee today`, `runknee exercises`, `GET /api/v1/exercises`), and ticking
// an exercise off (`runknee log --exercise`, `POST /api/v1/exercises`). The rules are in
// plan/exercise.h; plan_view (plan.h) records what the plan prescribes and applies the
// adherence rule to the doses.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "plan/exercise.h"
#include "plan/generator.h"
#include "plan/rules.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::app {

struct ExerciseItem {
  plan::Prescription prescribed;
  plan::StrengthExercise exercise;  // name, steps, mistake, progression step
  std::string target, progression;  // from data/exercises.yaml, when the knowledge base is given
  std::optional<plan::ExerciseLog> logged;
};

struct ExerciseDay {
  std::string date;
  bool future = false;                     // after today: shown, not yet to be ticked off
  std::vector<ExerciseItem> exercises;     // what the plan prescribed that day
  std::vector<plan::ExerciseLog> unplanned;  // ticked off but not prescribed that day
  plan::Adherence adherence;               // over the days ending today
  std::string adherence_text;              // in the data's words (plan::adherence_text)
  bool doses_held = false;                 // this week's doses did not rise (adherence rule)
};

struct PlanView;
/// The exercises of `date` from an opened plan view (its records and adherence).
ExerciseDay exercise_day_of(const PlanView& v, const std::string& date,
                            const KnowledgeBase* kb = nullptr);

/// The exercises of `date` ("" = today) with what was ticked off, and today's adherence. Opens
/// the plan as plan_view does, so today's prescription is recorded.
/// `kb` (required: the plan's figures) also gives each exercise its target and progression
/// (data/exercises.yaml).
Expected<ExerciseDay> exercise_day(Database& db, UserId user, std::int64_t now_utc,
                                   const std::string& date = "", const KnowledgeBase* kb = nullptr);

struct ExerciseLogResult {
  plan::ExerciseLog log;
  plan::Adherence before;
  ExerciseDay day;  // the logged day after the change, with the new adherence
};

/// Checks the tick-off (plan::check_exercise_log), stores it as that day's total for the
/// exercise (0 sets clears it), and returns the day and the adherence before and after. Bad
/// input stores nothing.
Expected<ExerciseLogResult> log_exercise(Database& db, UserId user,
                                         const plan::ExerciseLogInput& in, std::int64_t now_utc,
                                         const KnowledgeBase* kb = nullptr);

nlohmann::json to_json(const ExerciseDay& d);

}  // namespace rk::app
