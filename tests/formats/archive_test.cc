#include "formats/archive.h"

#include <gtest/gtest.h>

#include "formats/gzip.h"
#include "test_util.h"

namespace rk {
namespace {

using Members = std::vector<std::pair<std::string, std::vector<std::uint8_t>>>;

std::vector<std::uint8_t> strava_export() {
  const std::string csv =
      "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Filename\n"
      "1,\"May 1, 2024, 6:30:00 AM\",Morning Run,Run,\"two\nlines\",activities/1.gpx\n"
      "2,\"Dec 26, 2012\",Evening Ride,Ride,,activities/2.tcx.gz\n"
      "3,\"Apr 9, 2012\",Short test,Run,,activities/3.fit.gz\n";
  return test::make_zip({
      {"activities.csv", test::bytes_of(csv)},
      {"activities/1.gpx", test::testdata("ingest/same_run.gpx")},
      {"activities/2.tcx.gz", test::gzip(test::corpus("tcx/python-tcxparser/test.tcx"))},
      {"activities/3.fit.gz", test::gzip(test::corpus("fit/python-fitparse/Activity.fit"))},
      {"media/photo.jpg", test::bytes_of("not a photo")},
      {"profile.csv", test::bytes_of("a,b\n1,2\n")},
  });
}

TEST(Archive, StravaExportUsesActivitiesCsv) {
  const auto zip = strava_export();
  ASSERT_TRUE(is_zip(zip));
  auto d = decode_zip(zip, "export.zip");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 3u);
  for (const auto& w : d->warnings) ADD_FAILURE() << w.message;
  const Activity& gpx = d->activities[0];
  EXPECT_EQ(gpx.notes, "Morning Run");
  EXPECT_EQ(gpx.source.name, "export.zip:activities/1.gpx");
  EXPECT_EQ(gpx.source.format, "gpx");
  EXPECT_EQ(gpx.source.sha256.size(), 64u);
  const Activity& tcx = d->activities[1];
  EXPECT_EQ(tcx.sport, "cycling");   // the index's type wins over the file's "Running"
  EXPECT_EQ(tcx.notes, "Aerobics");  // the file's own notes are kept
  EXPECT_EQ(d->activities[2].source.format, "fit");
  EXPECT_EQ(d->activities[2].notes, "Short test");
}

TEST(Archive, GarminExportWithNestedZip) {
  const auto inner = test::make_zip({
      {"run.fit", test::corpus("fit/python-fitparse/Activity.fit")},
      {"walk.tcx", test::corpus("tcx/python-tcxparser/test.tcx")},
  });
  const auto outer = test::make_zip({
      {"DI_CONNECT/DI-Connect-User/user_profile.json", test::bytes_of("{}")},
      {"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner},
  });
  auto d = decode_zip(outer, "garmin.zip");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 2u);
  EXPECT_EQ(d->activities[0].source.name,
            "garmin.zip:DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip:run.fit");
  EXPECT_EQ(d->activities[1].source.format, "tcx");
}

TEST(Archive, BrokenMemberIsReportedOthersKept) {
  auto bad_gz = test::gzip(test::corpus("tcx/python-tcxparser/test.tcx"));
  bad_gz.resize(bad_gz.size() / 3);
  const auto zip = test::make_zip({
      {"activities/ok.gpx", test::testdata("ingest/same_run.gpx")},
      {"activities/bad.tcx.gz", bad_gz},
      {"activities/junk.gpx", test::bytes_of("<gpx><trk>")},
  });
  auto d = decode_zip(zip, "e.zip");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->activities.size(), 1u);
  ASSERT_EQ(d->warnings.size(), 2u);
  EXPECT_EQ(d->warnings[0].message.rfind("e.zip:activities/bad.tcx.gz: byte ", 0), 0u)
      << d->warnings[0].message;
  EXPECT_EQ(d->warnings[1].message.rfind("e.zip:activities/junk.gpx: byte ", 0), 0u)
      << d->warnings[1].message;
}

TEST(Archive, ClassifiesMembersByName) {
  EXPECT_EQ(classify_member("activities/123.fit.gz"), MemberKind::kActivity);
  EXPECT_EQ(classify_member("a/B.GPX"), MemberKind::kActivity);
  EXPECT_EQ(classify_member("x/UploadedFiles_0-_Part1.zip"), MemberKind::kZip);
  EXPECT_EQ(classify_member("activities.csv"), MemberKind::kStravaIndex);
  EXPECT_EQ(classify_member("__MACOSX/activities/._1.fit"), MemberKind::kOther);
  EXPECT_EQ(classify_member("profile.json"), MemberKind::kOther);
}

TEST(Archive, NotAZipAndCorruptZips) {
  auto d = decode_zip(test::bytes_of("hello"), "n.zip");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().message.rfind("n.zip: not a readable zip archive", 0), 0u)
      << d.error().message;
  const auto zip = strava_export();
  for (const auto& m : test::mutations(zip, 120)) {
    auto r = decode_zip(m, "m.zip");
    if (!r) {
      EXPECT_EQ(r.error().message.rfind("m.zip", 0), 0u) << r.error().message;
    } else {
      for (const auto& w : r->warnings) EXPECT_EQ(w.message.rfind("m.zip", 0), 0u) << w.message;
    }
  }
}

TEST(Gzip, ConcatenatedMembersLimitsAndErrors) {
  auto a = test::gzip(test::bytes_of("hello "));
  const auto b = test::gzip(test::bytes_of("world"));
  a.insert(a.end(), b.begin(), b.end());
  auto out = gunzip(a, "x.gz");
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(std::string(out->begin(), out->end()), "hello world");
  const auto big = test::gzip(std::vector<std::uint8_t>(1 << 20, 'a'));
  auto limited = gunzip(big, "big.gz", 1000);
  ASSERT_FALSE(limited);
  EXPECT_NE(limited.error().message.find("refused"), std::string::npos);
  auto bad = gunzip(test::bytes_of("\x1f\x8b garbage garbage"), "g.gz");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.rfind("g.gz: byte ", 0), 0u) << bad.error().message;
}

}  // namespace
}  // namespace rk
