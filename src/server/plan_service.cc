#include "server/plan_service.h"

#include "plan/session.h"

namespace rk::server {

Checked<PlanSnapshot> current_plan(Store& store, std::int64_t now, int weeks) {
  auto session = plan::open_plan_session(store.db(), now);
  if (!session) return internal_error(session.error());
  PlanSnapshot snap;
  snap.plan = plan::generate_plan(session->inputs, session->state, session->rules, weeks);
  snap.state = std::move(session->state);
  snap.today = plan::today_view(snap.plan, snap.state);
  return snap;
}

Checked<void> attach_runs(Store& store, plan::DiaryEntry& e) {
  // The date was validated with the entry, so a failure here is the store's.
  if (auto ok = plan::attach_day_runs(store.db(), e); !ok) return internal_error(ok.error());
  return {};
}

}  // namespace rk::server
