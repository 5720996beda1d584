// Training load: weekly table, spikes, the load and form charts (SVG from the load module's
// renderer), and the training summary. The analysis runs once per store revision and local
// day; every range and format is then cut from the cached report.

#include <memory>
#include <mutex>

#include "load/chart.h"
#include "load/report.h"
#include "load/training_summary.h"
#include "server/routes.h"
#include "store/activity_repo.h"
#include "util/time.h"

namespace rk::server {
namespace {

struct Analysis {
  LoadReport load;
  FormReport form;
  TrainingSummary summary;
};

/// One Analysis per (revision, day); recomputed lazily after an import or at midnight UTC.
class AnalysisCache {
 public:
  explicit AnalysisCache(State& s) : s_(s) {}

  Checked<std::shared_ptr<const Analysis>> get() {
    const std::uint64_t rev = s_.revision();
    const std::int64_t now = now_utc();
    const std::int64_t day = now / 86400;
    {
      std::lock_guard lock(mu_);
      if (current_ && rev_ == rev && day_ == day) return current_;
    }
    auto computed = s_.with_store([&](Store& store) -> Checked<std::shared_ptr<const Analysis>> {
      ActivityQuery q;
      q.with_streams = true;  // the form analysis reads per-second records
      auto stored = ActivityRepo(store.db()).list(q);
      if (!stored) return internal_error(stored.error());
      std::vector<Activity> acts;
      std::vector<std::int64_t> ids;
      acts.reserve(stored->size());
      for (auto& sa : *stored) {
        ids.push_back(sa.id);
        acts.push_back(std::move(sa.activity));
      }
      const LoadThresholds t{};
      auto a = std::make_shared<Analysis>();
      a->load = analyze_load(acts, now, t);
      a->form = analyze_form(acts, now, t);
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

 private:
  State& s_;
  std::mutex mu_;
  std::shared_ptr<const Analysis> current_;
  std::uint64_t rev_ = 0;
  std::int64_t day_ = 0;
};

Checked<DayRange> weeks_range(const Call& c, const LoadReport& rep) {
  auto weeks = int_query(c, "weeks", 1, 1000);
  if (!weeks) return Unexpected<ApiError>(weeks.error());
  DayRange r;
  r.to_day = rep.today;
  r.from_day = rep.today - 7 * weeks->value_or(26) + 1;
  return r;
}

using View = std::function<ApiResult(const Analysis&, const DayRange&)>;

Router::Handler view(std::shared_ptr<AnalysisCache> cache, View f) {
  return [cache, f](Call& c) -> ApiResult {
    auto a = cache->get();
    if (!a) return Unexpected<ApiError>(a.error());
    auto range = weeks_range(c, (*a)->load);
    if (!range) return Unexpected<ApiError>(range.error());
    return f(**a, *range);
  };
}

Reply svg_reply(const Scene& scene) {
  Reply r;
  r.body = render_svg(scene);
  r.content_type = "image/svg+xml";
  return r;
}

}  // namespace

void add_load_routes(Router& r, State& s) {
  auto cache = std::make_shared<AnalysisCache>(s);
  r.add("GET", "/api/v1/load",
        view(cache, [](const Analysis& a, const DayRange& range) -> ApiResult {
          return json_reply(
              {{"load", load_json(a.load, range)}, {"summary", summary_json(a.summary)}});
        }));
  r.add("GET", "/api/v1/load/spikes",
        view(cache, [](const Analysis& a, const DayRange& range) -> ApiResult {
          return json_reply(runs_json(a.load, range));
        }));
  r.add("GET", "/api/v1/load/summary",
        view(cache, [](const Analysis& a, const DayRange&) -> ApiResult {
          return json_reply(summary_json(a.summary));
        }));
  r.add("GET", "/api/v1/load/chart.svg",
        view(cache, [](const Analysis& a, const DayRange& range) -> ApiResult {
          return svg_reply(load_chart(a.load, range.from_day, range.to_day));
        }));
  r.add("GET", "/api/v1/form",
        view(cache, [](const Analysis& a, const DayRange& range) -> ApiResult {
          return json_reply({{"form", form_json(a.form, range)}});
        }));
  r.add("GET", "/api/v1/form/chart.svg",
        view(cache, [](const Analysis& a, const DayRange& range) -> ApiResult {
          return svg_reply(form_chart(a.form, range.from_day, range.to_day));
        }));
}

}  // namespace rk::server
