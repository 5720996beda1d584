#include "app/exercise.h"

#include <algorithm>

#include "app/plan.h"
#include "model/calendar.h"
#include "plan/diary.h"
#include "store/exercise_repo.h"
#include "util/error.h"

namespace rk::app {
ExerciseDay exercise_day_of(const PlanView& v, const std::string& date, const KnowledgeBase* kb) {
  ExerciseDay d;
  d.date = date;
  d.adherence = v.adherence;
  d.adherence_text = plan::adherence_text(v.adherence, v.session.rules);
  const auto& rec = v.exercises;
  for (const auto& p : rec.prescribed) {
    if (p.date != date) continue;
    ExerciseItem item;
    item.prescribed = p;
    for (const auto& l : rec.logged) {
      if (l.date == date && l.exercise_id == p.exercise_id) item.logged = l;
    }
    d.exercises.push_back(std::move(item));
  }
  for (const auto& l : rec.logged) {
    if (l.date != date) continue;
    const bool planned = std::any_of(d.exercises.begin(), d.exercises.end(), [&](const auto& i) {
      return i.prescribed.exercise_id == l.exercise_id;
    });
    if (!planned) d.unplanned.push_back(l);
  }
  // Order as the plan lists its exercises; point at their names, steps and mistakes.
  const auto& all = v.session.rules.strengthening;
  const auto rank = [&](const std::string& id) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].id == id) return i;
    }
    return all.size();
  };
  std::stable_sort(d.exercises.begin(), d.exercises.end(), [&](const auto& a, const auto& b) {
    return rank(a.prescribed.exercise_id) < rank(b.prescribed.exercise_id);
  });
  for (auto& i : d.exercises) {
    const auto r = rank(i.prescribed.exercise_id);
    if (r < all.size()) i.exercise = all[r];
    if (const Exercise* e = kb ? kb->exercise(i.prescribed.exercise_id) : nullptr) {
      i.target = e->target;
      i.progression = e->progression;
    }
  }
  const auto day = plan::day_number(date).value_or(v.session.inputs.today);
  d.future = day > v.session.inputs.today;
  const auto& held = v.session.inputs.progression_held;
  d.doses_held = std::find(held.begin(), held.end(), week_start(day)) != held.end();
  return d;
}

Expected<ExerciseDay> exercise_day(Database& db, UserId user, std::int64_t now,
                                   const std::string& date, const KnowledgeBase* kb) {
  if (!kb) return fail_as(ErrorKind::kFailed, "the plan needs the knowledge base");
  auto v = plan_view(*kb, db, user, now, 1);
  if (!v) return fail(v.error());
  const auto today = v->session.inputs.today;
  std::string day = plan::date_of_day(today);
  if (!date.empty()) {
    const auto n = plan::day_number(date);
    if (!n) return bad_input("date", "expected YYYY-MM-DD, got '{}'", date);
    day = plan::date_of_day(*n);
  }
  return exercise_day_of(*v, day, kb);
}

Expected<ExerciseLogResult> log_exercise(Database& db, UserId user,
                                         const plan::ExerciseLogInput& in, std::int64_t now,
                                         const KnowledgeBase* kb) {
  if (!kb) return fail_as(ErrorKind::kFailed, "the plan needs the knowledge base");
  auto v =
      plan_view(*kb, db, user, now, 1);  // records today's prescription before adherence changes
  if (!v) return fail(v.error());
  auto log = plan::check_exercise_log(in, v->session.rules, v->session.inputs.today);
  if (!log) return fail(log.error());
  ExerciseLogResult out;
  out.before = v->adherence;
  out.log = *log;
  const StoredExerciseLog row{log->date, log->exercise_id, log->sets, log->amount, log->pain, now};
  if (auto ok = ExerciseRepo(db).put_log(user, row); !ok) return fail(ok.error());
  auto after = plan_view(*kb, db, user, now, 1);  // adherence and doses with the new tick-off
  if (!after) return fail(after.error());
  out.day = exercise_day_of(*after, log->date, kb);
  return out;
}

nlohmann::json to_json(const ExerciseDay& d) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& i : d.exercises) {
    nlohmann::json e = {{"id", i.prescribed.exercise_id},
                        {"sets", i.prescribed.sets},
                        {"amount", i.prescribed.amount},
                        {"unit", i.prescribed.unit},
                        {"sets_done", i.logged ? i.logged->sets : 0}};
    e["name"] = i.exercise.name.empty() ? i.prescribed.exercise_id : i.exercise.name;
    e["steps"] = i.exercise.steps;
    e["mistake"] = i.exercise.mistake;
    e["target"] = i.target;
    e["progression"] = i.progression;
    e["logged"] = i.logged ? plan::to_json(*i.logged) : nlohmann::json(nullptr);
    list.push_back(std::move(e));
  }
  nlohmann::json unplanned = nlohmann::json::array();
  for (const auto& l : d.unplanned) unplanned.push_back(plan::to_json(l));
  return {{"date", d.date},
          {"future", d.future},
          {"exercises", std::move(list)},
          {"unplanned", std::move(unplanned)},
          {"adherence", plan::to_json(d.adherence)},
          {"adherence_text", d.adherence_text},
          {"doses_held", d.doses_held}};
}

}  // namespace rk::app
