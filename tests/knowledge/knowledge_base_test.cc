#include "knowledge/knowledge_base.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "knowledge/learn.h"
#include "util/embedded.h"
#include "util/file_io.h"

namespace rk {
namespace {

std::vector<KnowledgeFile> embedded_plus(const std::string& broken_name) {
  std::vector<KnowledgeFile> files;
  for (const auto& f : embedded_files_knowledge())
    files.push_back({std::string(f.name), std::string(f.bytes)});
  if (!broken_name.empty()) {
    auto text = read_file_text(std::string(RUNKNEE_TESTDATA) + "/knowledge/" + broken_name);
    EXPECT_TRUE(text) << broken_name;
    files.push_back({broken_name, text ? *text : ""});
  }
  return files;
}

std::string load_error(const std::vector<KnowledgeFile>& files) {
  auto kb = KnowledgeBase::load_files(files);
  EXPECT_FALSE(kb) << "expected the knowledge base to be rejected";
  return kb ? std::string() : kb.error().message;
}

TEST(KnowledgeBase, EmbeddedDataLoadsAndIsComplete) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  EXPECT_EQ(kb->causes().size(), 5u);
  EXPECT_EQ(kb->conditions().size(), 12u);
  EXPECT_EQ(kb->anatomy().size(), 5u);
  for (const char* id : {"clamshell", "side_lying_abduction", "glute_bridge", "side_plank", "squat",
                         "split_squat", "step_down", "copenhagen"})
    EXPECT_NE(kb->exercise(id), nullptr) << id;
  ASSERT_NE(kb->citation("frandsen2025"), nullptr);
  EXPECT_NE(kb->citation("frandsen2025")->text.find("Br J Sports Med 2025"), std::string::npos);
  EXPECT_EQ(kb->threshold("no.such.threshold"), nullptr);
  ASSERT_NE(kb->threshold("assess.condition_min_score"), nullptr);
  EXPECT_DOUBLE_EQ(kb->threshold_or("assess.condition_min_score", 0), 0.25);
}

TEST(KnowledgeBase, CarriesAVersionForReports) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  EXPECT_FALSE(kb->version().empty());
  std::vector<KnowledgeFile> files;
  for (const auto& f : embedded_files_knowledge())
    if (std::string(f.name) != "version.yaml") files.push_back({std::string(f.name), std::string(f.bytes)});
  EXPECT_NE(load_error(files).find("missing 'version'"), std::string::npos);
}

TEST(KnowledgeBase, EveryExerciseHasADose) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb);
  for (const auto& x : kb->exercises()) {
    EXPECT_GE(x.sets, 1) << x.id;
    EXPECT_NE(x.reps.has_value(), x.hold_s.has_value()) << x.id;
    EXPECT_FALSE(x.progression.empty()) << x.id;
  }
}

TEST(KnowledgeBase, LoadsFromAFolder) {
  const auto dir = std::filesystem::temp_directory_path() / "runknee-kb-dir-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& f : embedded_files_knowledge()) {
    std::ofstream out(dir / std::string(f.name), std::ios::binary);
    out << f.bytes;
  }
  auto kb = KnowledgeBase::load_dir(dir);
  ASSERT_TRUE(kb) << kb.error().message;
  EXPECT_EQ(kb->causes().size(), 5u);
  auto missing = KnowledgeBase::load_dir(dir / "nope");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("knowledge folder not found"), std::string::npos);
}

TEST(KnowledgeValidation, MissingFieldNamesFileLineAndField) {
  EXPECT_EQ(load_error(embedded_plus("missing_field.yaml")),
            "missing_field.yaml:2: exercise 'wall_sit': missing field 'name'");
}

TEST(KnowledgeValidation, MissingCauseNameMatchesTheContractExample) {
  auto files = embedded_plus("");
  for (auto& f : files) {
    if (f.name != "causes.yaml") continue;
    const std::string line = "    name: \"Overuse and load spikes\"\n";
    const auto pos = f.text.find(line);
    ASSERT_NE(pos, std::string::npos);
    f.text.erase(pos, line.size());
  }
  EXPECT_EQ(load_error(files), "causes.yaml:5: cause 'overuse': missing field 'name'");
}

TEST(KnowledgeValidation, UnknownCitationIsReported) {
  EXPECT_EQ(load_error(embedded_plus("bad_citation.yaml")),
            "bad_citation.yaml:5: faq entry 'stretching_before': unknown citation 'nobody2020'");
}

TEST(KnowledgeValidation, DuplicateIdPointsAtTheFirstDefinition) {
  EXPECT_EQ(load_error(embedded_plus("duplicate_id.yaml")),
            "duplicate_id.yaml:2: duplicate exercise id 'clamshell' (first defined at "
            "exercises.yaml:4)");
}

