#include "plan/exercise.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/calendar.h"
#include "plan/diary.h"
#include "util/error.h"

namespace rk::plan {
namespace {

const StrengthExercise* find_exercise(const PlanRules& r, const std::string& id) {
  for (const auto& e : r.strengthening) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

bool is_hold(const std::string& unit) {
  return unit.find("hold") != std::string::npos;
}

/// Sets done / prescribed over [first, last]; on `partial` (today) a prescription counts only
/// when that exercise was logged that day.
Adherence window(const std::vector<Prescription>& prescribed, const std::vector<ExerciseLog>& logs,
                 std::int64_t first, std::int64_t last, std::optional<std::int64_t> partial,
                 const PlanRules& r) {
  Adherence a;
  a.days = static_cast<int>(last - first + 1);
  a.first = date_of_day(first);
  a.last = date_of_day(last);
  a.min_percent = static_cast<int>(std::lround(r.value("plan.exercise_adherence_min")));
  const auto in_window = [&](const std::string& date) {
    return date >= a.first && date <= a.last;
  };
  std::map<std::pair<std::string, std::string>, int> asked;  // (date, id) -> sets
  for (const auto& p : prescribed) {
    if (in_window(p.date)) asked[{p.date, p.exercise_id}] = p.sets;
  }
  std::map<std::pair<std::string, std::string>, int> did;
  for (const auto& l : logs) {
    if (in_window(l.date) && l.sets > 0) did[{l.date, l.exercise_id}] = l.sets;
  }
  const auto partial_date = partial ? date_of_day(*partial) : std::string();
  for (const auto& [key, sets] : asked) {
    if (key.first == partial_date && !did.contains(key)) continue;
    a.prescribed += sets;
  }
  for (const auto& [key, sets] : did) {
    int cap = 0;
    if (auto it = asked.find(key); it != asked.end()) {
      cap = it->second;
    } else if (const auto* e = find_exercise(r, key.second)) {
      cap = e->sets;
    }
    a.done += std::min(sets, cap);
  }
  if (a.prescribed > 0) {
    a.percent = std::min(100, static_cast<int>(std::lround(100.0 * a.done / a.prescribed)));
  }
  return a;
}

int adherence_days(const PlanRules& r) {
  return std::max(1, static_cast<int>(std::lround(r.value("plan.exercise_adherence_days"))));
}

}  // namespace

Expected<ExerciseLog> check_exercise_log(const ExerciseLogInput& in, const PlanRules& r,
                                         std::int64_t today) {
  ExerciseLog out;
  if (in.exercise_id.empty()) {
    return bad_input("exercise_id", "say which exercise (its id, as the day's list shows it)");
  }
  const auto* e = find_exercise(r, in.exercise_id);
  if (!e) {
    std::string known;
    for (const auto& x : r.strengthening) known += (known.empty() ? "" : ", ") + x.id;
    return bad_input("exercise_id", "unknown exercise '{}' (one of: {})", in.exercise_id, known);
  }
  out.exercise_id = e->id;
  if (in.date.empty()) {
    out.date = date_of_day(today);
  } else {
    const auto day = day_number(in.date);
    if (!day) return bad_input("date", "expected YYYY-MM-DD, got '{}'", in.date);
    if (*day > today) return bad_input("date", "{} is in the future", in.date);
    out.date = date_of_day(*day);
  }
  if (!in.sets) return bad_input("sets", "say how many sets were done (0 clears the day)");
  if (*in.sets < 0 || *in.sets > kMaxLoggedSets) {
    return bad_input("sets", "expected 0-{} sets, got {}", kMaxLoggedSets, *in.sets);
  }
  out.sets = *in.sets;
  const bool hold = is_hold(e->unit);
  if (hold && in.reps) {
    return bad_input("reps", "{} is a timed hold: give the seconds held instead", e->name);
  }
  if (!hold && in.hold_s) {
    return bad_input("hold_s", "{} is counted in repetitions: give the reps instead", e->name);
  }
  const auto amount = hold ? in.hold_s : in.reps;
  if (amount && (*amount < 1 || *amount > kMaxLoggedAmount)) {
    return bad_input(hold ? "hold_s" : "reps", "expected 1-{}, got {}", kMaxLoggedAmount, *amount);
  }
  out.amount = amount;
  if (in.pain && (*in.pain < 0 || *in.pain > 10)) {
    return bad_input("pain", "expected 0-10, got {}", *in.pain);
  }
  out.pain = in.pain;
  return out;
}

Expected<ExerciseLogInput> exercise_log_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return bad_input("", "expected a JSON object");
  ExerciseLogInput in;
  for (const auto& [key, v] : j.items()) {
    if (key == "exercise_id" || key == "date") {
      if (!v.is_string()) return bad_input(key, "expected text");
      (key == "date" ? in.date : in.exercise_id) = v.get<std::string>();
    } else if (key == "sets" || key == "reps" || key == "hold_s" || key == "pain") {
      if (v.is_null()) continue;
      if (!v.is_number_integer()) return bad_input(key, "expected a whole number");
      const auto n = v.get<std::int64_t>();
      if (n < -1000000 || n > 1000000) return bad_input(key, "out of range");
      auto& slot = key == "sets" ? in.sets : key == "reps" ? in.reps : key == "hold_s" ? in.hold_s : in.pain;
      slot = static_cast<int>(n);
    } else {
      return bad_input(key, "unknown field (exercise_id, sets, reps, hold_s, pain, date)");
    }
  }
  if (in.exercise_id.empty()) return bad_input("exercise_id", "required");
  return in;
}

Adherence adherence(const std::vector<Prescription>& prescribed,
                    const std::vector<ExerciseLog>& logs, std::int64_t today,
                    const PlanRules& r) {
  return window(prescribed, logs, today - adherence_days(r) + 1, today, today, r);
}

std::vector<std::int64_t> held_mondays(const std::vector<Prescription>& prescribed,
                                       const std::vector<ExerciseLog>& logs,
                                       std::int64_t plan_start, std::int64_t today,
                                       const PlanRules& r, int weeks_ahead) {
  std::vector<std::int64_t> held;
  const int days = adherence_days(r);
  const auto this_monday = week_start(today);
  for (auto m = week_start(plan_start) + 7; m <= this_monday; m += 7) {
    if (window(prescribed, logs, m - days, m - 1, std::nullopt, r).below_min()) held.push_back(m);
  }
  if (adherence(prescribed, logs, today, r).below_min()) {
    for (int w = 1; w <= weeks_ahead; ++w) held.push_back(this_monday + 7 * w);
  }
  return held;
}

std::vector<Prescription> prescriptions_of(const Plan& p, std::int64_t first, std::int64_t last) {
  std::vector<Prescription> out;
  for (const auto& w : p.weeks) {
    for (const auto& s : w.sessions) {
      if (s.kind != SessionKind::kStrength || s.day < first || s.day > last) continue;
      for (const auto& e : s.exercises) {
        const bool dup = std::any_of(out.begin(), out.end(), [&](const Prescription& x) {
          return x.date == s.date && x.exercise_id == e.id;
        });
        if (!dup) out.push_back({s.date, e.id, e.sets, e.amount, e.unit});
      }
    }
  }
  return out;
}

std::string adherence_text(const Adherence& a, const PlanRules& r) {
  const auto n = [](int v) { return std::to_string(v); };
  if (!a.percent) return r.text("exercise.adherence_none", {{"days", n(a.days)}});
  std::string out = r.text("exercise.adherence", {{"days", n(a.days)},
                                                   {"done", n(a.done)},
                                                   {"prescribed", n(a.prescribed)},
                                                   {"percent", n(*a.percent)}});
  out += ' ';
  out += r.text(a.below_min() ? "exercise.below_min" : "exercise.at_min",
                {{"min", n(a.min_percent)}});
  return out;
}

nlohmann::json to_json(const Adherence& a) {
  nlohmann::json j = {{"days", a.days},         {"first", a.first},
                      {"last", a.last},         {"sets_done", a.done},
                      {"sets_prescribed", a.prescribed}, {"min_percent", a.min_percent},
                      {"below_min", a.below_min()}};
  j["percent"] = a.percent ? nlohmann::json(*a.percent) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json to_json(const ExerciseLog& e) {
  nlohmann::json j = {{"date", e.date}, {"exercise_id", e.exercise_id}, {"sets", e.sets}};
  j["amount"] = e.amount ? nlohmann::json(*e.amount) : nlohmann::json(nullptr);
  j["pain"] = e.pain ? nlohmann::json(*e.pain) : nlohmann::json(nullptr);
  return j;
}

}  // namespace rk::plan
