#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "../formats/test_util.h"
#include "ingest/importer.h"
#include "store/activity_repo.h"
#include "store/store.h"

namespace rk {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, const std::vector<std::uint8_t>& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

struct ImportTest : ::testing::Test {
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("runknee-import-" +
           std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir);
    fs::create_directories(dir / "in");
    auto opened = Store::open(dir / "store.db");
    ASSERT_TRUE(opened) << opened.error().message;
    store.emplace(std::move(*opened));
  }
  void TearDown() override {
    store.reset();
    fs::remove_all(dir);
  }
  ImportReport run(const std::vector<fs::path>& paths, ImportOptions options = {}) {
    auto r = import_paths(store->db(), store->local_user(), paths, options);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : ImportReport{};
  }
  std::size_t stored() {
    auto all = ActivityRepo(store->db()).list(store->local_user());
    return all ? all->size() : 0;
  }
  void fill_folder() {
    write(dir / "in/a.gpx", test::testdata("ingest/same_run.gpx"));
    write(dir / "in/b.tcx", test::corpus("tcx/dblock-tcx/running/running_workout_1.tcx"));
    write(dir / "in/c.fit", test::corpus("fit/python-fitparse/Activity.fit"));
    write(dir / "in/settings.fit", test::corpus("fit/python-fitparse/Settings.fit"));
    write(dir / "in/readme.txt", test::bytes_of("hello"));
    write(dir / "in/sub/deeper/d.tcx.gz",
          test::gzip(test::corpus("tcx/python-tcxparser/test.tcx")));
    write(dir / "in/log.csv", test::testdata("formats/log_good.csv"));
  }
  fs::path dir;
  std::optional<Store> store;
};

TEST_F(ImportTest, FolderRecursivelyThenIdempotent) {
  fill_folder();
  const auto first = run({dir / "in"});
  EXPECT_EQ(first.imported, 8u);  // gpx, tcx, fit, tcx.gz and 4 log rows
  EXPECT_EQ(first.files, 6u);
  EXPECT_EQ(first.ignored, 1u);  // readme.txt
  ASSERT_EQ(first.skipped.size(), 1u);
  EXPECT_NE(first.skipped[0].file.find("settings.fit"), std::string::npos);
  EXPECT_TRUE(first.failed.empty());
  EXPECT_TRUE(first.ok());
  EXPECT_EQ(stored(), 8u);

  const auto again = run({dir / "in"}, {.jobs = 1});
  EXPECT_EQ(again.imported, 0u);
  EXPECT_EQ(again.duplicates.size(), 5u);  // every file with activities, by its SHA-256
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(stored(), 8u);
}

TEST_F(ImportTest, SameActivityThroughAnotherFormatIsADuplicate) {
  write(dir / "in/run.gpx", test::testdata("ingest/same_run.gpx"));
  ASSERT_EQ(run({dir / "in/run.gpx"}).imported, 1u);
  write(dir / "in/run.tcx", test::testdata("ingest/same_run.tcx"));
  const auto r = run({dir / "in/run.tcx"});
  EXPECT_EQ(r.imported, 0u);
  ASSERT_EQ(r.duplicates.size(), 1u);
  EXPECT_NE(r.duplicates[0].message.find("same activity as #1"), std::string::npos);
  EXPECT_EQ(stored(), 1u);
}

// Issue 13 item 15: which copy of a duplicate is kept used to depend on which worker finished
// first. The first file by path is slow to decode (a large comment) and the second fast, so the
// old behaviour kept the second in almost every round; now the first is kept every time.
TEST_F(ImportTest, DuplicateChoiceIsTheSameEveryRun) {
  auto slow = test::testdata("ingest/same_run.gpx");
  const std::string decl = "?>\n";
  const auto at = std::search(slow.begin(), slow.end(), decl.begin(), decl.end());
  ASSERT_NE(at, slow.end());
  const std::string padding = "<!--" + std::string(8 << 20, ' ') + "-->";
  slow.insert(at + static_cast<std::ptrdiff_t>(decl.size()), padding.begin(), padding.end());
  write(dir / "in/a-first.gpx", slow);
  write(dir / "in/b-second.tcx", test::testdata("ingest/same_run.tcx"));
  write(dir / "in/c-copy.gpx", slow);  // the same bytes as a-first.gpx
  for (int round = 0; round < 4; ++round) {
    store.reset();
    fs::remove(dir / "store.db");
    store.emplace(*Store::open(dir / "store.db"));
    const auto r = run({dir / "in"}, {.jobs = 3});
    ASSERT_EQ(r.imported, 1u);
    auto all = ActivityRepo(store->db()).list(store->local_user());
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 1u);
    EXPECT_NE(all->front().activity.source.name.find("a-first.gpx"), std::string::npos)
        << "round " << round << ": kept " << all->front().activity.source.name;
    ASSERT_EQ(r.duplicates.size(), 2u);
    EXPECT_NE(r.duplicates[0].file.find("b-second"), std::string::npos) << r.duplicates[0].file;
    EXPECT_NE(r.duplicates[1].file.find("c-copy.gpx"), std::string::npos) << r.duplicates[1].file;
  }
}

