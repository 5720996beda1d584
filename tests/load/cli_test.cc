// `runknee load` and `runknee form` end to end: a CSV training log imported into a fresh store.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "util/time.h"

namespace {

namespace fs = std::filesystem;

using Result = rk::testing::CliResult;

Result run(const std::string& args) {
  return rk::testing::run_cli(args);
}

std::string fmt_num(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

class LoadCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rk_load_cli_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream log(dir_ / "log.csv");
    log << "date,distance_km,duration,rpe\n";
    // Ten km every other day from 2026-09-01 to 2026-11-14, then 14 km on Tuesday 11-17.
    for (std::int64_t t = *rk::parse_iso8601("2026-09-01T07:00:00Z");
         t <= *rk::parse_iso8601("2026-11-15T07:00:00Z"); t += 2 * 86400)
      log << rk::format_utc(t).substr(0, 19) << ",10,60:00,4\n";
    log << "2026-11-17T17:00:00,14,1:24:00,6\n";
    log.close();
    db_ = "--db " + (dir_ / "runknee.db").string();
    // The runner's own settings (units) must not change these tables: a config folder per test.
    if (const char* c = std::getenv("XDG_CONFIG_HOME")) saved_config_ = c;
    setenv("XDG_CONFIG_HOME", (dir_ / "config").c_str(), 1);
    ASSERT_EQ(run(db_ + " import " + (dir_ / "log.csv").string()).code, 0);
  }
  void TearDown() override {
    if (saved_config_) {
      setenv("XDG_CONFIG_HOME", saved_config_->c_str(), 1);
    } else {
      unsetenv("XDG_CONFIG_HOME");
    }
    fs::remove_all(dir_);
  }

  std::optional<std::string> saved_config_;

  fs::path dir_;
  std::string db_;
};

TEST_F(LoadCli, RunsJsonNamesTheSpike) {
  const Result r = run(db_ + " load --runs --format json");
  ASSERT_EQ(r.code, 0);
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["runs"].size(), 39u);
  const auto& last = j["runs"].back();
  EXPECT_EQ(last["date"], "2026-11-17");
  EXPECT_EQ(last["category"], "moderate");
  EXPECT_DOUBLE_EQ(last["spike_pct"].get<double>(), 40);
  EXPECT_DOUBLE_EQ(last["longest_prev30_km"].get<double>(), 10);
  EXPECT_DOUBLE_EQ(last["next_run_cap_km"].get<double>(), 15.4);
}

