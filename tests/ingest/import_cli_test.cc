// End to end: the built binary (RUNKNEE_BINARY) with --db in a temporary folder.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../formats/test_util.h"
#include "support/run_cli.h"

namespace rk {
namespace {

namespace fs = std::filesystem;

testing::CliResult runknee(const std::string& args) {
  return testing::run_cli(args, testing::Stderr::kMerge);
}

void write(const fs::path& p, const std::vector<std::uint8_t>& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

struct CliTest : ::testing::Test {
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("runknee-cli-" +
           std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir);
    write(dir / "runs/a.gpx", test::testdata("ingest/same_run.gpx"));
    write(dir / "runs/b.tcx", test::corpus("tcx/python-tcxparser/test.tcx"));
    write(dir / "runs/c.fit", test::corpus("fit/python-fitparse/Activity.fit"));
    db = "--db " + (dir / "store.db").string() + " ";
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
  std::string db;
};

TEST_F(CliTest, ImportIsIdempotentAndListable) {
  auto first = runknee(db + "import " + (dir / "runs").string());
  EXPECT_EQ(first.code, 0) << first.out;
  EXPECT_NE(first.out.find("imported 3 activities from 3 files"), std::string::npos) << first.out;
  EXPECT_EQ(first.out.find("\r"), std::string::npos);  // no progress bar when not a terminal

  auto again = runknee(db + "import " + (dir / "runs").string());
  EXPECT_EQ(again.code, 0) << again.out;
  EXPECT_NE(again.out.find("imported 0 activities"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("duplicates: 3"), std::string::npos) << again.out;

  auto list = runknee(db + "activities --format json");
  ASSERT_EQ(list.code, 0) << list.out;
  const auto j = nlohmann::json::parse(list.out);
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["start_utc"], "2012-04-09T21:22:26Z");  // oldest first: the FIT file

  auto csv = runknee(db + "activities --format csv --since 2024-05-01 --until 2024-05-01");
  ASSERT_EQ(csv.code, 0) << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 2) << csv.out;  // header + 1

  auto show = runknee(db + "show " + j[2]["id"].dump());
  EXPECT_EQ(show.code, 0) << show.out;
  EXPECT_NE(show.out.find("laps"), std::string::npos) << show.out;
  auto unknown = runknee(db + "show 999");
  EXPECT_EQ(unknown.code, 2) << unknown.out;
  auto bad_date = runknee(db + "activities --since yesterday");
  EXPECT_EQ(bad_date.code, 2) << bad_date.out;
}

TEST_F(CliTest, BrokenFileGivesNonZeroExitAndNothingPartial) {
  auto bytes = test::corpus("tcx/python-tcxparser/test.tcx");
  bytes.resize(bytes.size() / 2);
  write(dir / "broken/half.tcx", bytes);
  auto r = runknee(db + "import " + (dir / "broken").string());
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("half.tcx: byte "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("failed: 1"), std::string::npos) << r.out;
  auto list = runknee(db + "activities --format json");
  ASSERT_EQ(list.code, 0) << list.out;
  EXPECT_EQ(nlohmann::json::parse(list.out).size(), 0u);
}

TEST_F(CliTest, DecodeWithoutTheStore) {
  auto r = runknee("decode " + (dir / "runs/a.gpx").string() + " --format json --records");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  const auto& a = j["activities"][0];
  EXPECT_EQ(a["records"].size(), 21u);
  EXPECT_EQ(a["records"][3]["cadence_spm"], 170);
  EXPECT_EQ(a["record_count"], 21);
  EXPECT_FALSE(fs::exists(dir / "store.db"));
  auto missing = runknee("decode " + (dir / "nope.fit").string());
  EXPECT_EQ(missing.code, 2) << missing.out;
}

}  // namespace
}  // namespace rk