// Issue 13 item 15: an import that fills the disk says what it stored. SQLite's page limit
// stands in for a full disk (the same SQLITE_FULL error); each file is one whole activity.
TEST_F(ImportTest, FullDiskSaysWhatWasStored) {
  for (const char* f : {"garmin-fenix-5-run.fit", "garmin-edge-500-activity.fit",
                        "garmin-fenix-5-bike.fit", "garmin-edge-820-bike.fit",
                        "activity-small-fenix2-run.fit"}) {
    write(dir / "in" / f, test::corpus(std::string("fit/python-fitparse/") + f));
  }
  auto st = store->db().prepare("PRAGMA page_count");
  ASSERT_TRUE(st);
  ASSERT_TRUE(st->step());
  const auto pages = st->column_int(0);
  ASSERT_TRUE(store->db().exec(fmt::format("PRAGMA max_page_count = {}", pages + 6)));
  auto r = import_paths(store->db(), store->local_user(), {dir / "in"}, {.jobs = 1, .batch = 1});
  ASSERT_FALSE(r);
  const std::string& m = r.error().message;
  EXPECT_NE(m.find("full"), std::string::npos) << m;
  const std::size_t kept = stored();
  EXPECT_GT(kept, 0u);
  EXPECT_LT(kept, 4u);  // the five files hold four distinct activities
  EXPECT_NE(m.find(fmt::format("{} {} from this import", kept, kept == 1 ? "activity" : "activities")),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("run the same import again"), std::string::npos) << m;
}

TEST_F(ImportTest, BrokenFileFailsOthersStoredWhole) {
  write(dir / "in/a.gpx", test::testdata("ingest/same_run.gpx"));
  auto fit = test::corpus("fit/python-fitparse/Activity.fit");
  fit.resize(9);  // not even a FIT header
  write(dir / "in/broken.fit", fit);
  write(dir / "in/broken.gpx", test::bytes_of("<gpx><trk><trkseg><trkpt"));
  const auto r = run({dir / "in"});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.imported, 1u);
  ASSERT_EQ(r.failed.size(), 2u);
  for (const auto& f : r.failed)
    EXPECT_NE(f.message.find("broken."), std::string::npos) << f.message;
  EXPECT_EQ(stored(), 1u);
}

TEST_F(ImportTest, ExportArchivesWithNestedZipAndBrokenMember) {
  auto bad = test::gzip(test::corpus("tcx/python-tcxparser/test.tcx"));
  bad.resize(bad.size() / 2);
  const auto inner = test::make_zip(
      {{"x.fit", test::corpus("fit/python-fitparse/Activity.fit")}, {"y.tcx.gz", bad}});
  write(dir / "in/garmin.zip",
        test::make_zip({{"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner},
                        {"DI_CONNECT/DI-Connect-Fitness/summary.json", test::bytes_of("[]")}}));
  write(dir / "in/strava.zip",
        test::make_zip(
            {{"activities.csv", test::bytes_of("Activity ID,Activity Name,Activity Type,Filename\n"
                                               "7,Lunch Run,Run,activities/7.gpx\n")},
             {"activities/7.gpx", test::testdata("ingest/same_run.gpx")}}));
  const auto r = run({dir / "in/garmin.zip", dir / "in/strava.zip"});
  EXPECT_EQ(r.imported, 2u);
  ASSERT_EQ(r.failed.size(), 1u);
  EXPECT_NE(r.failed[0].message.find("UploadedFiles_0-_Part1.zip:y.tcx.gz: byte "),
            std::string::npos)
      << r.failed[0].message;
  auto all = ActivityRepo(store->db()).list(store->local_user());
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  bool named = false;
  for (const auto& s : *all) named = named || s.activity.notes == "Lunch Run";
  EXPECT_TRUE(named);
  const auto again = run({dir / "in"});
  EXPECT_EQ(again.imported, 0u);
  EXPECT_EQ(again.duplicates.size(), 2u);
}

TEST_F(ImportTest, MissingPathFailsAndCancelStopsCleanly) {
  const auto r = run({dir / "nope"});
  ASSERT_EQ(r.failed.size(), 1u);
  EXPECT_NE(r.failed[0].message.find("no such file or folder"), std::string::npos);
  fill_folder();
  std::atomic<bool> cancel{true};
  const auto c = run({dir / "in"}, {.cancel = &cancel});
  EXPECT_TRUE(c.interrupted);
  EXPECT_FALSE(c.ok());
  EXPECT_EQ(stored(), c.imported);
}

TEST_F(ImportTest, ReportSummarisesReasons) {
  fill_folder();
  const auto r = run({dir / "in"});
  const std::string text = format_report(r, false);
  EXPECT_NE(text.find("imported 8 activities from 6 files"), std::string::npos) << text;
  EXPECT_NE(text.find("skipped: 1"), std::string::npos) << text;
  EXPECT_NE(text.find("failed: 0"), std::string::npos) << text;
}

}  // namespace
}  // namespace rk
