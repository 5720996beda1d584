// Issue 13 through the command line: `runknee log` merges into the day without losing a field
// (also when two processes log the same day at once), and bad input exits 2, never 70 or 139.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace rk {
namespace {

using nlohmann::json;
using rk::testing::run_cli;

class LogHardening : public ::testing::Test {
 protected:
  std::string db() const { return "--db " + (dir_.path() / "runknee.db").string(); }
  json diary() {
    const auto r = run_cli(db() + " diary --format json");
    EXPECT_EQ(r.code, 0);
    return json::parse(r.out);
  }
  std::string write(const std::string& name, const std::string& text) {
    const auto p = dir_.path() / name;
    std::ofstream(p) << text;
    return p.string();
  }
  rk::testing::TempDir dir_{"rk_log_hardening_"};
};

// Item 3 (CLI side): a later --morning keeps every field and flag of the day.
TEST_F(LogHardening, PartialLogKeepsEveryFieldAndRedFlag) {
  ASSERT_EQ(run_cli(db() + " log --date 2026-11-20 --during 4 --after 3 --where joint_line "
                           "--swelling --locking --stiffness 15 --notes hills --ran")
                .code,
            0);
  ASSERT_EQ(run_cli(db() + " log --date 2026-11-20 --morning 3").code, 0);
  const json d = diary();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0]["pain_during"], 4);
  EXPECT_EQ(d[0]["pain_after"], 3);
  EXPECT_EQ(d[0]["pain_morning"], 3);
  EXPECT_EQ(d[0]["locking"], true);
  EXPECT_EQ(d[0]["swelling"], true);
  EXPECT_EQ(d[0]["stiffness_min"], 15);
  EXPECT_EQ(d[0]["notes"], "hills");
  EXPECT_EQ(d[0]["red_flags"].size(), 1u);
}

// Item 5: in 2 of 10 rounds of parallel same-date logs, `--morning 3` printed "Logged" and was
// not kept.
TEST_F(LogHardening, ParallelLogsForOneDayLoseNothing) {
  ASSERT_EQ(run_cli(db() + " log --date 2026-11-01 --ran").code, 0);  // the store exists
  const std::string bin = RUNKNEE_BINARY;
  std::string script;
  for (int round = 0; round < 10; ++round) {
    const std::string date = "2026-11-" + std::to_string(10 + round);
    for (const char* opt : {"--morning 3", "--during 5", "--after 2", "--locking"}) {
      script += bin + " " + db() + " log --date " + date + " " + opt + " >/dev/null 2>&1 & ";
    }
  }
  script += "wait";
  ASSERT_EQ(std::system(script.c_str()), 0);
  const json d = diary();
  ASSERT_EQ(d.size(), 11u);
  for (const auto& e : d) {
    if (e["date"] == "2026-11-01") continue;
    EXPECT_EQ(e["pain_morning"], 3) << e["date"];
    EXPECT_EQ(e["pain_during"], 5) << e["date"];
    EXPECT_EQ(e["pain_after"], 2) << e["date"];
    EXPECT_EQ(e["locking"], true) << e["date"];
  }
}

// Items 8 and 10: impossible dates, out-of-range numbers and empty logs exit 2.
TEST_F(LogHardening, BadInputExitsTwo) {
  EXPECT_EQ(run_cli(db() + " log --date 2024-02-30 --during 2").code, 2);
  EXPECT_EQ(run_cli(db() + " log --date 2026-11-20 --during 4294967300").code, 2);
  EXPECT_EQ(run_cli(db() + " log --date 2026-11-20 --during -4294967291").code, 2);
  EXPECT_EQ(run_cli(db() + " log --date 2026-11-20").code, 2);  // nothing to log
  EXPECT_TRUE(diary().empty());
}

// Item 1 and 8 (CLI side): `assess --answers` with deep nesting crashed (139), 1e999 gave 70.
TEST_F(LogHardening, AnswersAndKoosFilesBoundedDepthAndNumbers) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  for (const std::string& body :
       {"{\"age\": 34, \"notes\": " + deep + "}", std::string("{\"age\": 1e999}"),
        std::string("{\"age\": 34, \"age\": 35}")}) {
    const auto f = write("answers.json", body);
    const auto r = run_cli(db() + " assess --answers " + f, rk::testing::Stderr::kMerge);
    EXPECT_EQ(r.code, 2) << body.substr(0, 40) << ": " << r.out.substr(0, 300);
    const auto k = write("koos.json", body);
    EXPECT_EQ(run_cli(db() + " koos --answers " + k).code, 2) << body.substr(0, 40);
  }
  const auto k = write("koos2.json", "{\"P1\": 4294967297}");
  EXPECT_EQ(run_cli(db() + " koos --answers " + k).code, 2);
}

}  // namespace
}  // namespace rk
