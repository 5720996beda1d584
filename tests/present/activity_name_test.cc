// Editable activity names (issue 14 item 4): validation, the store, and the CLI end to end.

#include "store/activity_name_repo.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "store/activity_repo.h"
#include "store/store.h"
#include "support/run_cli.h"

namespace rk {
namespace {

using rk::testing::run_cli;

TEST(ActivityName, CleanTrimsAndChecksLengthAndCharacters) {
  EXPECT_EQ(*clean_activity_name("  Sunday long run  "), "Sunday long run");
  EXPECT_EQ(*clean_activity_name(""), "");
  EXPECT_EQ(*clean_activity_name("   "), "");
  EXPECT_EQ(*clean_activity_name("Parkrun \xC3\xA9t\xC3\xA9 \xF0\x9F\x8F\x83"), "Parkrun été 🏃");
  EXPECT_TRUE(clean_activity_name(std::string(kActivityNameMaxChars, 'a')));
  // 80 two-byte characters are 80 characters, not 160.
  std::string accents;
  for (std::size_t i = 0; i < kActivityNameMaxChars; ++i) accents += "\xC3\xA9";
  EXPECT_TRUE(clean_activity_name(accents));
  const auto too_long = clean_activity_name(std::string(kActivityNameMaxChars + 1, 'a'));
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().message.find("at most 80"), std::string::npos);
  for (const char* bad : {"tab\there", "new\nline", "cr\rhere", "bell\x07", "del\x7F",
                          "\xC2\x85next-line"}) {
    const auto r = clean_activity_name(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().message.find("control characters"), std::string::npos) << bad;
  }
  for (const char* bad : {"\xFF", "\xC3", "\xC0\xAF", "\xED\xA0\x80", "ab\xE2\x82"}) {
    const auto r = clean_activity_name(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().message.find("UTF-8"), std::string::npos);
  }
}

TEST(ActivityName, StoredPerActivityResetByEmptyAndGoneWithTheActivity) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store) << store.error().message;
  Activity a;
  a.start_utc = 1'700'000'000;
  a.distance_m = 8000;
  a.elapsed_s = 2400;
  a.sport = "running";
  a.source = {"run.fit", 1, std::string(64, 'b'), "fit", ""};
  auto id = ActivityRepo(store->db()).insert(store->local_user(), a);
  ASSERT_TRUE(id) << id.error().message;
  ActivityNameRepo names(store->db());
  const UserId me = store->local_user();
  EXPECT_FALSE(*names.set(me, *id + 1, "Nobody"));  // no such activity: nothing stored
  EXPECT_TRUE(names.all(me)->empty());
  EXPECT_TRUE(*names.set(me, *id, "Hill repeats"));
  EXPECT_EQ(**names.find(me, *id), "Hill repeats");
  EXPECT_TRUE(*names.set(me, *id, "Hill repeats, again"));
  EXPECT_EQ(names.all(me)->at(*id), "Hill repeats, again");
  EXPECT_TRUE(*names.set(me, *id, ""));
  EXPECT_FALSE(*names.find(me, *id));
  EXPECT_TRUE(*names.set(me, *id, "Kept"));
  ASSERT_TRUE(store->db().exec("DELETE FROM activities"));
  EXPECT_TRUE(names.all(me)->empty()) << "the name goes with its activity";
}

TEST(ActivityName, RenameOnTheCommandLine) {
  rk::testing::TempDir dir("rk_present_rename_");
  {
    std::ofstream log(dir.path() / "log.csv");
    log << "date,distance_km,duration,rpe\n2026-11-20T07:00:00,8,48:00,4\n";
  }
  const std::string db = "--db " + (dir.path() / "runknee.db").string();
  ASSERT_EQ(run_cli(db + " import " + (dir.path() / "log.csv").string()).code, 0);
  const auto before = run_cli(db + " show 1");
  ASSERT_EQ(before.code, 0);

  const auto renamed = run_cli(db + " rename 1 '  Easy Friday run '");
  ASSERT_EQ(renamed.code, 0);
  EXPECT_NE(renamed.out.find("\"Easy Friday run\""), std::string::npos) << renamed.out;
  EXPECT_EQ(run_cli(db + " show 1").out.rfind("Easy Friday run\n", 0), 0u);
  const auto j = nlohmann::json::parse(run_cli(db + " activities --format json").out);
  EXPECT_EQ(j[0]["name"], "Easy Friday run");
  // The text list shows the runner's name at the end of the row (issue 14).
  const auto listed = run_cli(db + " activities");
  ASSERT_EQ(listed.code, 0);
  EXPECT_NE(listed.out.find("  Easy Friday run\n"), std::string::npos) << listed.out;

  // Bad input: exit 2 and the stored name is unchanged.
  const auto too_long = run_cli(db + " rename 1 " + std::string(81, 'x'), rk::testing::Stderr::kMerge);
  EXPECT_EQ(too_long.code, 2);
  EXPECT_NE(too_long.out.find("at most 80"), std::string::npos) << too_long.out;
  EXPECT_EQ(run_cli(db + " rename 1 \"$(printf 'tab\\there')\"").code, 2);
  EXPECT_EQ(run_cli(db + " rename 99 'Nobody'").code, 2);
  EXPECT_EQ(nlohmann::json::parse(run_cli(db + " show 1 --format json").out)["name"],
            "Easy Friday run");

  // An empty name brings back the one from the file.
  ASSERT_EQ(run_cli(db + " rename 1 ''").code, 0);
  EXPECT_EQ(run_cli(db + " show 1").out, before.out);
  EXPECT_EQ(run_cli(db + " activities").out.find("Easy Friday run"), std::string::npos);
}

}  // namespace
}  // namespace rk
