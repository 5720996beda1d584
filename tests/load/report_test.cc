#include "load/report.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "load/chart.h"
#include "load/training_summary.h"
#include "load_test_util.h"
#include "load/data_thresholds.h"

namespace rk {
namespace {

using test::at;
using test::kDay;

const LoadThresholds& kT = testing::data_thresholds();
const std::int64_t kNow = at("2026-11-25T12:00:00Z");

std::vector<Activity> history() {
  std::vector<Activity> acts;
  for (std::int64_t t = at("2026-09-01T07:00:00Z"); t <= at("2026-11-15T07:00:00Z"); t += 2 * kDay)
    acts.push_back(test::run(t, 10));
  acts.push_back(test::run(at("2026-11-17T17:00:00Z"), 14));
  acts.push_back(test::ride(at("2026-11-18T17:00:00Z"), 30, 60));
  return acts;
}

TEST(Report, RunsJsonListsEveryRunWithItsSpike) {
  const LoadReport rep = analyze_load(history(), kNow, kT);
  const auto j = runs_json(rep, {});
  ASSERT_EQ(j["runs"].size(), 39u);
  const auto& last = j["runs"].back();
  EXPECT_EQ(last["date"], "2026-11-17");
  EXPECT_EQ(last["weekday"], "Tuesday");
  EXPECT_DOUBLE_EQ(last["distance_km"].get<double>(), 14);
  EXPECT_DOUBLE_EQ(last["longest_prev30_km"].get<double>(), 10);
  EXPECT_DOUBLE_EQ(last["spike_pct"].get<double>(), 40);
  EXPECT_EQ(last["category"], "moderate");
  EXPECT_DOUBLE_EQ(last["next_run_cap_km"].get<double>(), 15.4);
  EXPECT_TRUE(j["runs"][0]["spike_pct"].is_null());
}

TEST(Report, RangeSelectsRowsButSignalsSeeTheWholeHistory) {
  const LoadReport rep = analyze_load(history(), kNow, kT);
  DayRange range;
  range.from_day = days_from_civil(2026, 11, 16);
  const auto j = load_json(rep, range);
  ASSERT_EQ(j["days"].size(), 10u);  // 11-16 .. 11-25
  EXPECT_EQ(j["days"][1]["flags"][0]["id"], "spike.moderate");
  EXPECT_EQ(j["days"][1]["flags"][0]["citation"], "frandsen2025");
  EXPECT_DOUBLE_EQ(j["days"][2]["cross_training"]["km"].get<double>(), 30);
  EXPECT_FALSE(j["days"][0]["acwr_ewma"].is_null());
  const std::string csv = load_csv(rep, range);
  EXPECT_EQ(csv.rfind("period,start,label,run_km", 0), 0u);
  EXPECT_NE(csv.find("day,2026-11-17,Tuesday,14.00,84.0,1,"), std::string::npos);
  EXPECT_NE(csv.find("week,2026-11-23,2026-W48,"), std::string::npos);
  const std::string text = load_text(rep, range);
  EXPECT_NE(text.find("40% longer than the longest run of the previous 30 days"),
            std::string::npos);
  EXPECT_NE(text.find("context only"), std::string::npos);
}

TEST(Report, SummaryJsonHasNullsForAbsentFigures) {
  const TrainingSummary s = summarize_training(history(), kNow, kT);
  const auto j = summary_json(s);
  EXPECT_EQ(j["worst_recent_spike"]["weekday"], "Tuesday");
  EXPECT_TRUE(j["cadence_recent_spm"].is_null());
  EXPECT_DOUBLE_EQ(j["next_run_cap_km"].get<double>(), 15.4);
}

TEST(Chart, SvgShowsBarsSpikesAndTheContextLine) {
  const LoadReport rep = analyze_load(history(), kNow, kT);
  const std::string svg = render_svg(load_chart(rep, rep.first_day, rep.today));
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("fill=\"#e6a06f\""), std::string::npos);  // the spike week
  EXPECT_NE(svg.find("<circle"), std::string::npos);           // the spike marker
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);  // ACWR, dashed
  EXPECT_NE(svg.find("ACWR (EWMA), context only"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

TEST(Chart, PngAndSvgFilesByExtension) {
  const LoadReport rep = analyze_load(history(), kNow, kT);
  const Scene scene = load_chart(rep, rep.first_day, rep.today);
  const auto dir = std::filesystem::temp_directory_path() / "rk_load_chart_test";
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(write_chart(scene, dir / "load.png").has_value());
  std::ifstream png(dir / "load.png", std::ios::binary);
  char sig[8] = {};
  png.read(sig, 8);
  EXPECT_EQ(std::string(sig + 1, 3), "PNG");
  ASSERT_TRUE(write_chart(scene, dir / "load.svg").has_value());
  EXPECT_GT(std::filesystem::file_size(dir / "load.svg"), 1000u);
  const auto bad = write_chart(scene, dir / "load.gif");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("load.gif: chart files end in .svg or .png"),
            std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rk
