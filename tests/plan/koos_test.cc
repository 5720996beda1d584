#include "plan/koos.h"

#include <gtest/gtest.h>

#include <sstream>

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
                   {"P6", 2},  {"P7", 1},  {"P8", 0},  {"P9", 2},                  // 12/9 -> 66.67
                   {"S1", 2},  {"S2", 2},  {"S3", 1},  {"S4", 1},                  // 4 of 7: 62.5
                   {"SP1", 4}, {"SP2", 4}, {"SP3", 2},                             // 3 of 5: 16.67
                   {"Q1", 3},  {"Q2", 1}};                                         // 2 of 4: 50
  for (int i = 1; i <= 9; ++i) a[std::string("A").append(std::to_string(i))] = 0;  // 9 of 17: 100
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
  KoosAnswers a = {{"S1", 2},  {"S2", 2},  {"S3", 1},  // 3 of 7: below half
                   {"SP1", 1}, {"SP2", 1},             // 2 of 5
                   {"Q1", 1}};                         // 1 of 4
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

using Words = std::vector<std::string>;

TEST(Koos, EachItemShowsTheAnswerWordsOfItsScaleInScoreOrder) {
  const auto s = structure();
  const Words severity = {"None", "Mild", "Moderate", "Severe", "Extreme"};
  const Words frequency = {"Never", "Rarely", "Sometimes", "Often", "Always"};
  const Words frequency_reversed = {"Always", "Often", "Sometimes", "Rarely", "Never"};
  EXPECT_EQ(s.anchors("P1"), (Words{"Never", "Monthly", "Weekly", "Daily", "Always"}));
  for (int i = 2; i <= 9; ++i)
    EXPECT_EQ(s.anchors(std::string("P").append(std::to_string(i))), severity) << i;
  for (const char* id : {"S1", "S2", "S3"}) EXPECT_EQ(s.anchors(id), frequency) << id;
  for (const char* id : {"S4", "S5"}) {
    EXPECT_EQ(s.anchors(id), frequency_reversed) << id;
    EXPECT_TRUE(s.item(id)->reversed) << id;
  }
  for (const char* id : {"S6", "S7"}) EXPECT_EQ(s.anchors(id), severity) << id;
  for (int i = 1; i <= 17; ++i)
    EXPECT_EQ(s.anchors(std::string("A").append(std::to_string(i))), severity) << i;
  for (int i = 1; i <= 5; ++i)
    EXPECT_EQ(s.anchors(std::string("SP").append(std::to_string(i))), severity) << i;
  EXPECT_EQ(s.anchors("Q1"), (Words{"Never", "Monthly", "Weekly", "Daily", "Constantly"}));
  EXPECT_EQ(s.anchors("Q2"), (Words{"Not at all", "Mildly", "Moderately", "Severely", "Totally"}));
  EXPECT_EQ(s.anchors("Q3"),
            (Words{"Not at all", "Mildly", "Moderately", "Severely", "Extremely"}));
  EXPECT_EQ(s.anchors("Q4"), severity);
  EXPECT_EQ(s.item("P1")->scale, "pain-frequency");
  EXPECT_EQ(s.item("Q1")->scale, "qol-awareness");
  // Only S4 and S5 run the other way.
  int reversed = 0;
  for (const auto& id : s.all_items()) reversed += s.item(id)->reversed ? 1 : 0;
  EXPECT_EQ(reversed, 2);
  EXPECT_TRUE(s.anchors("X1").empty());
}

