#pragma once
// Everything the physio report needs, read from the store in one place: `runknee report` and
// GET /api/v1/report both call this, so the CLI and the web print the same report.

#include <cstdint>

#include "knowledge/knowledge_base.h"
#include "plan/report.h"
#include "plan/session.h"
#include "store/database.h"
#include "util/expected.h"

namespace rk::plan {

/// The report's data from an opened plan session (the plan for `weeks` weeks), the stored KOOS
/// history and the latest assessment in words, all of the session's user.
Expected<ReportData> report_data(const KnowledgeBase& kb, Database& db, const PlanSession& s,
                                 std::int64_t now_utc, int weeks);

/// Every KOOS result `user` stored, oldest first, with its date.
Expected<std::vector<std::pair<std::string, KoosScore>>> stored_koos(Database& db, UserId user);

}  // namespace rk::plan
