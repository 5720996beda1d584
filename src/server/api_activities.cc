// Activities: list, detail with streams for the charts, and upload import.

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "ingest/activity_format.h"
#include "load/splits.h"
#include "server/analysis_cache.h"
#include "server/routes.h"
#include "server/upload.h"
#include "store/activity_name_repo.h"
#include "store/activity_repo.h"
#include "util/time.h"

namespace rk::server {
namespace {

Json opt(const std::optional<double>& v) {
  return v ? Json(*v) : Json(nullptr);
}

/// The one activity encoder (ingest), with the runner's own name when they gave one.
Json summary_json(const StoredActivity& s, const std::string* name) {
  Json j = rk::summary_json(s.activity, s.id, true);
  const std::string default_name = j["name"].get<std::string>();
  j["name"] = name ? *name : default_name;
  j["default_name"] = default_name;
  j["renamed"] = name != nullptr;
  return j;
}

Json value_or_null(double v) {
  return std::isfinite(v) ? Json(std::round(v * 10) / 10) : Json(nullptr);
}

/// Speed per sample: the speed stream, else distance over time between samples.
std::vector<double> speeds(const Streams& st) {
  std::vector<double> v(st.size(), NAN);
  if (st.speed_mps.size() == st.size()) {
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = st.speed_mps[i];
  } else if (st.distance_m.size() == st.size()) {
    for (std::size_t i = 1; i < v.size(); ++i) {
      const double dt = st.time_s[i] - st.time_s[i - 1];
      if (dt > 0) v[i] = (st.distance_m[i] - st.distance_m[i - 1]) / dt;
    }
  }
  return v;
}

/// Streams cut into at most `points` buckets, each the mean of its finite samples, so that a
/// four-hour run still draws quickly and a short one keeps every sample.
Json streams_json(const Streams& st, std::size_t points) {
  const std::size_t n = st.size();
  const std::size_t buckets = std::min(n, points);
  const auto speed = speeds(st);
  auto column = [&](auto value_at, bool present) {
    Json out = Json::array();
    if (!present) return out;
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::size_t lo = b * n / buckets, hi = (b + 1) * n / buckets;
      double sum = 0;
      int count = 0;
      for (std::size_t i = lo; i < hi; ++i) {
        const double v = value_at(i);
        if (std::isfinite(v)) sum += v, ++count;
      }
      out.push_back(count ? value_or_null(sum / count) : Json(nullptr));
    }
    return out;
  };
  auto pace_at = [&](std::size_t i) {
    // Below a slow walk the pace is meaningless (standing at a crossing).
    return speed[i] > 0.8 ? 1000.0 / speed[i] : NAN;
  };
  return {
      {"time_s", column([&](std::size_t i) { return double(st.time_s[i]); }, true)},
      {"distance_km",
       column([&](std::size_t i) { return st.distance_m[i] / 1000.0; }, st.distance_m.size() == n)},
      {"pace_s_per_km", column(pace_at, true)},
      {"heart_rate_bpm", column([&](std::size_t i) { return double(st.heart_rate_bpm[i]); },
                                st.heart_rate_bpm.size() == n)},
      {"cadence_spm", column([&](std::size_t i) { return double(st.cadence_spm[i]); },
                             st.cadence_spm.size() == n)},
      {"altitude_m",
       column([&](std::size_t i) { return double(st.altitude_m[i]); }, st.altitude_m.size() == n)},
  };
}

ApiResult list_activities(State& s, Call& c) {
  auto since = time_query(c, "since");
  if (!since) return Unexpected<ApiError>(since.error());
  auto until = time_query(c, "until");
  if (!until) return Unexpected<ApiError>(until.error());
  auto limit = int_query(c, "limit", 1, 10000);
  if (!limit) return Unexpected<ApiError>(limit.error());
  auto offset = int_query(c, "offset", 0, 10'000'000);
  if (!offset) return Unexpected<ApiError>(offset.error());
  const auto n = static_cast<std::size_t>(limit->value_or(100));
  const auto skip = static_cast<std::size_t>(offset->value_or(0));
  const std::string key = "activities:" + std::to_string(since->value_or(0)) + ":" +
                          std::to_string(until->value_or(0)) + ":" + std::to_string(n) + ":" +
                          std::to_string(skip);
  return s.cached(key, [&](Store& store) -> Checked<Json> {
    ActivityQuery q;
    q.since_utc = *since;
    q.until_utc = *until;
    auto all = ActivityRepo(store.db()).list(store.local_user(), q);
    if (!all) return internal_error(all.error());
    auto names = ActivityNameRepo(store.db()).all(store.local_user());
    if (!names) return internal_error(names.error());
    Json items = Json::array();
    // Newest first: walk the oldest-first list backwards.
    for (std::size_t i = skip; i < all->size() && items.size() < n; ++i) {
      const StoredActivity& a = (*all)[all->size() - 1 - i];
      const auto named = names->find(a.id);
      items.push_back(summary_json(a, named == names->end() ? nullptr : &named->second));
    }
    return Json{{"total", all->size()}, {"offset", skip}, {"activities", std::move(items)}};
  });
}

Json splits_json(const Streams& st, bool miles) {
  Json out = Json::array();
  for (const Split& sp : splits(st, miles ? 1609.344 : 1000)) {
    auto round1 = [](const std::optional<double>& v) {
      return v ? Json(std::round(*v * 10) / 10) : Json(nullptr);
    };
    out.push_back({{"index", sp.index},
                   {"distance_km", std::round(sp.distance_m) / 1000.0},
                   {"time_s", std::round(sp.time_s * 10) / 10},
                   {"pace_s_per_km", round1(sp.pace_s_per_km)},
                   {"avg_heart_rate", round1(sp.avg_heart_rate)},
                   {"avg_cadence_spm", round1(sp.avg_cadence_spm)},
                   {"ascent_m", round1(sp.ascent_m)},
                   {"descent_m", round1(sp.descent_m)},
                   {"partial", sp.partial}});
  }
  return out;
}

/// This run against the longest run of the spike window before it (from the cached load analysis).
Json spike_json(const LoadReport& rep, const Activity& a) {
  for (const RunLoad& r : rep.runs) {
    if (r.start_utc != a.start_utc || std::fabs(r.distance_m - a.distance_m) > 1) continue;
    return {{"longest_prev30_km", std::round(r.longest_prev_m / 100) / 10},
            {"spike_pct", r.spike_pct ? Json(std::round(*r.spike_pct)) : Json(nullptr)},
            {"category", std::string(category_name(r.category))},
            {"enough_history", r.enough_history},
            {"window_days", rep.thresholds.spike_window_days}};
  }
  return nullptr;
}

ApiResult activity_detail(State& s, Call& c) {
  auto id = id_param(c);
  if (!id) return Unexpected<ApiError>(id.error());
  auto points = int_query(c, "points", 10, 20000);
  if (!points) return Unexpected<ApiError>(points.error());
  const auto n = static_cast<std::size_t>(points->value_or(600));
  const std::string unit = c.query("split").value_or("km");
  if (unit != "km" && unit != "mile") {
    return api_error(400, "invalid_parameter", "split must be km or mile", "split");
  }
  // Taken before the store is locked for the activity (the analysis reads the store itself).
  auto analysis = s.analysis().get();
  if (!analysis) return Unexpected<ApiError>(analysis.error());
  const std::string key = "activity:" + std::to_string(*id) + ":" + std::to_string(n) + ":" + unit;
  return s.cached(key, [&](Store& store) -> Checked<Json> {
    auto found = ActivityRepo(store.db()).find(store.local_user(), *id, true);
    if (!found) return internal_error(found.error());
    if (!*found) return api_error(404, "not_found", fmt::format("no such activity: {}", *id), "id");
    const StoredActivity& a = **found;
    auto name = ActivityNameRepo(store.db()).find(store.local_user(), a.id);
    if (!name) return internal_error(name.error());
    Json j = summary_json(a, *name ? &**name : nullptr);
    Json laps = Json::array();
    for (const auto& l : a.activity.laps) {
      laps.push_back({{"start_utc", format_utc(l.start_utc)},
                      {"elapsed_s", l.elapsed_s},
                      {"distance_km", l.distance_m / 1000.0},
                      {"avg_heart_rate", opt(l.avg_heart_rate)},
                      {"avg_cadence_spm", opt(l.avg_cadence_spm)}});
    }
    j["laps"] = std::move(laps);
    j["notes"] = a.activity.notes;
    Json route = Json::array();
    for (const auto& [lat, lon] : route_points(a.activity.streams, 800)) {
      route.push_back({std::round(lat * 1e6) / 1e6, std::round(lon * 1e6) / 1e6});
    }
    return Json{
        {"activity", std::move(j)},  {"streams", streams_json(a.activity.streams, n)},
        {"split_unit", unit},        {"splits", splits_json(a.activity.streams, unit == "mile")},
        {"route", std::move(route)}, {"spike", spike_json((*analysis)->load, a.activity)}};
  });
}

/// PATCH /api/v1/activities/{id} {"name": "..."}: the runner's own name ("" goes back to the
/// file's name). Validated first (length, characters); nothing is stored on a bad name.
ApiResult rename_activity(State& s, Call& c) {
  auto id = id_param(c);
  if (!id) return Unexpected<ApiError>(id.error());
  auto body = json_body(c);
  if (!body) return Unexpected<ApiError>(body.error());
  if (!body->is_object() || !body->contains("name") || !(*body)["name"].is_string())
    return api_error(422, "invalid_value", "name: expected a string", "name");
  for (const auto& [key, _] : body->items())
    if (key != "name") return api_error(422, "unknown_field", "unknown field: " + key, key);
  auto name = clean_activity_name((*body)["name"].get<std::string>());
  if (!name) return api_error(422, "invalid_value", name.error().message, "name");
  auto stored = s.with_store([&](Store& store) -> Checked<bool> {
    auto ok = ActivityNameRepo(store.db()).set(store.local_user(), *id, *name);
    if (!ok) return internal_error(ok.error());
    return *ok;
  });
  if (!stored) return Unexpected<ApiError>(stored.error());
  if (!*stored) return api_error(404, "not_found", fmt::format("no such activity: {}", *id), "id");
  s.bump_revision();
  return activity_detail(s, c);
}

}  // namespace

void add_activity_routes(Router& r, State& s) {
  r.add("PATCH", "/api/v1/activities/{id}", [&s](Call& c) { return rename_activity(s, c); });
  r.add("GET", "/api/v1/activities", [&s](Call& c) { return list_activities(s, c); });
  r.add("GET", "/api/v1/activities/{id}", [&s](Call& c) { return activity_detail(s, c); });
  r.add(
      "POST", "/api/v1/imports", [&s](Call& c) { return import_upload(s, c); },
      /*streaming=*/true);
}

}  // namespace rk::server
