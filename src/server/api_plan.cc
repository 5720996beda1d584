// Pain diary, KOOS, the plan and today's view.

#include <algorithm>
#include <memory>

#include "app/diary.h"
#include "app/exercise.h"
#include "app/koos.h"
#include "app/plan.h"
#include "plan/adapt.h"
#include "plan/diary.h"
#include "plan/diary_service.h"
#include "plan/exercise.h"
#include "plan/koos.h"
#include "plan/report_data.h"
#include "plan/session.h"
#include "plan/settings.h"
#include "server/routes.h"
#include "store/diary_repo.h"
#include "store/koos_repo.h"
#include "util/time.h"

namespace rk::server {
namespace {

/// {"subscales": [{id, score, ...}]} -> {"pain": 72.2, ...} for tables and charts.
Json scores_by_id(const Json& scores) {
  Json out = Json::object();
  for (const auto& sub : scores.value("subscales", Json::array())) {
    out[sub.value("id", "")] = sub.value("score", Json(nullptr));
  }
  return out;
}

ApiResult diary_list(State& s) {
  return s.cached("diary", [](Store& store) -> Checked<Json> {
    auto all = DiaryRepo(store.db()).list(store.local_user());
    if (!all) return internal_error(all.error());
    Json entries = Json::array();
    for (const auto& d : *all) {
      Json e = Json::parse(d.entry_json, nullptr, false);
      if (e.is_discarded()) continue;
      e["id"] = d.id;
      entries.push_back(std::move(e));
    }
    return Json{{"entries", std::move(entries)}};
  });
}

ApiResult diary_create(State& s, Call& c) {
  auto body = json_body(c);
  if (!body) return Unexpected<ApiError>(body.error());
  auto update = plan::diary_update_from_json(*body, format_local_date(now_utc()));
  if (!update) return error_reply(update.error());
  auto logged = s.with_store([&](Store& store) {
    return app::log_diary(store.db(), store.local_user(), *update, now_utc(), s.kb());
  });
  if (!logged) return error_reply(logged.error());
  s.bump_revision();
  Json entry = plan::to_json(logged->entry);
  entry["id"] = logged->id;
  Json flags = Json::array();
  for (const auto& f : logged->red_flags) flags.push_back({{"id", f.id}, {"text", f.text}});
  Json decisions = Json::array();
  auto rules = plan::plan_rules(s.kb());  // the decision in words for the web (no raw ids)
  for (const auto& d : logged->decisions) {
    Json j = plan::to_json(d);
    j["again"] = logged->decided_again(d.date);  // decided before this change, and now again
    if (rules) j["summary"] = plan::decision_sentence(d, *rules);
    decisions.push_back(std::move(j));
  }
  Json reply = {{"entry", std::move(entry)},
                {"red_flags", std::move(flags)},
                {"morning_applied_to", logged->morning_applied_to.empty()
                                           ? Json(nullptr)
                                           : Json(logged->morning_applied_to)},
                {"reevaluated", logged->reevaluated},
                {"decisions", std::move(decisions)}};
  if (logged->run_day_entry) reply["run_day_entry"] = plan::to_json(*logged->run_day_entry);
  return json_reply(std::move(reply), 201);
}

Checked<int> weeks_param(const Call& c) {
  auto w = int_query(c, "weeks", 1, 26);
  if (!w) return Unexpected<ApiError>(w.error());
  return static_cast<int>(w->value_or(4));
}

ApiResult plan_view(State& s, Call& c, bool today_only) {
  auto weeks = weeks_param(c);
  if (!weeks) return Unexpected<ApiError>(weeks.error());
  const std::int64_t now = now_utc();
  const std::string key = std::string(today_only ? "today:" : "plan:") + std::to_string(*weeks) +
                          ":" + std::to_string(local_day_of(now));  // today turns at local midnight
  return s.cached(key, [&](Store& store) -> Checked<Json> {
    auto view = app::plan_view(s.kb(), store.db(), store.local_user(), now, *weeks);
    if (!view) return error_reply(view.error());
    if (today_only) {
      Json t = plan::to_json(view->today);
      t["exercise_adherence"] = plan::to_json(view->adherence);
      t["exercise_adherence_text"] = plan::adherence_text(view->adherence, view->session.rules);
      return t;
    }
    Json decisions = Json::array();
    for (const auto& d : view->session.state.history) {
      Json j = plan::to_json(d);
      j["summary"] = plan::decision_sentence(d, view->session.rules);
      decisions.push_back(std::move(j));
    }
    return Json{{"plan", plan::to_json(view->plan)}, {"decisions", std::move(decisions)}};
  });
}

/// The day's exercises (?date=YYYY-MM-DD, default today) with what was ticked off, and the
/// adherence: the same use case as `runknee exercises`.
ApiResult exercises_get(State& s, Call& c) {
  const std::string date = c.query("date").value_or("");
  const std::int64_t now = now_utc();
  return s.cached(
      "exercises:" + date + ":" + std::to_string(local_day_of(now)),
      [&](Store& store) -> Checked<Json> {
        auto day = app::exercise_day(store.db(), store.local_user(), now, date, &s.kb());
        if (!day) return error_reply(day.error());
        return app::to_json(*day);
      });
}

/// Tick an exercise off: the same use case as `runknee log --exercise`. `sets` is the day's
/// total for that exercise (0 clears it). Bad input is a 422 naming the field; nothing stored.
ApiResult exercises_log(State& s, Call& c) {
  auto body = json_body(c);
  if (!body) return Unexpected<ApiError>(body.error());
  auto in = plan::exercise_log_from_json(*body);
  if (!in) return error_reply(in.error());
  auto logged = s.with_store([&](Store& store) {
    return app::log_exercise(store.db(), store.local_user(), *in, now_utc(), &s.kb());
  });
  if (!logged) return error_reply(logged.error());
  s.bump_revision();
  return json_reply({{"log", plan::to_json(logged->log)},
                     {"adherence_before", plan::to_json(logged->before)},
                     {"day", app::to_json(logged->day)}},
                    201);
}

/// The physio report as a printable HTML document (or Markdown with ?format=md): the same
/// builder as `runknee report`. Its policy allows its own inline style and nothing else.
ApiResult report(State& s, Call& c) {
  auto weeks = int_query(c, "weeks", 1, plan::kPlanMaxWeeks);
  if (!weeks) return Unexpected<ApiError>(weeks.error());
  const std::string format = c.query("format").value_or("html");
  if (format != "html" && format != "md")
    return api_error(400, "invalid_value", "format: expected html or md", "format");
  const std::int64_t now = now_utc();
  auto settings = plan::load_settings();
  if (!settings) return internal_error(settings.error());
  return s.with_store([&](Store& store) -> ApiResult {
    auto data = app::build_report(s.kb(), store.db(), store.local_user(), now,
                                  static_cast<int>(weeks->value_or(plan::kPlanDefaultWeeks)),
                                  settings->units == plan::Units::kMi);
    if (!data) return error_reply(data.error());
    Reply r;
    if (format == "md") {
      r.body = plan::render_report_md(*data);
      r.content_type = "text/markdown; charset=utf-8";
      return r;
    }
    r.body = plan::render_report_html(*data);
    r.content_type = "text/html; charset=utf-8";
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    return r;
  });
}

ApiResult koos_questions() {
  auto st = plan::koos_structure();
  if (!st) return internal_error(st.error());
  Json subs = Json::array();
  Json items = Json::array();
  for (const auto& sub : st->subscales) {
    subs.push_back({{"id", sub.id}, {"name", sub.name}});
    for (const auto& item : sub.entries) {
      // anchors: the answer words in score order (0 = no problems first), direction applied.
      items.push_back({{"id", item.id},
                       {"subscale", sub.id},
                       {"scale", item.scale},
                       {"reversed", item.reversed},
                       {"anchors", st->anchors(item.id)}});
    }
  }
  return json_reply(
      {{"subscales", std::move(subs)},
       {"items", std::move(items)},
       {"instructions",
        "Think of your knee during the last week and tick one answer for each item. The "
        "official KOOS wording is not included: keep your own KOOS form beside you and answer "
        "each item by its number, or load your own copy of the wording below."},
       {"meaningful_change", st->meaningful_change},
       {"citation", st->citation}});
}

ApiResult koos_take(State& s, Call& c) {
  auto body = json_body(c);
  if (!body) return Unexpected<ApiError>(body.error());
  auto st = plan::koos_structure();
  if (!st) return internal_error(st.error());
  auto answers = plan::koos_answers_from_json(*body, "koos", *st);
  if (!answers) return error_reply(answers.error(), "answers.");
  auto saved = s.with_store([&](Store& store) {
    return app::score_and_save_koos(store.db(), store.local_user(), *st, *answers, now_utc());
  });
  if (!saved) return error_reply(saved.error());
  s.bump_revision();
  const Json scores = plan::to_json(saved->score);
  return json_reply({{"id", saved->id}, {"scores", scores_by_id(scores)}, {"subscales", scores}},
                    201);
}

ApiResult koos_history(State& s) {
  return s.cached("koos", [](Store& store) -> Checked<Json> {
    auto all = KoosRepo(store.db()).list(store.local_user());
    if (!all) return internal_error(all.error());
    Json hist = Json::array();
    for (const auto& k : *all) {
      hist.push_back({{"id", k.id},
                      {"taken_utc", format_utc(k.taken_utc)},
                      {"scores", scores_by_id(Json::parse(k.scores_json, nullptr, false))}});
    }
    return Json{{"history", std::move(hist)}};
  });
}

Json settings_json(const plan::Settings& st) {
  Json j = Json::object();
  for (const auto& key : plan::setting_keys()) j[key] = plan::setting_text(st, key);
  j["path"] = plan::settings_path().string();
  j["today"] = format_local_date(now_utc());  // the runner's day in the zone serve applied
  return j;
}

/// The same settings as `runknee config`: {"units": "km"|"mi", "time": "HH:MM", "checkin":
/// "HH:MM"|"off", "tz": zone|"system"}, any of them. A bad value is a 422 naming the field, and
/// nothing is saved. A new time zone applies from this reply on (`today` is in it), as the CLI
/// applies it on every command.
ApiResult settings_put(State& s, Call& c) {
  auto body = json_body(c);
  if (!body) return Unexpected<ApiError>(body.error());
  auto st = plan::load_settings();
  if (!st) return internal_error(st.error());
  if (body->empty()) return api_error(422, "empty", "give units, time, checkin or tz", "");
  const auto& keys = plan::setting_keys();
  for (const auto& [key, value] : body->items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return api_error(422, "invalid_value", "unknown setting", key);
    }
    if (!value.is_string()) return api_error(422, "invalid_value", "must be text", key);
    if (auto ok = plan::set_setting(*st, key, value.get<std::string>()); !ok) {
      return api_error(422, "invalid_value", ok.error().message, key);
    }
  }
  if (auto ok = plan::save_settings(*st); !ok) return internal_error(ok.error());
  s.bump_revision();
  s.follow_time_zone();
  return json_reply(settings_json(*st));
}

}  // namespace