// Issue 12 item 5: `runknee config set units mi` switches load text and CSV; JSON stays km.
TEST_F(LoadCli, MilesSettingSwitchesTextAndCsvNotJson) {
  const auto json_km = run(db_ + " load --runs --format json").out;
  ASSERT_EQ(run("config set units mi").code, 0);
  const Result runs = run(db_ + " load --runs --from 2026-11-17");
  ASSERT_EQ(runs.code, 0);
  EXPECT_NE(runs.out.find("cap mi"), std::string::npos) << runs.out;
  EXPECT_NE(runs.out.find("8.70"), std::string::npos) << runs.out;  // 14 km
  EXPECT_EQ(runs.out.find(" km"), std::string::npos) << runs.out;
  const Result csv = run(db_ + " load --from 2026-11-01 --format csv");
  EXPECT_NE(csv.out.find("period,start,label,run_mi,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("week,2026-11-16,2026-W47,8.70,84.0,1,"), std::string::npos);
  EXPECT_NE(run(db_ + " load --runs --format csv").out.find("distance_mi"), std::string::npos);
  EXPECT_NE(run(db_ + " load --from 2026-11-10").out.find("run mi"), std::string::npos);
  EXPECT_EQ(run(db_ + " load --runs --format json").out, json_km);
}

// Issue 12 item 5, the rest of the CLI: form text and CSV, activities CSV, show, the chart
// files and the physio report follow the units setting; JSON stays in SI units.
TEST_F(LoadCli, MilesSettingSwitchesFormActivitiesShowChartsAndReport) {
  const auto read = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const auto form_json = run(db_ + " form --format json").out;
  const auto activities_json = run(db_ + " activities --format json").out;
  // Kilometres first, as before.
  EXPECT_NE(run(db_ + " form --from 2026-11-10").out.find("pace/km"), std::string::npos);
  EXPECT_NE(run(db_ + " activities --format csv").out.find("distance_m,elapsed_s,moving_s,pace_s_per_km"),
            std::string::npos);
  EXPECT_NE(run(db_ + " show 1").out.find("distance    10.00 km"), std::string::npos);
  ASSERT_EQ(run(db_ + " load --chart " + (dir_ / "km.svg").string()).code, 0);
  EXPECT_NE(read(dir_ / "km.svg").find("weekly running km"), std::string::npos);

  ASSERT_EQ(run("config set units mi").code, 0);
  const Result form = run(db_ + " form --from 2026-11-10");
  ASSERT_EQ(form.code, 0);
  EXPECT_NE(form.out.find("pace/mi"), std::string::npos) << form.out;
  EXPECT_NE(form.out.find("   8.70 "), std::string::npos) << form.out;  // 14 km
  EXPECT_NE(form.out.find("9:39"), std::string::npos) << form.out;      // 6:00/km = 9:39/mi
  EXPECT_EQ(form.out.find("pace/km"), std::string::npos);
  const Result form_csv = run(db_ + " form --format csv");
  EXPECT_EQ(form_csv.out.rfind("date,distance_mi,cadence_spm,", 0), 0u) << form_csv.out;
  EXPECT_EQ(run(db_ + " form --format json").out, form_json);

  const Result csv = run(db_ + " activities --format csv");
  EXPECT_NE(csv.out.find("id,start_utc,sport,distance_mi,elapsed_s,moving_s,pace_s_per_mi,"),
            std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find(",6.214,3600,3600,579.364,"), std::string::npos) << csv.out;  // 10 km, 1 h
  EXPECT_EQ(run(db_ + " activities --format json").out, activities_json);

  const Result show = run(db_ + " show 1");
  EXPECT_NE(show.out.find("distance    6.21 mi"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("pace        9:39/mi"), std::string::npos) << show.out;

  ASSERT_EQ(run(db_ + " load --chart " + (dir_ / "mi.svg").string()).code, 0);
  const auto svg = read(dir_ / "mi.svg");
  EXPECT_NE(svg.find("weekly running mi"), std::string::npos);
  EXPECT_EQ(svg.find("weekly running km"), std::string::npos);

  const Result report = run(db_ + " report --format md");
  ASSERT_EQ(report.code, 0) << report.out;
  EXPECT_NE(report.out.find("mi per week"), std::string::npos) << report.out;
  EXPECT_EQ(report.out.find("km per week"), std::string::npos);
}

// With miles, short lengths follow too (issue 12's leftover): step length and ascent in feet in
// form text/CSV/chart, `show` and the activities CSV; the JSON keeps metres.
TEST_F(LoadCli, MilesSettingShowsStepLengthAndAscentInFeet) {
  // A GPX run with cadence and a steady 48 m climb: 240 points 5 s and 15 m apart.
  std::ofstream gpx(dir_ / "hill.gpx");
  gpx << "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" "
         "xmlns=\"http://www.topografix.com/GPX/1/1\" "
         "xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">"
         "<trk><type>running</type><trkseg>\n";
  const std::int64_t start = *rk::parse_iso8601("2026-11-16T07:00:00Z");
  for (int i = 0; i <= 240; ++i) {
    gpx << "<trkpt lat=\"" << 51.0 + i * 15 / 111195.0 << "\" lon=\"0.1\"><ele>" << i * 0.2
        << "</ele><time>" << rk::format_utc(start + i * 5) << "</time><extensions>"
        << "<gpxtpx:TrackPointExtension><gpxtpx:speed>3</gpxtpx:speed><gpxtpx:cad>88</gpxtpx:cad>"
        << "</gpxtpx:TrackPointExtension></extensions></trkpt>\n";
  }
  gpx << "</trkseg></trk></gpx>\n";
  gpx.close();
  ASSERT_EQ(run(db_ + " import " + (dir_ / "hill.gpx").string()).code, 0);
  const auto form_json = nlohmann::json::parse(run(db_ + " form --format json").out);
  std::optional<double> step_m;
  for (const auto& r : form_json["runs"]) {
    if (r["date"] == "2026-11-16" && r["step_length_m"].is_number()) {
      step_m = r["step_length_m"].get<double>();
    }
  }
  ASSERT_TRUE(step_m) << form_json.dump(2);
  const auto acts = nlohmann::json::parse(run(db_ + " activities --format json").out);
  std::string id;
  double ascent_m = 0;
  for (const auto& a : acts) {
    if (a["ascent_m"].is_number()) {
      id = std::to_string(a["id"].get<int>());
      ascent_m = a["ascent_m"].get<double>();
    }
  }
  ASSERT_FALSE(id.empty()) << acts.dump(2);
  ASSERT_GT(ascent_m, 40);
  EXPECT_NE(run(db_ + " form --from 2026-11-16").out.find("step m"), std::string::npos);
  EXPECT_NE(run(db_ + " show " + id).out.find(fmt_num(ascent_m, 0) + " m,"), std::string::npos);

  ASSERT_EQ(run("config set units mi").code, 0);
  const Result form = run(db_ + " form --from 2026-11-16");
  EXPECT_NE(form.out.find("step ft"), std::string::npos) << form.out;
  EXPECT_EQ(form.out.find("step m"), std::string::npos) << form.out;
  EXPECT_NE(form.out.find(" " + fmt_num(*step_m / 0.3048, 2) + " "), std::string::npos) << form.out;
  const Result csv = run(db_ + " form --format csv --from 2026-11-16");
  EXPECT_NE(csv.out.find(",step_length_ft,"), std::string::npos) << csv.out;
  const auto row = csv.out.find("\n2026-11-16,");
  ASSERT_NE(row, std::string::npos) << csv.out;
  std::istringstream cells(csv.out.substr(row + 1, csv.out.find('\n', row + 1) - row - 1));
  std::string cell;
  for (int i = 0; i < 5; ++i) std::getline(cells, cell, ',');  // date, mi, spm, m/s, step ft
  EXPECT_NEAR(std::stod(cell), *step_m / 0.3048, 0.005) << csv.out;  // JSON rounds to 1 mm
  const Result show = run(db_ + " show " + id);
  EXPECT_NE(show.out.find("ascent      " + fmt_num(ascent_m / 0.3048, 0) + " ft, descent"),
            std::string::npos)
      << show.out;
  EXPECT_NE(run(db_ + " activities --format csv").out.find(",pace_s_per_mi,ascent_ft,"),
            std::string::npos);
  ASSERT_EQ(run(db_ + " form --chart " + (dir_ / "form.svg").string()).code, 0);
  std::ifstream in(dir_ / "form.svg");
  const std::string svg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(svg.find("step length (ft, bottom)"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(run(db_ + " form --format json").out), form_json);  // SI
}

// Issue 14: the web's fitness/fatigue/form view in the CLI, `load --fitness`, text and JSON from
// the same series as GET /api/v1/load/fitness, in the runner's units.
TEST_F(LoadCli, FitnessViewTextAndJson) {
  const Result json_r = run(db_ + " load --fitness --format json");
  ASSERT_EQ(json_r.code, 0) << json_r.out;
  const auto j = nlohmann::json::parse(json_r.out);
  EXPECT_EQ(j["basis"], "distance");
  EXPECT_EQ(j["unit"], "km");
  ASSERT_FALSE(j["days"].empty());
  const auto& last = j["days"].back();
  EXPECT_EQ(last["date"], "2026-11-17");  // the last day of data, not of the calendar
  EXPECT_DOUBLE_EQ(last["load"].get<double>(), 14);
  EXPECT_EQ(j["days"].front()["date"], "2026-09-01");  // the first day of data (of the last 12 weeks)

  const Result text = run(db_ + " load --fitness");
  ASSERT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("a training view, not an injury predictor"), std::string::npos);
  EXPECT_NE(text.out.find("2026-W47"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("17 Nov 2026: fitness " + fmt_num(last["fitness"].get<double>(), 1) +
                          ", fatigue " + fmt_num(last["fatigue"].get<double>(), 1)),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("understate fitness"), std::string::npos);  // history starts 09-01
  EXPECT_EQ(text.out.find("nan"), std::string::npos);

  const auto time = nlohmann::json::parse(run(db_ + " load --fitness --basis time --format json").out);
  EXPECT_EQ(time["unit"], "min");
  EXPECT_DOUBLE_EQ(time["days"].back()["load"].get<double>(), 84);

  ASSERT_EQ(run("config set units mi").code, 0);
  const Result miles = run(db_ + " load --fitness");
  EXPECT_NE(miles.out.find("run mi"), std::string::npos) << miles.out;
  EXPECT_NE(miles.out.find("fitness " + fmt_num(last["fitness"].get<double>() / 1.609344, 1)),
            std::string::npos)
      << miles.out;
  EXPECT_EQ(run(db_ + " load --fitness --format json").out, json_r.out);  // JSON stays km

  EXPECT_EQ(run(db_ + " load --fitness --format csv").code, 2);
  EXPECT_EQ(run(db_ + " load --basis time").code, 2);
  EXPECT_EQ(run(db_ + " load --fitness --basis heart").code, 2);
}

TEST_F(LoadCli, TablesChartsAndBadInput) {
  const Result csv = run(db_ + " load --from 2026-11-01 --format csv");
  ASSERT_EQ(csv.code, 0);
  EXPECT_NE(csv.out.find("week,2026-11-16,2026-W47,14.00,84.0,1,"), std::string::npos);
  const Result text = run(db_ + " load --from 2026-11-10");
  EXPECT_NE(text.out.find("40% longer than the longest run of the previous 30 days"),
            std::string::npos);
  const fs::path svg = dir_ / "load.svg", png = dir_ / "form.png";
  EXPECT_EQ(run(db_ + " load --chart " + svg.string()).code, 0);
  EXPECT_GT(fs::file_size(svg), 1000u);
  EXPECT_EQ(run(db_ + " form --chart " + png.string()).code, 0);
  EXPECT_TRUE(fs::exists(png));
  EXPECT_EQ(run(db_ + " load --chart " + (dir_ / "x.gif").string()).code, 2);
  EXPECT_EQ(run(db_ + " load --from 17/11/2026").code, 2);
  const Result form = run(db_ + " form --format json");
  ASSERT_EQ(form.code, 0);
  EXPECT_EQ(nlohmann::json::parse(form.out)["cannot_see"][0], "hip strength");
}

TEST(LoadCliEmpty, EmptyStoreSaysWhatWouldFillLoadAndForm) {
  rk::testing::TempDir dir("rk_load_empty_");
  const std::string db = "--db " + (dir.path() / "runknee.db").string();
  const Result load = run(db + " load");
  ASSERT_EQ(load.code, 0);
  EXPECT_NE(load.out.find("No runs stored yet"), std::string::npos) << load.out;
  EXPECT_NE(load.out.find("runknee import"), std::string::npos) << load.out;
  EXPECT_EQ(load.out.find("run km"), std::string::npos) << "a bare table header: " << load.out;
  const Result form = run(db + " form");
  ASSERT_EQ(form.code, 0);
  EXPECT_NE(form.out.find("No runs stored yet"), std::string::npos) << form.out;
  EXPECT_EQ(form.out.find("cadence - vs -"), std::string::npos) << form.out;
  // JSON keeps its shape for programs.
  const Result json = run(db + " load --format json");
  ASSERT_EQ(json.code, 0);
  EXPECT_TRUE(nlohmann::json::parse(json.out).is_object());
}

TEST_F(LoadCli, DefaultsToTheLastTwelveWeeksOfDataAndAllShowsEverything) {
  std::ofstream old(dir_ / "old.csv");
  old << "date,distance_km,duration,rpe\n2024-03-05T07:00:00,8,48:00,4\n";
  old.close();
  ASSERT_EQ(run(db_ + " import " + (dir_ / "old.csv").string()).code, 0);
  const Result recent = run(db_ + " load --format csv");
  ASSERT_EQ(recent.code, 0);
  EXPECT_EQ(recent.out.find("2024-W10"), std::string::npos);  // not every week since 2024
  EXPECT_NE(recent.out.find("2026-W47"), std::string::npos);
  const Result text = run(db_ + " load");
  EXPECT_NE(text.out.find("26 Aug 2026 to 17 Nov 2026: the last 12 weeks of your data"),
            std::string::npos)
      << text.out.substr(0, 200);
  const Result all = run(db_ + " load --all --format csv");
  ASSERT_EQ(all.code, 0);
  EXPECT_NE(all.out.find("2024-W10"), std::string::npos);
  EXPECT_NE(all.out.find("2026-W47"), std::string::npos);
  EXPECT_NE(run(db_ + " load --all --from 2026-01-01").code, 0);
}

}  // namespace
