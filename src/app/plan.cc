#include "app/plan.h"

#include <fmt/format.h>

#include "plan/report_data.h"
#include "store/koos_repo.h"
#include "util/error.h"
#include "util/time.h"

namespace rk::app {

Expected<PlanView> plan_view(Database& db, std::int64_t now, int weeks, bool miles) {
  auto session = plan::open_plan_session(db, now);
  if (!session) return fail(session.error());
  session->inputs.miles = miles;
  PlanView v;
  v.plan = plan::generate_plan(session->inputs, session->state, session->rules, weeks);
  v.today = plan::today_view(v.plan, session->state);
  v.session = std::move(*session);
  return v;
}

Expected<std::vector<std::pair<std::string, plan::KoosScore>>> koos_history(Database& db) {
  auto rows = KoosRepo(db).list();
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

Expected<plan::ReportData> build_report(const KnowledgeBase& kb, Database& db,
                                       std::int64_t now, int weeks, bool miles) {
  auto v = plan_view(db, now, weeks, miles);
  if (!v) return fail(v.error());
  return plan::report_data(kb, db, v->session, now, weeks);
}

}  // namespace rk::app
