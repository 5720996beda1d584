// Decoded record values against the expected-values CSVs that sit beside corpus files.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "fit_test_util.h"
#include "formats/decode.h"
#include "util/time.h"

namespace rk {
namespace {

std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cols.push_back(c);
    rows.push_back(cols);
  }
  return rows;
}

// "Sun Sep 25 06:00:22 PDT 2011" -> UTC seconds.
std::int64_t parse_java_date(const std::string& s) {
  static const std::string kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  std::istringstream in(s);
  std::string dow, mon, hms, zone;
  int day = 0, year = 0;
  in >> dow >> mon >> day >> hms >> zone >> year;
  const auto month = static_cast<unsigned>(kMonths.find(mon) / 3 + 1);
  const int h = std::stoi(hms.substr(0, 2)), m = std::stoi(hms.substr(3, 2)),
            sec = std::stoi(hms.substr(6, 2));
  const int offset_h = zone == "PDT" ? -7 : zone == "PST" ? -8 : 0;
  return days_from_civil(year, month, static_cast<unsigned>(day)) * 86400 + h * 3600 + m * 60 +
         sec - offset_h * 3600;
}

Activity decode_one(const std::string& rel) {
  auto r = decode_fit(fit_test::read_bytes(fit_test::corpus_fit(rel)), rel);
  EXPECT_TRUE(r.has_value());
  if (!r || r->activities.empty()) return {};
  return std::move(r->activities[0]);
}

// timestamp,heart_rate,cadence,speed,distance,position_lat,position_long,altitude,temperature
void check_records_csv(const std::string& fit, const std::string& csv) {
  SCOPED_TRACE(fit);
  const Activity a = decode_one(fit);
  const auto rows = read_csv(fit_test::corpus_fit(csv));
  const Streams& s = a.streams;
  ASSERT_EQ(rows.size(), s.size());
  const double cad_div = a.sport == "running" || a.sport == "walking" ? 2.0 : 1.0;
  constexpr double kSemi = 180.0 / 2147483648.0;
  // The CSVs carry a field's last value forward where a record lacks it; we keep it absent.
  auto check = [&](double ours, std::size_t i, std::size_t col, double scale, double tol) {
    if (rows[i][col].empty()) {
      EXPECT_TRUE(std::isnan(ours)) << "column " << col;
      return;
    }
    const double want = std::stod(rows[i][col]) * scale;
    if (std::isnan(ours)) {
      const bool carried = i > 0 && rows[i][col] == rows[i - 1][col];
      EXPECT_TRUE(carried || want == 0) << "column " << col;
    } else {
      EXPECT_NEAR(ours, want, tol) << "column " << col;
    }
  };
  // A column the file never had is empty: read it as absent.
  auto at = [](const auto& col, std::size_t i) {
    return i < col.size() ? static_cast<double>(col[i]) : std::nan("");
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    SCOPED_TRACE(i);
    ASSERT_GE(r.size(), 8U);
    EXPECT_EQ(a.start_utc + static_cast<std::int64_t>(s.time_s[i]), parse_java_date(r[0]));
    check(at(s.heart_rate_bpm, i), i, 1, 1, 1e-6);
    // The CSV holds whole cycles; we add fractional cadence.
    check(std::floor(at(s.cadence_spm, i) / cad_div + 1e-6), i, 2, 1, 1e-6);
    check(at(s.speed_mps, i), i, 3, 1, 1e-3);
    check(at(s.distance_m, i), i, 4, 1, 1e-2);
    check(at(s.lat_deg, i), i, 5, kSemi, 1e-9);
    check(at(s.lon_deg, i), i, 6, kSemi, 1e-9);
    check(at(s.altitude_m, i), i, 7, 1, 1e-3);
  }
}

