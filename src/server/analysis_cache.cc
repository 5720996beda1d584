#include "server/analysis_cache.h"

#include "load/stored_history.h"
#include "load/thresholds_kb.h"
#include "load/training_summary.h"
#include "server/state.h"
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
    // Streams only for the charted half-year: form analysis reads per-second records of
    // recent runs; every stream of a decade would take gigabytes.
    auto history = read_history(store.db(), now, static_cast<int>(kFormDays));
    if (!history) return internal_error(history.error());
    std::vector<Activity> recent_acts;
    for (const auto& a : history->activities) {
      if (a.start_utc >= now - kFormDays * 86400) recent_acts.push_back(a);
    }
    const auto& acts = history->activities;
    const auto& ids = history->ids;
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
