// Training load: weekly table, spikes, the load and form charts (SVG from the load module's
// renderer), and the training summary. The analysis runs once per store revision and local
// day; every range and format is then cut from the cached report.

#include <fmt/format.h>

#include <memory>
#include <mutex>

#include "model/calendar.h"
#include "load/chart.h"
#include "load/fitness.h"
#include "load/report.h"
#include "load/thresholds_kb.h"
#include "server/analysis_cache.h"
#include "plan/settings.h"
#include "server/routes.h"
#include "util/time.h"

namespace rk::server {
namespace {

/// The range a view shows: ?from=&to= (dates; either may be left out), ?all=1 (the whole
/// history), ?weeks=N (the last N weeks of data); by default the last 12 weeks of data, which
/// for an old history are not the calendar's last 12 weeks.
Checked<DayRange> query_range(const Call& c, const LoadReport& rep) {
  auto weeks = int_query(c, "weeks", 1, 1000);
  if (!weeks) return Unexpected<ApiError>(weeks.error());
  auto from = time_query(c, "from");
  if (!from) return Unexpected<ApiError>(from.error());
  auto to = time_query(c, "to");
  if (!to) return Unexpected<ApiError>(to.error());
  const auto all = c.query("all");
  if (all && (*all == "1" || *all == "true")) {
    return rep.days.empty() ? DayRange{rep.today, rep.today} : DayRange{rep.first_day, rep.today};
  }
  if (*from || *to) {
    DayRange r;
    r.from_day = *from ? **from / 86400 : (rep.days.empty() ? rep.today : rep.first_day);
    r.to_day = *to ? **to / 86400 : last_data_day(rep);
    if (r.from_day > r.to_day) {
      return api_error(400, "invalid_parameter", "from must be on or before to", "from");
    }
    return r;
  }
  return default_range(rep, static_cast<int>(weeks->value_or(12)));
}

nlohmann::json range_json(const LoadReport& rep, const DayRange& r) {
  const bool none = rep.days.empty();
  return {
      {"from", day_string(r.from_day)},
      {"to", day_string(r.to_day)},
      {"first_data", none ? nlohmann::json(nullptr) : nlohmann::json(day_string(rep.first_day))},
      {"last_data",
       none ? nlohmann::json(nullptr) : nlohmann::json(day_string(last_data_day(rep)))}};
}

using View = std::function<ApiResult(const Analysis&, const DayRange&, const Call&)>;

/// Every view is cut from the cached analysis; the rendered reply is remembered per store
/// revision, day and query, so that repeated reads cost a lookup.
Router::Handler view(State& s, std::string name, View f) {
  return [&s, name, f](Call& c) -> ApiResult {
    std::string key = fmt::format("{}:{}", name, local_day_of(now_utc()));  // the local day
    for (const char* q : {"weeks", "from", "to", "all", "basis"}) {
      key += fmt::format(":{}", c.query(q).value_or("-"));
    }
    return s.memoized(key, [&]() -> ApiResult {
      auto a = s.analysis().get();
      if (!a) return Unexpected<ApiError>(a.error());
      auto range = query_range(c, (*a)->load);
      if (!range) return Unexpected<ApiError>(range.error());
      return f(**a, *range, c);
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
        view(s, "/api/v1/load",
             [](const Analysis& a, const DayRange& range, const Call&) -> ApiResult {
               return json_reply({{"load", load_json(a.load, range)},
                                  {"range", range_json(a.load, range)},
                                  {"summary", summary_json(a.summary)}});
             }));
  r.add("GET", "/api/v1/load/fitness",
        view(s, "/api/v1/load/fitness",
             [&s](const Analysis& a, const DayRange& range, const Call& c) -> ApiResult {
               auto basis = parse_fitness_basis(c.query("basis").value_or("distance"));
               if (!basis)
                 return api_error(400, "invalid_parameter", basis.error().message, "basis");
               const LoadThresholds t = load_thresholds(s.kb());
               FitnessOptions o{t.fitness_days, t.fatigue_days, *basis};
               // The averages run over the whole history; the range only selects the days shown.
               nlohmann::json j = fitness_json(fitness_series(a.load.days, o), range, o);
               j["range"] = range_json(a.load, range);
               return json_reply(j);
             }));
  r.add("GET", "/api/v1/load/spikes",
        view(s, "/api/v1/load/spikes",
             [](const Analysis& a, const DayRange& range, const Call&) -> ApiResult {
               return json_reply(runs_json(a.load, range));
             }));
  r.add("GET", "/api/v1/load/summary",
        view(s, "/api/v1/load/summary",
             [](const Analysis& a, const DayRange&, const Call&) -> ApiResult {
               return json_reply(summary_json(a.summary));
             }));
  r.add("GET", "/api/v1/load/chart.svg",
        view(s, "/api/v1/load/chart.svg",
             [](const Analysis& a, const DayRange& range, const Call&) -> ApiResult {
               // In the runner's units, like the CLI's chart files (JSON stays in km).
               auto settings = plan::load_settings();
               if (!settings) return internal_error(settings.error());
               return svg_reply(load_chart(a.load, range.from_day, range.to_day,
                                           settings->units == plan::Units::kMi ? miles_unit()
                                                                               : DistanceUnit{}));
             }));
  r.add("GET", "/api/v1/form",
        view(s, "/api/v1/form",
             [](const Analysis& a, const DayRange& range, const Call&) -> ApiResult {
               return json_reply({{"form", form_json(a.form, range)}});
             }));
  r.add("GET", "/api/v1/form/chart.svg",
        view(s, "/api/v1/form/chart.svg",
             [](const Analysis& a, const DayRange& range, const Call&) -> ApiResult {
               auto settings = plan::load_settings();  // step length in ft with miles
               if (!settings) return internal_error(settings.error());
               return svg_reply(form_chart(a.form, range.from_day, range.to_day,
                                           settings->units == plan::Units::kMi ? miles_unit()
                                                                               : DistanceUnit{}));
             }));
}

}  // namespace rk::server
