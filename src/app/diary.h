#pragma once
// Use case: log a day of the pain diary. The rules (strict input, a merge that never drops a
// stored value or red flag, one transaction) live in plan/diary_service.h; `runknee log` and
// `POST /api/v1/diary` call this and only render the result.

#include <cstdint>

#include "plan/diary_service.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::app {

using plan::DiaryLogResult;
using plan::DiaryUpdate;

/// Checks, merges into the day's stored entry, links the day's runs and saves. Errors: bad
/// input with the JSON key at fault in `field`, or the store's failure.
Expected<DiaryLogResult> log_diary(Database& db, UserId user, const DiaryUpdate& update,
                                   std::int64_t now_utc, const KnowledgeBase& kb);

}  // namespace rk::app
