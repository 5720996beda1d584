#include "plan/session.h"

#include <nlohmann/json.hpp>

#include "model/calendar.h"
#include "store/activity_repo.h"
#include "store/diary_repo.h"
#include "store/plan_repo.h"
#include "util/error.h"
#include "util/time.h"

namespace rk::plan {
namespace {

// Long enough for every cap the plan applies (the longest run of the previous 30 days, weekly
// change over two weeks) with room to spare.
constexpr std::int64_t kRunWindowDays = 120;

Expected<std::vector<StoredActivity>> runs_between(Database& db, UserId user,
                                                   std::int64_t first_day, std::int64_t end_day) {
  // Local days straddle UTC ones by up to 14 hours: query a day wider, then filter.
  ActivityQuery q;
  q.since_utc = (first_day - 1) * 86400;
  q.until_utc = (end_day + 1) * 86400;
  auto stored = ActivityRepo(db).list(user, q);
  if (!stored) return fail(stored.error());
  std::vector<StoredActivity> out;
  for (auto& s : *stored) {
    const auto day = local_day(s.activity);
    if (is_running(s.activity) && day >= first_day && day < end_day) out.push_back(std::move(s));
  }
  return out;
}

Expected<void> read_inputs(Database& db, UserId user, PlanSession& s, std::int64_t now_utc) {
  s.inputs.today = local_day_of(now_utc);  // the runner's local day (TZ), not the UTC one
  auto latest = AssessmentRepo(db).latest(user);
  if (!latest) return fail(latest.error());
  if (*latest) {
    s.assessment = **latest;
    const auto where = "assessment " + std::to_string(s.assessment->id);
    if (auto ok = apply_assessment_json(s.assessment->result_json, where, s.inputs); !ok) return ok;
    s.inputs.assessment_day = local_day_of(s.assessment->created_utc);
    s.inputs.assessment_id = s.assessment->id;
  }
  auto runs = runs_between(db, user, s.inputs.today - kRunWindowDays, s.inputs.today + 1);
  if (!runs) return fail(runs.error());
  for (const auto& r : *runs) {
    const auto& a = r.activity;
    s.inputs.runs.push_back(
        {local_day(a), a.distance_m / 1000.0, (a.moving_s > 0 ? a.moving_s : a.elapsed_s) / 60.0});
  }
  auto diary = read_diary(db, user);
  if (!diary) return fail(diary.error());
  s.inputs.diary = std::move(*diary);
  return {};
}

Expected<void> save_state(Database& db, UserId user, const PlanSession& s,
                          const std::vector<DecisionRecord>& decisions, std::int64_t now_utc) {
  PlanRepo repo(db);
  auto tx = db.begin();
  if (!tx) return fail(tx.error());
  for (const auto& d : decisions) {
    if (auto ok = repo.add_decision(user, {0, d.date, now_utc, to_json(d).dump()}); !ok)
      return fail(ok.error());
  }
  if (auto ok = repo.save_state(user, to_json(s.state).dump(), now_utc); !ok)
    return fail(ok.error());
  return tx->commit();
}

}  // namespace

Expected<PlanSession> open_plan_session(Database& db, UserId user, std::int64_t now_utc,
                                        const KnowledgeBase& kb) {
  PlanSession s;
  s.user = user;
  auto rules = plan_rules(kb);
  if (!rules) return fail(rules.error());
  s.rules = std::move(*rules);
  if (auto ok = read_inputs(db, user, s, now_utc); !ok) return fail(ok.error());

  auto saved = PlanRepo(db).load_state(user);
  if (!saved) return fail(saved.error());
  if (*saved) {
    auto st = plan_state_from_json(nlohmann::json::parse(**saved, nullptr, false), "plan state");
    if (!st) return fail(st.error());
    s.state = std::move(*st);
  }
  const auto before = to_json(s.state);  // a new stage, a new assessment or new decisions
  const auto decisions = update_state(s.state, s.inputs, s.rules);
  if (to_json(s.state) != before) {
    if (auto ok = save_state(db, user, s, decisions, now_utc); !ok) return fail(ok.error());
  }
  return s;
}

Expected<std::vector<DiaryEntry>> read_diary(Database& db, UserId user) {
  auto rows = DiaryRepo(db).list(user);
  if (!rows) return fail(rows.error());
  std::vector<DiaryEntry> out;
  for (const auto& r : *rows) {
    auto e = diary_entry_from_json(nlohmann::json::parse(r.entry_json, nullptr, false),
                                   "diary " + r.date);
    if (!e) return fail(e.error());
    out.push_back(std::move(*e));
  }
  return out;
}

Expected<void> attach_day_runs(Database& db, UserId user, DiaryEntry& entry) {
  const auto day = day_number(entry.date);
  if (!day) return fail("date: expected YYYY-MM-DD, got '{}'", entry.date);
  auto runs = runs_between(db, user, *day, *day + 1);
  if (!runs) return fail(runs.error());
  entry.activity_ids.clear();
  entry.run_km = 0;
  for (const auto& r : *runs) {
    entry.activity_ids.push_back(r.id);
    entry.run_km += r.activity.distance_m / 1000.0;
  }
  return {};
}

}  // namespace rk::plan