void add_plan_routes(Router& r, State& s) {
  r.add("GET", "/api/v1/settings", [](Call&) -> ApiResult {
    auto st = plan::load_settings();
    if (!st) return internal_error(st.error());
    return json_reply(settings_json(*st));
  });
  r.add("PUT", "/api/v1/settings", [&s](Call& c) { return settings_put(s, c); });
  r.add("GET", "/api/v1/diary", [&s](Call&) { return diary_list(s); });
  r.add("POST", "/api/v1/diary", [&s](Call& c) { return diary_create(s, c); });
  r.add("GET", "/api/v1/plan", [&s](Call& c) { return plan_view(s, c, false); });
  r.add("GET", "/api/v1/today", [&s](Call& c) { return plan_view(s, c, true); });
  r.add("GET", "/api/v1/report", [&s](Call& c) { return report(s, c); });
  r.add("GET", "/api/v1/exercises", [&s](Call& c) { return exercises_get(s, c); });
  r.add("POST", "/api/v1/exercises", [&s](Call& c) { return exercises_log(s, c); });
  r.add("GET", "/api/v1/koos/questions", [](Call&) { return koos_questions(); });
  r.add("GET", "/api/v1/koos", [&s](Call&) { return koos_history(s); });
  r.add("POST", "/api/v1/koos", [&s](Call& c) { return koos_take(s, c); });
}

}  // namespace rk::server
