#include "plan/koos.h"

#include <gtest/gtest.h>

namespace rk::plan {
namespace {

KoosStructure structure() {
  auto s = koos_structure();
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
  return *s;
}

TEST(Koos, StructureHas42ItemsInFiveSubscales) {
  const auto s = structure();
  ASSERT_EQ(s.subscales.size(), 5u);
  EXPECT_EQ(s.all_items().size(), 42u);
  std::vector<std::size_t> sizes;
  for (const auto& sub : s.subscales) sizes.push_back(sub.items.size());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{9, 7, 17, 5, 4}));
  EXPECT_DOUBLE_EQ(s.meaningful_change, 10);
}

TEST(Koos, ScoresHandComputedExamples) {
  const auto s = structure();
  KoosAnswers a = {{"P1", 1},  {"P2", 2},  {"P3", 0},  {"P4", 1}, {"P5", 3},
                   {"P6", 2},  {"P7", 1},  {"P8", 0},  {"P9", 2},  // 12/9 -> 66.67
                   {"S1", 2},  {"S2", 2},  {"S3", 1},  {"S4", 1},  // 4 of 7: 62.5
                   {"SP1", 4}, {"SP2", 4}, {"SP3", 2},             // 3 of 5: 16.67
                   {"Q1", 3},  {"Q2", 1}};                         // 2 of 4: 50
  for (int i = 1; i <= 9; ++i) a[std::string("A").append(std::to_string(i))] = 0;     // 9 of 17: 100
  const auto sc = score_koos(s, a);
  EXPECT_NEAR(*sc.find("pain")->score, 100.0 - 12.0 / 9.0 * 25.0, 1e-9);
  EXPECT_NEAR(*sc.find("symptoms")->score, 62.5, 1e-9);
  EXPECT_NEAR(*sc.find("adl")->score, 100.0, 1e-9);
  EXPECT_NEAR(*sc.find("sport_rec")->score, 100.0 - 10.0 / 3.0 * 25.0, 1e-9);
  EXPECT_NEAR(*sc.find("qol")->score, 50.0, 1e-9);
  EXPECT_EQ(sc.find("adl")->answered, 9);
}

TEST(Koos, SubscaleNeedsHalfItsItems) {
  const auto s = structure();
  KoosAnswers a = {{"S1", 2},  {"S2", 2},  {"S3", 1},           // 3 of 7: below half
                   {"SP1", 1}, {"SP2", 1},                      // 2 of 5
                   {"Q1", 1}};                                  // 1 of 4
  for (int i = 1; i <= 8; ++i) a[std::string("A").append(std::to_string(i))] = 1;  // 8 of 17
  for (int i = 1; i <= 5; ++i) a[std::string("P").append(std::to_string(i))] = 4;  // 5 of 9: enough
  const auto sc = score_koos(s, a);
  EXPECT_FALSE(sc.find("symptoms")->score);
  EXPECT_FALSE(sc.find("sport_rec")->score);
  EXPECT_FALSE(sc.find("qol")->score);
  EXPECT_FALSE(sc.find("adl")->score);
  ASSERT_TRUE(sc.find("pain")->score);
  EXPECT_NEAR(*sc.find("pain")->score, 0.0, 1e-9);
}

TEST(Koos, TenPointChangeIsMeaningful) {
  const auto s = structure();
  KoosAnswers before, after;
  for (int i = 1; i <= 4; ++i) {
    before[std::string("P").append(std::to_string(i))] = 2;  // 50
    after[std::string("P").append(std::to_string(i))] = 2;
    before[std::string("Q").append(std::to_string(i))] = 2;  // 50
    after[std::string("Q").append(std::to_string(i))] = 2;
  }
  before["P5"] = 2;
  after["P5"] = 0;  // pain mean 8/5 = 1.6 -> 60: +10
  after["Q1"] = 1;  // qol mean 7/4 -> 56.25: +6.25
  const auto changes = koos_changes(score_koos(s, before), score_koos(s, after), 10);
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_NEAR(*changes[0].delta, 10.0, 1e-9);
  EXPECT_TRUE(changes[0].meaningful);
  EXPECT_NEAR(*changes[4].delta, 6.25, 1e-9);
  EXPECT_FALSE(changes[4].meaningful);
  EXPECT_FALSE(changes[1].delta);  // symptoms never scored
}

TEST(Koos, AnswersRejectUnknownItemsAndOutOfRange) {
  const auto s = structure();
  auto ok = koos_answers_from_json(nlohmann::json{{"answers", {{"P1", 3}, {"S2", nullptr}}}},
                                   "a.json", s);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->size(), 1u);
  auto bad = koos_answers_from_json(nlohmann::json{{"P10", 1}}, "a.json", s);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "a.json: unknown KOOS item 'P10'");
  auto range = koos_answers_from_json(nlohmann::json{{"P1", 5}}, "a.json", s);
  ASSERT_FALSE(range);
  EXPECT_NE(range.error().message.find("'P1': answer must be 0-4"), std::string::npos);
}

TEST(Koos, UserItemTextFileIsCheckedAgainstIds) {
  const auto s = structure();
  auto text = parse_koos_item_text("items:\n  P1: my wording\n", "mine.yaml", s);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->at("P1"), "my wording");
  auto bad = parse_koos_item_text("items:\n  P1: a\n  X9: b\n", "mine.yaml", s);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "mine.yaml:3: unknown KOOS item 'X9'");
}

TEST(Koos, ScoreJsonRoundTrips) {
  const auto s = structure();
  const auto sc = score_koos(s, {{"Q1", 1}, {"Q2", 3}});
  auto back = koos_score_from_json(to_json(sc), "x");
  ASSERT_TRUE(back);
  EXPECT_NEAR(*back->find("qol")->score, 50.0, 1e-9);
  EXPECT_FALSE(back->find("pain")->score);
}

}  // namespace
}  // namespace rk::plan
