// Issue 12 item 3: one diary use case. The same sequence of diary inputs through `runknee log`
// and through POST /api/v1/diary (as the web app sends it) stores the same entries, including
// next-morning values that belong to the run the day before.

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "server/server.h"
#include "store/store.h"
#include "support/knowledge.h"
#include "support/run_cli.h"
#include "support/served.h"

namespace rk::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class DiaryParity : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* k : {"TZ", "RUNKNEE_NOW"}) {
      if (const char* v = std::getenv(k)) saved_.emplace_back(k, v);
    }
    setenv("TZ", "UTC", 1);
    auto store = Store::open(dir_.path() / "api.db");
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::make_unique<Store>(std::move(*store));
    ServerOptions o;
    o.port = 0;
    o.upload_dir = dir_.path() / "uploads";
    server_ = std::make_unique<HttpServer>(*store_, rk::testing::embedded_knowledge(), o);
    const std::string started = served_.start(*server_);
    ASSERT_TRUE(started.empty()) << started;
  }
  void TearDown() override {
    served_.stop();
    unsetenv("TZ");
    unsetenv("RUNKNEE_NOW");
    for (const auto& [k, v] : saved_) setenv(k.c_str(), v.c_str(), 1);
  }

  /// One input, at `now`, both ways.
  void both(const char* now, const std::string& cli_args, const json& body) {
    setenv("RUNKNEE_NOW", now, 1);
    const auto r = rk::testing::run_cli(cli_ + " log " + cli_args);
    ASSERT_EQ(r.code, 0) << cli_args;
    auto res = served_.client().Post("/api/v1/diary", body.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
  }

  rk::testing::TempDir dir_{"rk_diary_parity_"};
  std::string cli_ = "--db " + (dir_.path() / "cli.db").string();
  std::vector<std::pair<std::string, std::string>> saved_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<HttpServer> server_;
  rk::testing::Served served_;
};

TEST_F(DiaryParity, CliAndApiStoreTheSameEntriesForTheSameInputs) {
  both("2026-11-24T19:00:00Z",
       "--during 3 --after 2 --where joint_line --swelling --notes hills --ran",
       {{"pain_during", 3},
        {"pain_after", 2},
        {"locations", {"joint_line"}},
        {"swelling", true},
        {"notes", "hills"},
        {"ran", true}});
  // The next morning, as the web form sends it (every box, unticked ones false).
  both("2026-11-25T07:00:00Z", "--morning 2 --stiffness 10",
       {{"date", "2026-11-25"},
        {"pain_morning", 2},
        {"stiffness_min", 10},
        {"ran", false},
        {"notes", ""},
        {"swelling", false},
        {"locking", false},
        {"fell", false}});
  both("2026-11-25T18:00:00Z", "--date 2026-11-23 --walk-ok yes --hop-ok no --catching",
       {{"date", "2026-11-23"},
        {"brisk_walk_pain_free", true},
        {"hop_pain_free", false},
        {"catching", true}});
  both("2026-11-25T19:00:00Z", "--during 1 --where below_joint_line",
       {{"pain_during", 1}, {"locations", {"below_joint_line"}}});
  both("2026-11-25T20:00:00Z", "--date 2026-11-24 --where upper_shin_bone --notes later",
       {{"date", "2026-11-24"}, {"locations", {"upper_shin_bone"}}, {"notes", "later"}});
  both("2026-11-26T06:30:00Z", "--morning 1 --giving-way --fell",
       {{"pain_morning", 1}, {"giving_way", true}, {"fell", true}});

  const auto cli = rk::testing::run_cli(cli_ + " diary --format json");
  ASSERT_EQ(cli.code, 0);
  const json from_cli = json::parse(cli.out);
  json from_api = json::parse(served_.client().Get("/api/v1/diary")->body)["entries"];
  for (auto& e : from_api) e.erase("id");
  EXPECT_EQ(from_api, from_cli) << from_api.dump(1) << "\nvs\n" << from_cli.dump(1);
  // And what they hold: three days, morning values with the run days, both dates shown.
  ASSERT_EQ(from_cli.size(), 4u) << from_cli.dump(1);
  EXPECT_EQ(from_cli[1]["date"], "2026-11-24");
  EXPECT_EQ(from_cli[1]["pain_morning"], 2);
  EXPECT_EQ(from_cli[1]["stiffness_min"], 10);
  EXPECT_EQ(from_cli[1]["morning_logged"], "2026-11-25");
  EXPECT_EQ(from_cli[1]["locations"], json({"joint_line", "upper_shin_bone"}));
  EXPECT_EQ(from_cli[2]["date"], "2026-11-25");
  EXPECT_EQ(from_cli[2]["pain_morning"], 1);
  EXPECT_EQ(from_cli[3]["date"], "2026-11-26");
  EXPECT_EQ(from_cli[3]["fell"], true);
  EXPECT_TRUE(from_cli[3]["pain_morning"].is_null());
}

