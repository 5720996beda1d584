#include "load/stored_history.h"

#include <unordered_map>

#include "store/activity_repo.h"
#include "util/error.h"

namespace rk {

Expected<StoredHistory> read_history(Database& db, UserId user, std::int64_t now_utc,
                                     int stream_days) {
  ActivityRepo repo(db);
  auto all = repo.list(user);
  if (!all) return fail(all.error());
  ActivityQuery recent;
  recent.since_utc = now_utc - std::int64_t{stream_days} * 86400;
  recent.with_streams = true;
  auto with_streams = repo.list(user, recent);
  if (!with_streams) return fail(with_streams.error());
  std::unordered_map<std::int64_t, Activity*> by_id;
  for (auto& s : *with_streams) by_id.emplace(s.id, &s.activity);

  StoredHistory history;
  history.activities.reserve(all->size());
  history.ids.reserve(all->size());
  for (auto& s : *all) {
    auto it = by_id.find(s.id);
    history.activities.push_back(std::move(it != by_id.end() ? *it->second : s.activity));
    history.ids.push_back(s.id);
  }
  return history;
}

}  // namespace rk
