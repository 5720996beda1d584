#include "server/analysis_cache.h"

#include "load/thresholds_kb.h"
#include "load/training_summary.h"
#include "server/state.h"
#include "store/activity_repo.h"
#include "util/time.h"

namespace rk::server {
namespace {

constexpr std::int64_t kFormDays = 200;

}  // namespace

Checked<std::shared_ptr<const Analysis>> AnalysisCache::get() {
  const std::uint64_t rev = s_.revision();
  const std::int64_t now = now_utc();
  const std::int64_t day = now / 86400;
  {
    std::lock_guard lock(mu_);
    if (current_ && rev_ == rev && day_ == day) return current_;
  }
  auto computed = s_.with_store([&](Store& store) -> Checked<std::shared_ptr<const Analysis>> {
    ActivityRepo repo(store.db());
    auto stored = repo.list();
    if (!stored) return internal_error(stored.error());
    // The form analysis reads per-second records, but only of recent runs (its baseline and
    // the charted half-year); loading every stream of a decade would take gigabytes.
    ActivityQuery recent;
    recent.since_utc = now - kFormDays * 86400;
    recent.with_streams = true;
    auto with_streams = repo.list(recent);
    if (!with_streams) return internal_error(with_streams.error());
    std::vector<Activity> recent_acts;
    for (auto& sa : *with_streams) recent_acts.push_back(std::move(sa.activity));
    std::vector<Activity> acts;
    std::vector<std::int64_t> ids;
    acts.reserve(stored->size());
    for (auto& sa : *stored) {
      ids.push_back(sa.id);
      acts.push_back(std::move(sa.activity));
    }
    const LoadThresholds t = load_thresholds(s_.kb());
    auto a = std::make_shared<Analysis>();
    a->load = analyze_load(acts, now, t);
    a->form = analyze_form(recent_acts, now, t);
    a->summary = summarize_training(acts, ids, now, t);
    return std::shared_ptr<const Analysis>(std::move(a));
  });
  if (!computed) return computed;
  std::lock_guard lock(mu_);
  current_ = *computed;
  rev_ = rev;
  day_ = day;
  return current_;
}

}  // namespace rk::server