TEST(Koos, ReversedItemsScoreTheirWordsTheOtherWay) {
  const auto s = structure();
  EXPECT_EQ(*koos_score_of_word(s, "S1", "never"), 0);
  EXPECT_EQ(*koos_score_of_word(s, "S4", "never"), 4);
  EXPECT_EQ(*koos_score_of_word(s, "S4", "Always"), 0);
  EXPECT_EQ(*koos_score_of_word(s, "S5", "rarely"), 3);
  EXPECT_EQ(*koos_score_of_word(s, "Q2", "not at all"), 0);
  auto bad = koos_score_of_word(s, "P2", "weekly");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("'P2': 'weekly' is not one of its answers"),
            std::string::npos);
  // Symptoms from words: S1 never 0, S2 often 3, S3 sometimes 2, S4 never 4 (reversed),
  // S5 always 0 (reversed), S6 mild 1, S7 severe 3 -> 13 / 7 items -> 100 - 13/7 x 25.
  auto a = koos_answers_from_json(nlohmann::json{{"S1", "never"},
                                                 {"S2", "often"},
                                                 {"S3", "Sometimes"},
                                                 {"S4", "never"},
                                                 {"S5", "always"},
                                                 {"S6", "mild"},
                                                 {"S7", "severe"}},
                                  "a.json", s);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->at("S4"), 4);
  EXPECT_EQ(a->at("S5"), 0);
  EXPECT_NEAR(*score_koos(s, *a).find("symptoms")->score, 100.0 - 13.0 / 7.0 * 25.0, 1e-9);
  // The same S4/S5 words read on the non-reversed scale would give 0 and 4: the direction
  // changes the subscale.
  KoosAnswers wrong = *a;
  wrong["S4"] = 0;
  wrong["S5"] = 4;
  EXPECT_NEAR(*score_koos(s, wrong).find("symptoms")->score, 100.0 - 13.0 / 7.0 * 25.0, 1e-9);
  wrong["S5"] = 0;  // both "never/always" misread as no problem
  EXPECT_NEAR(*score_koos(s, wrong).find("symptoms")->score, 100.0 - 9.0 / 7.0 * 25.0, 1e-9);
  auto word_bad = koos_answers_from_json(nlohmann::json{{"Q1", "totally"}}, "a.json", s);
  ASSERT_FALSE(word_bad);
  EXPECT_NE(word_bad.error().message.find("Never, Monthly, Weekly, Daily, Constantly"),
            std::string::npos);
}

TEST(Koos, StructureRejectsAnItemWithAnUnknownScale) {
  const std::string yaml =
      "scales:\n  - {id: severity, anchors: [a, b, c, d, e]}\n"
      "subscales:\n  - id: pain\n    name: Pain\n    items:\n      - {id: P1, scale: sevrity}\n";
  auto bad = parse_koos_structure(yaml, "k.yaml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "k.yaml:7: item 'P1': unknown scale 'sevrity'");
  auto four = parse_koos_structure("scales:\n  - {id: s, anchors: [a, b, c, d]}\nsubscales: []\n",
                                   "k.yaml");
  ASSERT_FALSE(four);
  EXPECT_NE(four.error().message.find("needs 5 answer words"), std::string::npos);
}

TEST(Koos, TerminalQuestionnaireGoesBySubscaleWithEachScalesWords) {
  const auto s = structure();
  // Pain: P1 weekly (2), P2 1, rest skipped; Symptoms: S1 blank, S4 "never" -> 4, a bad answer
  // then 2 for S5; then end of input.
  std::istringstream in(std::string("weekly\n1\n").append(10, '\n').append("never\n7\n2\n"));
  std::ostringstream out;
  auto a = ask_koos_items(s, {{"P2", "my own wording"}}, in, out);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->at("P1"), 2);
  EXPECT_EQ(a->at("P2"), 1);
  EXPECT_EQ(a->at("S4"), 4);
  EXPECT_EQ(a->at("S5"), 2);
  EXPECT_EQ(a->size(), 4u);
  const std::string text = out.str();
  EXPECT_NE(text.find("Pain (9 items)"), std::string::npos);
  EXPECT_NE(text.find("Symptoms (7 items)"), std::string::npos);
  EXPECT_NE(text.find("0 Never \u00b7 1 Monthly \u00b7 2 Weekly \u00b7 3 Daily \u00b7 4 Always"),
            std::string::npos);
  EXPECT_NE(text.find("0 Always \u00b7 1 Often"), std::string::npos);
  EXPECT_NE(text.find("P2 my own wording: "), std::string::npos);
  EXPECT_EQ(text.find("see your KOOS form"), std::string::npos);
  // The severity words are shown once for P2-P9, not before every item.
  const auto pain = text.find("Pain (9 items)");
  const auto symptoms = text.find("Symptoms (7 items)");
  const auto none = text.find("0 None", pain);
  ASSERT_LT(none, symptoms);
  EXPECT_GT(text.find("0 None", none + 1), symptoms);
  // An answer outside the scale is asked again with the item's words.
  EXPECT_NE(text.find("answer 0-4 or one of: Always, Often, Sometimes, Rarely, Never"),
            std::string::npos);
}

TEST(Koos, TerminalQuestionnaireGivesUpAfterThreeBadAnswers) {
  const auto s = structure();
  std::istringstream in("9\nmaybe\n5\n");
  std::ostringstream out;
  auto a = ask_koos_items(s, {}, in, out);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message, "P1: no valid answer after three tries");
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
