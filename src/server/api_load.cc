// Training load: weekly table, spikes, the load and form charts (SVG from the load module's
// renderer), and the training summary. The analysis runs once per store revision and local
// day; every range and format is then cut from the cached report.

#include <fmt/format.h>

#include <memory>
#include <mutex>

#include "load/chart.h"
#include "load/report.h"
#include "server/analysis_cache.h"
#include "server/routes.h"
#include "util/time.h"

namespace rk::server {
namespace {

Checked<DayRange> weeks_range(const Call& c, const LoadReport& rep) {
  auto weeks = int_query(c, "weeks", 1, 1000);
  if (!weeks) return Unexpected<ApiError>(weeks.error());
  DayRange r;
  r.to_day = rep.today;
  r.from_day = rep.today - 7 * weeks->value_or(26) + 1;
  return r;
}

using View = std::function<ApiResult(const Analysis&, const DayRange&)>;

/// Every view is cut from the cached analysis; the rendered reply is remembered per store
/// revision, day and query, so that repeated reads cost a lookup.
Router::Handler view(State& s, std::string name, View f) {
  return [&s, name, f](Call& c) -> ApiResult {
    auto weeks = int_query(c, "weeks", 1, 1000);
    if (!weeks) return Unexpected<ApiError>(weeks.error());
    const std::string key = fmt::format("{}:{}:{}", name, weeks->value_or(26), now_utc() / 86400);
    return s.memoized(key, [&]() -> ApiResult {
      auto a = s.analysis().get();
      if (!a) return Unexpected<ApiError>(a.error());
      auto range = weeks_range(c, (*a)->load);
      if (!range) return Unexpected<ApiError>(range.error());
      return f(**a, *range);
    });
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
  r.add("GET", "/api/v1/load",
        view(s, "/api/v1/load", [](const Analysis& a, const DayRange& range) -> ApiResult {
          return json_reply(
              {{"load", load_json(a.load, range)}, {"summary", summary_json(a.summary)}});
        }));
  r.add("GET", "/api/v1/load/spikes",
        view(s, "/api/v1/load/spikes", [](const Analysis& a, const DayRange& range) -> ApiResult {
          return json_reply(runs_json(a.load, range));
        }));
  r.add("GET", "/api/v1/load/summary",
        view(s, "/api/v1/load/summary", [](const Analysis& a, const DayRange&) -> ApiResult {
          return json_reply(summary_json(a.summary));
        }));
  r.add(
      "GET", "/api/v1/load/chart.svg",
      view(s, "/api/v1/load/chart.svg", [](const Analysis& a, const DayRange& range) -> ApiResult {
        return svg_reply(load_chart(a.load, range.from_day, range.to_day));
      }));
  r.add("GET", "/api/v1/form",
        view(s, "/api/v1/form", [](const Analysis& a, const DayRange& range) -> ApiResult {
          return json_reply({{"form", form_json(a.form, range)}});
        }));
  r.add(
      "GET", "/api/v1/form/chart.svg",
      view(s, "/api/v1/form/chart.svg", [](const Analysis& a, const DayRange& range) -> ApiResult {
        return svg_reply(form_chart(a.form, range.from_day, range.to_day));
      }));
}

}  // namespace rk::server
