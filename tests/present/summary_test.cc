// The one-screen assessment summary (issue 14 item 1) and relief steps that fit the picture.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "assess/engine.h"
#include "assess/summary.h"
#include "support/knowledge.h"
#include "util/file_io.h"

namespace rk {
namespace {

using nlohmann::json;

const KnowledgeBase& kb() { return rk::testing::embedded_knowledge(); }

Assessment run(const json& j) {
  auto a = answers_from_json(kb(), j, "test");
  EXPECT_TRUE(a) << (a ? "" : a.error().message);
  return assess(kb(), {a ? *a : Answers{}, std::nullopt, 1'700'000'000});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t a = 0; a < text.size();) {
    auto b = text.find('\n', a);
    if (b == std::string::npos) b = text.size();
    out.push_back(text.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

std::size_t columns(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::vector<std::string> step_ids(const Assessment& a) {
  std::vector<std::string> ids;
  for (const auto& s : a.relief_steps) ids.push_back(s.id);
  return ids;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

/// Every vignette: the summary fits one 80 x 25 screen and says the urgency first.
void expect_one_screen(const json& result, const std::string& what) {
  const std::string text = render_summary_text(kb(), result, "runknee show-assessment 1 --full");
  const auto lines = lines_of(text);
  EXPECT_LE(lines.size(), 25u) << what << "\n" << text;
  EXPECT_GE(lines.size(), 8u) << what << "\n" << text;
  for (const auto& l : lines) EXPECT_LE(columns(l), 80u) << what << ": " << l;
  const std::string label = result["urgency"]["label"];
  EXPECT_NE(lines.at(1).find(label.substr(0, 20)), std::string::npos) << what << "\n" << text;
  EXPECT_NE(text.find("not a diagnosis"), std::string::npos) << what;
  EXPECT_NE(text.find("--full"), std::string::npos) << what;
  // No ids or unrendered markup on the screen.
  for (const char* raw : {"_", "**", "*Why:*", "[", "{"})
    EXPECT_EQ(text.find(raw), std::string::npos) << what << ": '" << raw << "'\n" << text;
}

TEST(AssessSummary, EveryVignetteFitsOneScreenWithTheUrgencyFirst) {
  const std::filesystem::path dir = std::string(RUNKNEE_TESTDATA) + "/assess/vignettes";
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const json v = json::parse(*read_file_text(e.path()));
    expect_one_screen(to_json(kb(), run(v["answers"])), e.path().filename().string());
    ++n;
  }
  EXPECT_GE(n, 71);
}

TEST(AssessSummary, RandomAnswerSetsFitOneScreen) {
  // Many warning signs, every medicine question "yes": the longest lists the engine makes.
  std::mt19937 rng(14);
  const std::vector<std::pair<const char*, json>> choices = {
      {"swelling", "marked"}, {"locking", true},       {"hot_red_knee", true},
      {"fever", true},        {"calf_swelling", true}, {"numbness", true},
      {"med_kidney", true},   {"med_liver", true},     {"med_stomach_ulcer", true},
      {"med_pregnant", true}, {"night_rest_pain", true}, {"weight_loss", true},
      {"bony_tenderness", true}, {"med_anticoagulant", true}, {"age", 12}};
  for (int i = 0; i < 300; ++i) {
    json j = {{"age", 40}, {"onset", i % 2 ? "sudden" : "gradual"}};
    for (const auto& [k, v] : choices)
      if (rng() % 2) j[k] = v;
    expect_one_screen(to_json(kb(), run(j)), j.dump());
  }
}

TEST(AssessSummary, SaysWhatToDoTheTopCausesAndWhatToAvoid) {
  // The example runner (every safety question answered) with a past stomach ulcer.
  json answers =
      json::parse(*read_file_text(std::string(RUNKNEE_SOURCE_DIR) + "/examples/answers-overuse.json"));
  answers["med_stomach_ulcer"] = true;
  const json r = to_json(kb(), run(answers));
  const json s = assessment_summary(kb(), r);
  EXPECT_EQ(s["level"], r["urgency"]["level"]);
  ASSERT_FALSE(s["causes"].empty());
  EXPECT_EQ(s["causes"][0]["name"], r["causes"][0]["name"]);
  EXPECT_LE(s["causes"].size(), 3u);
  ASSERT_FALSE(s["today"].empty());
  // What to do today follows the relief steps in their order, by their one-line summary.
  EXPECT_EQ(s["today"][0], r["relief"]["steps"][0]["summary"]);
  // The ulcer rules out ibuprofen: it is named (not by its id) under "avoid" with the reason.
  bool ibuprofen = false;
  for (const auto& a : s["avoid"])
    ibuprofen = ibuprofen || a.get<std::string>().rfind("Ibuprofen tablets: ", 0) == 0;
  EXPECT_TRUE(ibuprofen) << s.dump(2);
  // A recommended painkiller comes with its dose and its daily cap.
  bool dose = false;
  for (const auto& t : s["today"])
    dose = dose || t.get<std::string>().find("at most 4 g") != std::string::npos;
  EXPECT_TRUE(dose) << s.dump(2);
}

TEST(AssessSummary, AnEmergencyLeadsWithWhatToDoAndAvoidsRunning) {
  const json r = to_json(kb(), run({{"age", 30}, {"onset", "sudden"}, {"mechanism", "twist"},
                                    {"weight_bearing", "cannot"}, {"deformity", true}}));
  const json s = assessment_summary(kb(), r);
  EXPECT_EQ(s["level"], "emergency");
  EXPECT_FALSE(s["why"].get<std::string>().empty());
  ASSERT_FALSE(s["avoid"].empty());
  EXPECT_NE(s["avoid"][0].get<std::string>().find("Running"), std::string::npos) << s.dump(2);
  const std::string text = render_summary_text(kb(), r, "add --full");
  EXPECT_EQ(text.find("EMERGENCY: "), 80u) << text;  // after the first rule line
}

TEST(AssessSummary, OldResultsWithoutTheNewFieldsStillSummarise) {
  json r = to_json(kb(), run({{"age", 30}, {"onset", "gradual"}, {"med_kidney", true}}));
  for (auto& s : r["relief"]["steps"]) s.erase("summary"), s.erase("avoid"), s.erase("why");
  for (auto& m : r["relief"]["medication"]["avoid"]) m.erase("name");
  for (auto& m : r["relief"]["medication"]["recommended"]) m.erase("dose_text");
  const json s = assessment_summary(kb(), r);
  EXPECT_EQ(s["today"][0], r["relief"]["steps"][0]["title"]);
  bool named = false;
  for (const auto& a : s["avoid"]) named = named || a.get<std::string>().rfind("Ibuprofen", 0) == 0;
  EXPECT_TRUE(named) << s.dump(2);
  expect_one_screen(r, "old result");
}

// --- Relief steps that fit the picture -----------------------------------------------------

TEST(ReliefFit, GradualPainWithoutSwellingGetsNoSwellingOrFirstDaysAdvice) {
  // The case: three weeks of gradual pain, no swelling.
  const Assessment a = run(
      {{"age", 40}, {"onset", "gradual"}, {"swelling", "none"}, {"duration_weeks", 3}});
  const auto ids = step_ids(a);
  for (const char* id : {"compression", "elevation", "ice", "rest"})
    EXPECT_FALSE(has(ids, id)) << id;
  for (const char* id : {"rest_gradual", "ice_for_pain", "load_gradually"})
    EXPECT_TRUE(has(ids, id)) << id;
  EXPECT_EQ(ids.front(), "rest_gradual");
  for (const auto& s : a.relief_steps) {
    EXPECT_EQ(s.timing.find("first 2"), std::string::npos) << s.id << ": " << s.timing;
    EXPECT_EQ(s.timing.find("swollen"), std::string::npos) << s.id << ": " << s.timing;
    EXPECT_EQ(s.how.find("swollen"), std::string::npos) << s.id << ": " << s.how;
  }
}

TEST(ReliefFit, SwellingPutsIceCompressionAndElevationFirst) {
  const Assessment a = run({{"age", 40}, {"onset", "gradual"}, {"swelling", "mild"},
                            {"swelling_speed", "gradual"}});
  const auto ids = step_ids(a);
  ASSERT_GE(ids.size(), 4u);
  EXPECT_EQ(std::vector<std::string>(ids.begin(), ids.begin() + 4),
            (std::vector<std::string>{"rest_gradual", "ice", "compression", "elevation"}));
  EXPECT_FALSE(has(ids, "ice_for_pain"));
}

TEST(ReliefFit, AnAcuteInjuryGetsTheFirstDaysSteps) {
  const Assessment a = run({{"age", 25}, {"onset", "sudden"}, {"mechanism", "twist"},
                            {"weight_bearing", "normal"}, {"swelling", "none"},
                            {"duration_weeks", 0.3}});
  const auto ids = step_ids(a);
  EXPECT_TRUE(has(ids, "rest"));
  EXPECT_TRUE(has(ids, "ice"));
  EXPECT_FALSE(has(ids, "rest_gradual"));
  EXPECT_TRUE(has(ids, "elevation"));
  EXPECT_FALSE(has(ids, "compression"));  // nothing to compress without swelling
}

TEST(ReliefFit, UntilSeenComesFirstAndEveryStepSaysWhy) {
  const Assessment a = run({{"age", 30}, {"onset", "sudden"}, {"mechanism", "twist"},
                            {"swelling", "marked"}, {"swelling_speed", "within_2h"}});
  ASSERT_FALSE(a.relief_steps.empty());
  EXPECT_EQ(a.relief_steps.front().id, "until_seen");
  for (const auto& s : kb().data().relief_steps) {
    EXPECT_FALSE(s.why.empty()) << s.id;
    EXPECT_FALSE(s.summary.empty()) << s.id;
    EXPECT_LE(s.summary.size(), 74u) << s.id << ": fits one summary line";
  }
}

TEST(ReliefFit, NoStepContradictsTheUrgencyOverRandomPictures) {
  // Until seen: only the protect / ice / compression / elevation steps, the protect step first.
  std::mt19937 rng(1414);
  const char* swell[] = {"none", "mild", "marked"};
  int until_seen = 0;
  for (int i = 0; i < 2000; ++i) {
    json j = {{"age", 20 + static_cast<int>(rng() % 50)},
              {"onset", rng() % 2 ? "sudden" : "gradual"},
              {"swelling", swell[rng() % 3]}};
    if (rng() % 3 == 0) j["weight_bearing"] = "cannot";
    if (rng() % 4 == 0) j["hot_red_knee"] = true;
    if (rng() % 4 == 0) j["calf_swelling"] = true;
    const Assessment a = run(j);
    const auto ids = step_ids(a);
    const bool swollen = j["swelling"] != "none";
    if (!swollen) {
      EXPECT_FALSE(has(ids, "compression")) << j.dump();
    }
    if (!swollen && j["onset"] == "gradual") {
      EXPECT_FALSE(has(ids, "elevation") || has(ids, "ice")) << j.dump();
    }
    if (a.safety.until_seen) {
      ++until_seen;
      EXPECT_EQ(ids.front(), "until_seen") << j.dump();
      for (const auto& id : ids)
        EXPECT_TRUE(id == "until_seen" || id == "ice" || id == "compression" ||
                    id == "elevation")
            << id << " until seen: " << j.dump();
    }
    if (j.contains("calf_swelling")) {
      EXPECT_FALSE(has(ids, "compression")) << j.dump();
    }
  }
  EXPECT_GT(until_seen, 100);
}

}  // namespace
}  // namespace rk