// Issue 12 item 5: the web's settings page and `runknee config` share one file.
TEST_F(DiaryParity, SettingsApiAndCliConfigShareOneFile) {
  const std::string saved = std::getenv("XDG_CONFIG_HOME") ? std::getenv("XDG_CONFIG_HOME") : "";
  setenv("XDG_CONFIG_HOME", (dir_.path() / "config").c_str(), 1);
  auto got = served_.client().Get("/api/v1/settings");
  ASSERT_TRUE(got);
  EXPECT_EQ(json::parse(got->body)["units"], "km");
  auto put = served_.client().Put("/api/v1/settings", R"({"units":"mi","time":"06:45"})",
                          "application/json");
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(rk::testing::run_cli("config get units").out, "mi\n");
  EXPECT_EQ(rk::testing::run_cli("config get time").out, "06:45\n");
  put = served_.client().Put("/api/v1/settings", R"({"units":"furlongs"})", "application/json");
  EXPECT_EQ(put->status, 422);
  EXPECT_EQ(json::parse(put->body)["error"]["field"], "units");
  put = served_.client().Put("/api/v1/settings", R"({"colour":"red"})", "application/json");
  EXPECT_EQ(put->status, 422);
  EXPECT_EQ(json::parse(served_.client().Get("/api/v1/settings")->body)["units"], "mi");  // unchanged
  setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
}

// Issue 12's leftover: `serve` follows a changed time zone from the next request, without a
// restart, and local days stay right across a daylight-saving change (Los Angeles leaves PDT,
// UTC-7, for PST, UTC-8, at 09:00 UTC on 1 November 2026).
TEST_F(DiaryParity, ServerFollowsAChangedTimeZoneAcrossDaylightSaving) {
  const std::string saved = std::getenv("XDG_CONFIG_HOME") ? std::getenv("XDG_CONFIG_HOME") : "";
  setenv("XDG_CONFIG_HOME", (dir_.path() / "config").c_str(), 1);
  const auto today_at = [&](const char* now) {
    setenv("RUNKNEE_NOW", now, 1);
    const auto settings = json::parse(served_.client().Get("/api/v1/settings")->body);
    const auto today = json::parse(served_.client().Get("/api/v1/today")->body);
    EXPECT_EQ(settings["today"], today["date"]) << now;
    return today["date"].get<std::string>();
  };
  const auto log_at = [&](const char* now) {
    setenv("RUNKNEE_NOW", now, 1);
    auto r = served_.client().Post("/api/v1/diary", R"({"pain_during":2})", "application/json");
    EXPECT_EQ(r->status, 201) << r->body;
  };
  // 23:30 on 31 October in Los Angeles is already 1 November in UTC, the zone serve started in.
  EXPECT_EQ(today_at("2026-11-01T06:30:00Z"), "2026-11-01");
  // The runner sets the zone with the CLI while serve runs: the next request follows it.
  ASSERT_EQ(rk::testing::run_cli("config set tz America/Los_Angeles").code, 0);
  EXPECT_EQ(today_at("2026-11-01T06:30:00Z"), "2026-10-31");
  EXPECT_EQ(today_at("2026-11-01T07:30:00Z"), "2026-11-01");  // 00:30 PDT (PST: still 10-31)
  EXPECT_EQ(today_at("2026-11-02T07:30:00Z"), "2026-11-01");  // 23:30 PST (PDT: already 11-02)
  EXPECT_EQ(today_at("2026-11-02T08:30:00Z"), "2026-11-02");
  EXPECT_EQ(today_at("2026-11-02T12:30:00Z"), "2026-11-02");
  EXPECT_EQ(today_at("2026-11-03T12:30:00Z"), "2026-11-03");
  // A diary entry at 21:00 local on each side of the change lands on that local day.
  log_at("2026-11-01T04:00:00Z");  // 21:00 PDT, 31 October
  log_at("2026-11-02T05:00:00Z");  // 21:00 PST, 1 November
  const auto entries = json::parse(served_.client().Get("/api/v1/diary")->body)["entries"];
  ASSERT_EQ(entries.size(), 2u) << entries.dump(1);
  EXPECT_EQ(entries[0]["date"], "2026-10-31");
  EXPECT_EQ(entries[1]["date"], "2026-11-01");
  // Back to "system" through the API: the zone serve started with (UTC here), at once.
  auto put = served_.client().Put("/api/v1/settings", R"({"tz":"system"})", "application/json");
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_FALSE(json::parse(put->body).contains("restart_needed"));
  EXPECT_EQ(json::parse(put->body)["today"], "2026-11-02");
  EXPECT_EQ(today_at("2026-11-01T06:30:00Z"), "2026-11-01");
  setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
}

}  // namespace
}  // namespace rk::server
