#include "app/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "assess/summary.h"
#include "plan/report_data.h"
#include "store/exercise_repo.h"
#include "store/koos_repo.h"
#include "util/error.h"
#include "util/time.h"

namespace rk::app {

namespace {

Expected<ExerciseRecords> read_exercise_records(Database& db, UserId user) {
  ExerciseRepo repo(db);
  ExerciseRecords out;
  auto prescribed = repo.prescribed(user, "0000-00-00", "9999-99-99");
  if (!prescribed) return fail(prescribed.error());
  for (auto& p : *prescribed) {
    out.prescribed.push_back({p.date, p.exercise_id, p.sets, p.amount, p.unit});
  }
  auto logged = repo.logged(user, "0000-00-00", "9999-99-99");
  if (!logged) return fail(logged.error());
  for (auto& l : *logged) out.logged.push_back({l.date, l.exercise_id, l.sets, l.amount, l.pain});
  return out;
}

bool same(const plan::Prescription& a, const plan::Prescription& b) {
  return a.date == b.date && a.exercise_id == b.exercise_id && a.sets == b.sets &&
         a.amount == b.amount && a.unit == b.unit;
}

/// Records the plan's exercises from today to its last day as prescribed, when they changed.
Expected<void> record_prescriptions(Database& db, UserId user, const plan::Plan& p,
                                    std::int64_t today, ExerciseRecords& rec) {
  std::int64_t last = today;
  for (const auto& w : p.weeks) {
    for (const auto& s : w.sessions) last = std::max(last, s.day);
  }
  auto fresh = plan::prescriptions_of(p, today, last);
  std::sort(fresh.begin(), fresh.end(), [](const auto& a, const auto& b) {
    return std::tie(a.date, a.exercise_id) < std::tie(b.date, b.exercise_id);
  });
  const auto first_date = plan::date_of_day(today), last_date = plan::date_of_day(last);
  std::vector<plan::Prescription> kept, stored;
  for (auto& x : rec.prescribed) {
    (x.date >= first_date && x.date <= last_date ? stored : kept).push_back(x);
  }
  const bool changed = stored.size() != fresh.size() ||
                       !std::equal(stored.begin(), stored.end(), fresh.begin(), same);
  if (changed) {
    std::vector<StoredPrescription> rows;
    for (const auto& x : fresh) rows.push_back({x.date, x.exercise_id, x.sets, x.amount, x.unit});
    auto tx = db.begin();
    if (!tx) return fail(tx.error());
    if (auto ok = ExerciseRepo(db).replace_prescribed(user, first_date, last_date, rows); !ok) {
      return fail(ok.error());
    }
    if (auto ok = tx->commit(); !ok) return fail(ok.error());
  }
  kept.insert(kept.end(), fresh.begin(), fresh.end());
  rec.prescribed = std::move(kept);
  return {};
}

}  // namespace

Expected<PlanView> plan_view(const KnowledgeBase& kb, Database& db, UserId user, std::int64_t now,
                             int weeks, bool miles) {
  auto session = plan::open_plan_session(db, user, now, kb);
  if (!session) return fail(session.error());
  session->inputs.miles = miles;
  PlanView v;
  auto rec = read_exercise_records(db, user);
  if (!rec) return fail(rec.error());
  v.exercises = std::move(*rec);
  const auto today = session->inputs.today;
  const auto start = session->state.started_day > 0 ? session->state.started_day : today;
  const auto held = [&] {
    return plan::held_mondays(v.exercises.prescribed, v.exercises.logged, start, today,
                              session->rules, plan::kPlanMaxWeeks);
  };
  // Today's prescription counts in today's adherence, which can hold the later weeks' doses:
  // record it, then generate again when the held weeks changed (the sets never depend on them).
  for (int pass = 0; pass < 2; ++pass) {
    auto h = held();
    if (pass == 1 && h == session->inputs.progression_held) break;
    session->inputs.progression_held = std::move(h);
    v.plan = plan::generate_plan(session->inputs, session->state, session->rules, weeks);
    if (auto ok = record_prescriptions(db, user, v.plan, today, v.exercises); !ok) {
      return fail(ok.error());
    }
  }
  v.today = plan::today_view(v.plan, session->state, session->rules);
  v.adherence = plan::adherence(v.exercises.prescribed, v.exercises.logged, today, session->rules);
  v.session = std::move(*session);
  return v;
}

Expected<std::vector<std::string>> plan_today_lines(const KnowledgeBase& kb, Database& db,
                                                    UserId user, std::int64_t now,
                                                    std::int64_t assessment_id) {
  auto v = plan_view(kb, db, user, now, plan::kPlanDefaultWeeks);
  if (!v) return fail(v.error());
  std::vector<std::string> lines;
  if (v->session.inputs.assessment_id != assessment_id) return lines;
  lines.push_back(fmt::format("{} {}", kSummaryPlanLead, v->today.headline));
  for (const auto& s : v->today.sessions) lines.push_back(fmt::format("Today: {}", s.title));
  if (v->today.sessions.empty() && v->today.cleared) lines.push_back("Today: a rest day");
  return lines;
}

Expected<std::vector<std::pair<std::string, plan::KoosScore>>> koos_history(Database& db,
                                                                            UserId user) {
  auto rows = KoosRepo(db).list(user);
  if (!rows) return fail(rows.error());
  std::vector<std::pair<std::string, plan::KoosScore>> out;
  for (const auto& r : *rows) {
    auto sc = plan::koos_score_from_json(nlohmann::json::parse(r.scores_json, nullptr, false),
                                         fmt::format("koos {}", r.id));
    if (!sc) return fail(as_kind(sc.error(), ErrorKind::kCorruptStore));
    out.push_back({format_date(r.taken_utc), std::move(*sc)});
  }
  return out;
}

Expected<plan::ReportData> build_report(const KnowledgeBase& kb, Database& db, UserId user,
                                        std::int64_t now, int weeks, bool miles) {
  auto v = plan_view(kb, db, user, now, weeks, miles);
  if (!v) return fail(v.error());
  auto data = plan::report_data(kb, db, v->session, now, weeks);
  if (!data) return fail(data.error());
  data->exercise_adherence = plan::adherence_text(v->adherence, v->session.rules);
  data->units = miles ? plan::Units::kMi : plan::Units::kKm;
  return data;
}

}  // namespace rk::app