TEST(KnowledgeValidation, YamlSyntaxErrorHasALine) {
  const std::string err = load_error(embedded_plus("syntax_error.yaml"));
  EXPECT_EQ(err.rfind("syntax_error.yaml:", 0), 0u) << err;
  EXPECT_NE(err.find("YAML syntax error"), std::string::npos) << err;
  EXPECT_EQ(err, "syntax_error.yaml:4: YAML syntax error: end of map not found");
}

TEST(KnowledgeValidation, OutOfRangeAndUnknownKeyAreBothListed) {
  EXPECT_EQ(load_error(embedded_plus("out_of_range.yaml")),
            "out_of_range.yaml:6: exercise 'too_many_sets': field 'sets': 50 is out of range "
            "(1 to 10)\n"
            "out_of_range.yaml:10: exercise 'too_many_sets': unknown key 'colour'");
}

TEST(KnowledgeValidation, PredicatesAreCheckedAgainstTheQuestions) {
  EXPECT_EQ(load_error(embedded_plus("bad_predicate.yaml")),
            "bad_predicate.yaml:11: red flag 'red_flag.test_bad_value': unknown urgency level "
            "'someday'\n"
            "bad_predicate.yaml:4: condition names unknown question 'shoe_colour'\n"
            "bad_predicate.yaml:10: condition on 'onset': 'slowly' is not one of its values");
}

// The pain diary's warning signs (data/diary.yaml) are rules over the diary's own yes/no fields.
TEST(KnowledgeValidation, DiaryRulesNameDiaryFieldsWithYesOrNo) {
  EXPECT_EQ(load_error(embedded_plus("bad_diary.yaml")),
            "bad_diary.yaml:6: diary red flag 'diary.test_bad': unknown urgency level 'someday'\n"
            "bad_diary.yaml:5: diary condition names 'shoe_colour', which is not in "
            "'diary_fields'\n"
            "bad_diary.yaml:5: diary condition on 'fever': only 'fever: true' or 'false' is "
            "allowed");
}

TEST(KnowledgeBase, DiaryRedFlagsComeFromTheDataWithCitationsAndUrgency) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  const auto& flags = kb->data().diary_red_flags;
  ASSERT_EQ(flags.size(), 9u);
  for (const auto& f : flags) {
    EXPECT_EQ(f.id.rfind("diary.", 0), 0u) << f.id;
    EXPECT_NE(kb->citation(f.citation), nullptr) << f.id;
    EXPECT_NE(kb->urgency_level(f.urgency), nullptr) << f.id;
    EXPECT_FALSE(f.text.empty()) << f.id;
  }
}

// Issue 11, one value per fact: the spike threshold is written once (data/load_thresholds.yaml)
// and every sentence and condition in the data that states it names it as ${spike.none_max_pct}.
TEST(KnowledgeBase, SpikeThresholdIsOneValueEverySentenceFollows) {
  std::vector<KnowledgeFile> files;
  for (const auto& f : embedded_files_knowledge()) {
    std::string text(f.bytes);
    if (f.name == "load_thresholds.yaml") {
      const auto at = text.find("value: 10", text.find("id: spike.none_max_pct"));
      ASSERT_NE(at, std::string::npos);
      text.replace(at, 9, "value: 15");
    }
    files.push_back({std::string(f.name), text});
  }
  auto kb = KnowledgeBase::load_files(files);
  ASSERT_TRUE(kb) << kb.error().message;
  EXPECT_DOUBLE_EQ(kb->threshold("spike.none_max_pct")->value, 15);
  std::vector<std::string> texts;
  const Cause* overuse = kb->cause("overuse");
  ASSERT_NE(overuse, nullptr);
  bool rule_found = false;
  for (const auto& r : overuse->rules)
    if (r.id == "overuse.long_run_spike") {
      rule_found = true;
      EXPECT_DOUBLE_EQ(r.when.number, 15);  // {long_run_spike_pct: {gt: 15}}
      texts.push_back(r.reason);
    }
  EXPECT_TRUE(rule_found);
  texts.push_back(overuse->would_change.front());
  for (const auto& s : kb->strategies())
    if (s.id == "cap_single_runs") texts.push_back(s.title);
  for (const auto& f : kb->faq())
    if (f.id == "ten_percent_rule") texts.push_back(f.answer.substr(f.answer.find("The single run")));
  texts.push_back(kb->threshold("spike.small_max_pct")->meaning);
  ASSERT_EQ(texts.size(), 5u);
  for (const auto& t : texts) {
    EXPECT_NE(t.find("15%"), std::string::npos) << t;
    EXPECT_EQ(t.find("10%"), std::string::npos) << t;
  }
  // A reference to no threshold is refused at its line.
  files.push_back({"bad_ref.yaml", "faq:\n  - id: bad_ref\n    question: \"?\"\n    answer: "
                                   "\"${spike.nothing}\"\n    citation: buist2008\n"});
  auto bad = KnowledgeBase::load_files(files);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "bad_ref.yaml:4: '${spike.nothing}' names no threshold");
}

