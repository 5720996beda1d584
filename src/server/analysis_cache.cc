#include "server/analysis_cache.h"

#include "app/training.h"
#include "server/state.h"
#include "util/time.h"

namespace rk::server {

Checked<std::shared_ptr<const Analysis>> AnalysisCache::get() {
  const std::uint64_t rev = s_.revision();
  const std::int64_t now = now_utc();
  const std::int64_t day = local_day_of(now);  // the runner's day: it turns at local midnight
  {
    std::lock_guard lock(mu_);
    if (current_ && rev_ == rev && day_ == day) return current_;
  }
  auto computed = s_.with_store([&](Store& store) -> Checked<std::shared_ptr<const Analysis>> {
    auto views = app::training_views(store.db(), store.local_user(), s_.kb(), now);
    if (!views) return error_reply(views.error());
    return std::shared_ptr<const Analysis>(std::make_shared<Analysis>(std::move(*views)));
  });
  if (!computed) return computed;
  std::lock_guard lock(mu_);
  current_ = *computed;
  rev_ = rev;
  day_ = day;
  return current_;
}

}  // namespace rk::server
