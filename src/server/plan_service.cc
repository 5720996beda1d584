#include "server/plan_service.h"

#include "plan/adapt.h"
#include "plan/inputs.h"
#include "store/activity_repo.h"
#include "store/assessment_repo.h"
#include "store/diary_repo.h"
#include "store/plan_repo.h"
#include "util/time.h"

namespace rk::server {
namespace {

bool is_run(const Activity& a) {
  return a.sport == "running";
}

std::int64_t local_day(const Activity& a) {
  return (a.start_utc + a.local_offset_s.value_or(0)) / 86400;
}

Checked<plan::PlanInputs> gather(Store& store, std::int64_t now) {
  plan::PlanInputs in;
  in.today = now / 86400;
  auto latest = AssessmentRepo(store.db()).latest();
  if (!latest) return internal_error(latest.error());
  if (*latest) {
    const auto where = "assessment " + std::to_string((*latest)->id);
    if (auto r = plan::apply_assessment_json((*latest)->result_json, where, in); !r) {
      return internal_error(r.error());
    }
  }
  auto acts = ActivityRepo(store.db()).list();
  if (!acts) return internal_error(acts.error());
  for (const auto& s : *acts) {
    if (!is_run(s.activity)) continue;
    const auto& a = s.activity;
    in.runs.push_back(
        {local_day(a), a.distance_m / 1000.0, (a.moving_s > 0 ? a.moving_s : a.elapsed_s) / 60.0});
  }
  auto diary = DiaryRepo(store.db()).list();
  if (!diary) return internal_error(diary.error());
  for (const auto& d : *diary) {
    const Json j = Json::parse(d.entry_json, nullptr, false);
    auto e = plan::diary_entry_from_json(j, "diary " + d.date);
    if (!e) return internal_error(e.error());
    in.diary.push_back(std::move(*e));
  }
  return in;
}

}  // namespace

Checked<PlanSnapshot> current_plan(Store& store, std::int64_t now, int weeks) {
  static const auto rules = plan::plan_rules();
  if (!rules) return internal_error(rules.error());
  auto in = gather(store, now);
  if (!in) return Unexpected<ApiError>(in.error());

  PlanRepo repo(store.db());
  auto saved = repo.load_state();
  if (!saved) return internal_error(saved.error());
  PlanSnapshot snap;
  if (*saved) {
    auto st = plan::plan_state_from_json(Json::parse(**saved, nullptr, false), "plan state");
    if (!st) return internal_error(st.error());
    snap.state = std::move(*st);
  }
  const bool fresh = snap.state.stage < 0;
  const auto decisions = plan::update_state(snap.state, *in, *rules);
  snap.plan = plan::generate_plan(*in, snap.state, *rules, weeks);
  if (fresh) {
    snap.state.stage = snap.plan.stage;
    snap.state.started_day = in->today;
  }
  if (fresh || !decisions.empty()) {
    auto tx = store.db().begin();
    if (!tx) return internal_error(tx.error());
    for (const auto& d : decisions) {
      if (auto r = repo.add_decision({0, d.date, now, plan::to_json(d).dump()}); !r) {
        return internal_error(r.error());
      }
    }
    if (auto r = repo.save_state(plan::to_json(snap.state).dump(), now); !r) {
      return internal_error(r.error());
    }
    if (auto r = tx->commit(); !r) return internal_error(r.error());
  }
  snap.today = plan::today_view(snap.plan, snap.state);
  return snap;
}

Checked<void> attach_runs(Store& store, plan::DiaryEntry& e) {
  const auto day = plan::day_number(e.date);
  if (!day) return api_error(422, "invalid_value", "date must look like 2026-11-25", "date");
  ActivityQuery q;
  q.since_utc = (*day - 1) * 86400;  // local days straddle UTC ones
  q.until_utc = (*day + 2) * 86400;
  auto acts = ActivityRepo(store.db()).list(q);
  if (!acts) return internal_error(acts.error());
  e.activity_ids.clear();
  e.run_km = 0;
  for (const auto& s : *acts) {
    if (!is_run(s.activity) || local_day(s.activity) != *day) continue;
    e.activity_ids.push_back(s.id);
    e.run_km += s.activity.distance_m / 1000.0;
  }
  return {};
}

}  // namespace rk::server