TEST(Learn, TopicsRenderWithCitations) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb);
  for (const auto& t : learn_topics()) {
    auto text = render_learn(*kb, t.id);
    ASSERT_TRUE(text) << t.id;
    EXPECT_NE(text->find("Sources:"), std::string::npos) << t.id;
  }
  auto overview = render_learn(*kb, "");
  ASSERT_TRUE(overview);
  EXPECT_NE(overview->find("red-flags"), std::string::npos);
  auto unknown = render_learn(*kb, "astrology");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("unknown topic 'astrology'"), std::string::npos);
  const std::string faq = render_faq(*kb);
  EXPECT_NE(faq.find("[buist2008]"), std::string::npos);
}

TEST(Learn, WrapTextKeepsLinesShort) {
  const std::string out = wrap_text(
      std::string(30, 'a') + " " + std::string(30, 'b') + " " + std::string(30, 'c'), 2, 70);
  EXPECT_EQ(out, "  " + std::string(30, 'a') + " " + std::string(30, 'b') + "\n  " +
                     std::string(30, 'c') + "\n");
}

// Every citation a rule names exists, and every evidence citation says who, when, where and
// which pages (or a URL), so a reader can find the source and check the claim.
TEST(Citations, EveryEntryNamesAuthorsYearSourceAndLocator) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  const KnowledgeData& d = kb->data();
  std::vector<std::pair<std::string, std::string>> used;  // {where, citation id}
  for (const auto& f : d.red_flags) used.push_back({f.id, f.citation});
  for (const auto& r : d.urgency_rules) used.push_back({r.id, r.citation});
  for (const auto& c : d.causes)
    for (const auto& r : c.rules) used.push_back({r.id, r.citation});
  for (const auto& c : d.conditions) {
    used.push_back({c.id, c.citation});
    for (const auto& r : c.rules) used.push_back({r.id, r.citation});
  }
  for (const auto& m : d.medications) {
    used.push_back({m.id, m.citation});
    for (const auto& c : m.contraindications) used.push_back({c.id, c.citation});
    for (const auto& c : m.check_first) used.push_back({c.id, c.citation});
    for (const auto& c : m.cautions) used.push_back({c.id, c.citation});
  }
  for (const auto& n : d.medication_notes) used.push_back({n.id, n.citation});
  for (const auto& f : d.diary_red_flags) used.push_back({f.id, f.citation});
  for (const auto& s : d.relief_steps) used.push_back({s.id, s.citation});
  for (const auto& s : d.strategies) used.push_back({s.id, s.citation});
  for (const auto& t : d.thresholds) used.push_back({t.id, t.citation});
  if (d.ottawa) {
    used.push_back({d.ottawa->id, d.ottawa->citation});
    used.push_back({"ottawa.negative", d.ottawa->negative_citation});
    for (const auto& i : d.ottawa->items) used.push_back({i.id, i.citation});
  }
  ASSERT_GT(used.size(), 100u);
  for (const auto& [where, id] : used) EXPECT_NE(kb->citation(id), nullptr) << where << ": " << id;

  const std::regex year(R"(\b(19|20)\d\d\b)");
  const std::regex locator(R"(\d+(\(\d+\))?:\s*[a-z]?\d+|https?://|pp\. \d+)");
  for (const Citation& c : d.citations) {
    if (c.kind == "editorial" || c.kind == "source_article") continue;  // not evidence
    SCOPED_TRACE(c.id);
    const auto first_stop = c.text.find(". ");
    ASSERT_NE(first_stop, std::string::npos) << "authors, then a title: " << c.text;
    EXPECT_GT(first_stop, 1u) << "no authors: " << c.text;
    const auto second_stop = c.text.find_first_of(".?", first_stop + 2);
    EXPECT_NE(second_stop, std::string::npos)
        << "no journal or publisher after the title: " << c.text;
    EXPECT_TRUE(std::regex_search(c.text, year)) << "no year: " << c.text;
    EXPECT_TRUE(std::regex_search(c.text, locator)) << "no volume:pages or URL: " << c.text;
  }
}

}  // namespace
}  // namespace rk
