#pragma once
// Reads the runner's stored activities for analysis, in the shape load/ and assess/ want.

#include <cstdint>
#include <vector>

#include "model/activity.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk {

struct StoredHistory {
  std::vector<Activity> activities;  // oldest first
  std::vector<std::int64_t> ids;     // the store's ids, parallel to `activities`
};

/// Every stored activity, with per-second streams only for those that started within
/// `stream_days` of `now_utc`: form signals look at recent runs and their baseline, and loading
/// every stream of a decade would take gigabytes.
Expected<StoredHistory> read_history(Database& db, UserId user, std::int64_t now_utc,
                                     int stream_days);

}  // namespace rk
