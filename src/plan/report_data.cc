#include "plan/report_data.h"

#include <fmt/format.h>

#include "store/koos_repo.h"
#include "util/error.h"
#include "util/time.h"

namespace rk::plan {

Expected<std::vector<std::pair<std::string, KoosScore>>> stored_koos(Database& db, UserId user) {
  auto rows = KoosRepo(db).list(user);
  if (!rows) return fail(rows.error());
  std::vector<std::pair<std::string, KoosScore>> out;
  for (const auto& r : *rows) {
    auto sc = koos_score_from_json(nlohmann::json::parse(r.scores_json, nullptr, false),
                                   fmt::format("koos {}", r.id));
    if (!sc) return fail(sc.error());
    out.push_back({format_date(r.taken_utc), std::move(*sc)});
  }
  return out;
}

Expected<ReportData> report_data(const KnowledgeBase& kb, Database& db, const PlanSession& s,
                                 std::int64_t now_utc, int weeks) {
  ReportData d;
  d.today = format_local_date(now_utc);
  d.today_day = s.inputs.today;
  if (s.assessment) {
    d.assessment = report_assessment(
        kb, nlohmann::json::parse(s.assessment->result_json, nullptr, false),
        format_date(s.assessment->created_utc));
  }
  d.runs = s.inputs.runs;
  d.diary = s.inputs.diary;
  auto koos = stored_koos(db, s.user);
  if (!koos) return fail(koos.error());
  d.koos = std::move(*koos);
  if (auto st = koos_structure()) d.koos_threshold = st->meaningful_change;
  d.plan = generate_plan(s.inputs, s.state, s.rules, weeks);
  d.decisions = s.state.history;
  return d;
}

}  // namespace rk::plan