TEST(FitValues, GarminEdge500Records) {
  check_records_csv("garmin-edge-500-activity.fit", "garmin-edge-500-activity-records.csv");
}
TEST(FitValues, Fenix5RunRecords) {
  check_records_csv("garmin-fenix-5-run.fit", "garmin-fenix-5-run-records.csv");
}
TEST(FitValues, Fenix5WalkRecords) {
  check_records_csv("garmin-fenix-5-walk.fit", "garmin-fenix-5-walk-records.csv");
}
TEST(FitValues, Fenix5BikeRecords) {
  check_records_csv("garmin-fenix-5-bike.fit", "garmin-fenix-5-bike-records.csv");
}
TEST(FitValues, Edge820BikeRecords) {
  check_records_csv("garmin-edge-820-bike.fit", "garmin-edge-820-bike-records.csv");
}

// Timestamp, HR, speed, distance (accumulated from compressed_speed_distance), cadence.
TEST(FitValues, CompressedSpeedDistanceAccumulates) {
  const Activity a = decode_one("compressed-speed-distance.fit");
  const auto rows = read_csv(fit_test::corpus_fit("compressed-speed-distance-records.csv"));
  const Streams& s = a.streams;
  ASSERT_FALSE(rows.empty());
  // The CSV leaves out the file's first, empty record; match on the FIT timestamp.
  const std::int64_t fit_start = a.start_utc - 631065600;
  std::size_t j = 0, matched = 0;
  for (const auto& r : rows) {
    const std::int64_t ts = std::stoll(r[0]);
    while (j < s.size() && fit_start + static_cast<std::int64_t>(s.time_s[j]) < ts) ++j;
    ASSERT_LT(j, s.size());
    SCOPED_TRACE(ts);
    EXPECT_FLOAT_EQ(s.heart_rate_bpm[j], std::stof(r[1]));
    EXPECT_NEAR(s.speed_mps[j], std::stod(r[2]), 1e-3);
    EXPECT_NEAR(s.distance_m[j], std::stod(r[3]), 1e-3);
    if (r.size() > 4 && r[4] != "null") {
      EXPECT_EQ(std::floor(s.cadence_spm[j] / 2 + 1e-6), std::stod(r[4]));  // running: x2
    }
    ++matched;
  }
  EXPECT_EQ(matched, rows.size());
}

// The FIT SDK 1.2 example, whose records use compressed timestamps, against its SDK CSV dump.
TEST(FitValues, SdkExampleActivityMatchesItsCsv) {
  const Activity a = decode_one("FIT-SDK-1.2-examples/Activity.fit");
  EXPECT_EQ(a.sport, "running");
  EXPECT_NEAR(a.elapsed_s, 60.422, 1e-6);
  EXPECT_NEAR(a.distance_m, 41.25, 1e-6);
  EXPECT_EQ(a.avg_heart_rate, 123);
  EXPECT_EQ(a.max_heart_rate, 180);
  ASSERT_EQ(a.laps.size(), 3U);
  EXPECT_NEAR(a.laps[1].distance_m, 14.25, 1e-6);
  // Data,3,record rows, in order: the speed (from compressed_speed_distance) where present.
  // (SDK 1.2's CSV prints compressed timestamps in its own way, so times are not compared.)
  std::ifstream in(fit_test::corpus_fit("FIT-SDK-1.2-examples/Activity.csv"));
  std::vector<double> speeds;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Data,3,record,", 0) != 0) continue;
    std::vector<std::string> c;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) c.push_back(x);
    speeds.push_back(c.size() > 7 && c[6] == "speed" ? std::stod(c[7]) : std::nan(""));
  }
  ASSERT_EQ(speeds.size(), a.streams.size());
  int compared = 0;
  for (std::size_t i = 0; i < speeds.size(); ++i) {
    if (std::isnan(speeds[i])) continue;
    EXPECT_NEAR(a.streams.speed_mps[i], speeds[i], 1e-3) << i;
    ++compared;
  }
  EXPECT_GE(compared, 5);
}

}  // namespace
}  // namespace rk
