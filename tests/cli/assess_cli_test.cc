// End-to-end tests of `runknee assess`, `history`, `show-assessment`, `learn` and `faq`: the
// real binary, a database in a fresh temporary folder, exit codes and what was saved.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Result {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class AssessCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("runknee-cli-assess-") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path db() const { return dir_ / "runknee.db"; }

  Result run(const std::string& args, const std::string& input = "") {
    std::ofstream(dir_ / "stdin.txt") << input;
    const std::string cmd = "\"" RUNKNEE_BINARY "\" --db \"" + db().string() + "\" " + args +
                            " < \"" + (dir_ / "stdin.txt").string() + "\" > \"" +
                            (dir_ / "out.txt").string() + "\" 2> \"" + (dir_ / "err.txt").string() +
                            "\"";
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir_ / "out.txt"),
            slurp(dir_ / "err.txt")};
  }

  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  std::size_t saved_count() {
    const Result r = run("history --format json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out).size();
  }

  fs::path dir_;
};

const char* kOveruse = R"({"age": 34, "sex": "female", "onset": "gradual",
  "pain_location": ["below_joint_line"], "weekly_km_now": 45, "weekly_km_before": 30,
  "longest_recent_km": 21, "longest_before_km": 14, "pain_after": 4})";

TEST_F(AssessCli, AnswersFileGivesContractJsonAndIsSaved) {
  const Result r = run("assess --format json --answers " + write("a.json", kOveruse).string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["created_utc"], "2026-11-25T12:00:00Z");  // RUNKNEE_NOW
  EXPECT_EQ(j["urgency"]["level"], "self_care");
  EXPECT_EQ(j["causes"][0]["id"], "overuse");
  EXPECT_EQ(j["causes"].size(), 5u);
  EXPECT_EQ(saved_count(), 1u);
  const Result history = run("history");
  EXPECT_NE(history.out.find("self_care"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("overuse"), std::string::npos);
  const Result show = run("show-assessment 1 --format json");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(json::parse(show.out)["causes"], j["causes"]);
  const Result text = run("show-assessment 1");
  EXPECT_NE(text.out.find("SELF CARE"), std::string::npos);
}

TEST_F(AssessCli, AnswersFromStdinAndNoSave) {
  // The one-screen summary by default (issue 14); the sources with --full.
  const Result r = run("assess --answers - --no-save", kOveruse);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Overuse and load spikes"), std::string::npos);
  EXPECT_EQ(r.out.find("Sources:"), std::string::npos);
  const Result full = run("assess --answers - --no-save --full", kOveruse);
  ASSERT_EQ(full.exit_code, 0) << full.err;
  EXPECT_NE(full.out.find("Sources:"), std::string::npos);
  EXPECT_EQ(saved_count(), 0u);
}

TEST_F(AssessCli, BadAnswersListEveryProblemAndSaveNothing) {
  const Result r = run("assess --answers " +
                       write("bad.json", R"({"age": 300, "onset": "fast", "colour": 1})").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.json: 'colour': unknown question id"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.json: 'age': 300 is out of range (5 to 110)"), std::string::npos);
  EXPECT_NE(r.err.find("bad.json: 'onset': expected one of sudden, gradual; got \"fast\""),
            std::string::npos);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(saved_count(), 0u);
  const Result syntax = run("assess --answers " + write("broken.json", "{\"age\": ").string());
  EXPECT_EQ(syntax.exit_code, 2);
  EXPECT_NE(syntax.err.find("broken.json: not valid JSON"), std::string::npos) << syntax.err;
  const Result missing = run("assess --answers " + (dir_ / "nope.json").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(saved_count(), 0u);
}

TEST_F(AssessCli, InteractiveReasksOnBadInputAndSavesAtTheEnd) {
  // Optional questions are skipped with an empty line; extra blank lines are never read.
  const std::string input = "thirty\n30\n1\n9\ngradual\n" + std::string(80, '\n');
  const Result r = run("assess --format json", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("Sorry: please type a number (5 to 110)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Sorry: '9' is not one of the choices"), std::string::npos);
  EXPECT_EQ(r.err.find("four steps"), std::string::npos) << "Ottawa asked without an injury";
  const json j = json::parse(r.out);
  EXPECT_EQ(j["answers"]["age"], 30);
  EXPECT_EQ(j["answers"]["onset"], "gradual");
  EXPECT_EQ(saved_count(), 1u);
}

// Why the warning-sign and painkiller sections matter is said before them in the data's words
// (data/questions.yaml `question_sections`): a copy of data/ with other words prints those.
TEST_F(AssessCli, InteractiveSaysWhySafetySectionsMatterInTheDatasWords) {
  const fs::path data = dir_ / "data";
  fs::create_directory(data);
  for (const auto& e : fs::directory_iterator(fs::path(RUNKNEE_SOURCE_DIR) / "data")) {
    if (e.path().extension() != ".yaml") continue;
    std::string text = slurp(e.path());
    if (e.path().filename() == "questions.yaml") {
      for (const char* from : {"    intro: \"These look for signs", "    intro: \"These check whether"}) {
        const auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.insert(at + std::string(from).find('"') + 1, "MARKER-INTRO ");
      }
    }
    std::ofstream(data / e.path().filename()) << text;
  }
  const Result r = run("--knowledge \"" + data.string() + "\" assess --format json --no-save",
                       "30\n1\ngradual\n" + std::string(80, '\n'));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("MARKER-INTRO These look for signs"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("MARKER-INTRO These check whether"), std::string::npos);
  EXPECT_NE(r.err.find("questions in \"Painkiller safety\": the result will say so"),
            std::string::npos);
}

TEST_F(AssessCli, InteractiveAsksOttawaAfterAnInjury) {
  const Result r =
      run("assess --format json --no-save", "30\n1\nsudden\n2\nyes\n" + std::string(80, '\n'));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("four steps"), std::string::npos);
  EXPECT_EQ(json::parse(r.out)["urgency"]["level"], "urgent");
}

TEST_F(AssessCli, EndOfInputMidwayLeavesNothingSaved) {
  const Result r = run("assess", "30\n1\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nothing was saved"), std::string::npos) << r.err;
  EXPECT_EQ(saved_count(), 0u);
}

TEST_F(AssessCli, QuestionsSchemaAsJson) {
  const Result r = run("assess --questions --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_GE(j["questions"].size(), 40u);
  EXPECT_EQ(j["questions"][0]["id"], "age");
  EXPECT_EQ(j["questions"][0]["type"], "int");
}

TEST_F(AssessCli, UnknownAssessmentIdIsBadInput) {
  const Result r = run("show-assessment 42");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no assessment with id 42"), std::string::npos) << r.err;
}

TEST_F(AssessCli, CorruptDatabaseGivesAClearMessage) {
  write("runknee.db", std::string(4096, 'x'));
  const Result r = run("assess --answers - ", kOveruse);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("runknee: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("runknee.db"), std::string::npos) << r.err;
  const Result history = run("history");
  EXPECT_EQ(history.exit_code, 1);
}

TEST_F(AssessCli, LearnAndFaq) {
  EXPECT_EQ(run("learn").exit_code, 0);
  const Result causes = run("learn causes");
  EXPECT_EQ(causes.exit_code, 0);
  EXPECT_NE(causes.out.find("[frandsen2025]"), std::string::npos);
  const Result flags = run("learn red-flags");
  EXPECT_NE(flags.out.find("Ottawa"), std::string::npos);
  EXPECT_EQ(run("learn horoscope").exit_code, 2);
  EXPECT_NE(run("faq").out.find("10% rule"), std::string::npos);
}

TEST_F(AssessCli, BrokenKnowledgeFolderRefusesToRun) {
  const fs::path kb = dir_ / "kb";
  fs::create_directories(kb);
  std::ofstream(kb / "faq.yaml") << "faq:\n  - id: x\n    question: \"?\"\n    answer: \"!\"\n";
  const Result r = run("--knowledge " + kb.string() + " faq");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("faq.yaml:2: faq entry 'x': missing field 'citation'"), std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace

// Answers and runs together (issue 12, item 6): with runs imported, the questionnaire offers
// what they show ("from your runs", Enter keeps it) and an answer the runs contradict is
// reported with both values and which one was used.
class AssessWithRunsCli : public AssessCli {
 protected:
  void SetUp() override {
    AssessCli::SetUp();
    // tests/data/formats/log_good.csv: runs on 1, 3, 5 (21.1 km) and 6 May 2024 (5 km); two
    // weeks before this "now" start after the 5 May run.
    ::setenv("RUNKNEE_NOW", "2024-05-19T12:00:00Z", 1);
    const Result imported =
        run("import \"" + (fs::path(RUNKNEE_TESTDATA) / "formats/log_good.csv").string() + "\"");
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  void TearDown() override {
    ::setenv("RUNKNEE_NOW", "2026-11-25T12:00:00Z", 1);  // as CTest sets it
    AssessCli::TearDown();
  }
};

TEST_F(AssessWithRunsCli, InteractiveOffersTheRunsFiguresAndEnterKeepsThem) {
  const std::string input = "30\n1\ngradual\n" + std::string(80, '\n');
  const Result r = run("assess --format json --no-save", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("from your runs: 2.5 (Enter keeps it"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("from your runs: 5 (Enter keeps it"), std::string::npos);
  // Not covered by the runs (they start on 1 May): asked without a figure.
  EXPECT_EQ(r.err.find("from your runs: 0"), std::string::npos);
  const json j = json::parse(r.out);
  EXPECT_EQ(j["answers"]["weekly_km_now"], 2.5);
  EXPECT_EQ(j["answers"]["longest_recent_km"], 5);
  EXPECT_FALSE(j["answers"].contains("weekly_km_before"));
  EXPECT_FALSE(j["answers"].contains("fever")) << "a safety question was pre-filled";
  EXPECT_FALSE(j.contains("answers_and_runs"));  // nothing disagreed
}

TEST_F(AssessWithRunsCli, AnAnswerTheRunsContradictIsShownWithBothAndWhichWasUsed) {
  const std::string answers = R"({"age": 34, "sex": "female", "onset": "gradual",
    "weekly_km_now": 30, "longest_recent_km": 5.2, "pain_after": 4})";
  const Result r = run("assess --answers - ", answers);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The one-screen summary counts them; the full text has both values, which and why.
  EXPECT_NE(r.out.find("Answers and runs: 1 answer differed from your runs; the runs were used"),
            std::string::npos)
      << r.out;
  Result full = run("show-assessment 1 --full");
  // Wrapped at 78 columns: read it as one line.
  std::string flat;
  for (std::size_t i = 0; i < full.out.size(); ++i) {
    if (full.out[i] == '\n' && i + 1 < full.out.size() && full.out[i + 1] == ' ') continue;
    flat.push_back(full.out[i]);
  }
  full.out = flat;
  EXPECT_NE(full.out.find("Your answers and your runs"), std::string::npos) << full.out;
  EXPECT_NE(full.out.find("you answered 30 km"), std::string::npos) << full.out;
  EXPECT_NE(full.out.find("your stored runs show 2.5 km"), std::string::npos) << full.out;
  EXPECT_NE(full.out.find("Used: your runs, because"), std::string::npos) << full.out;
  const json j = json::parse(run("show-assessment 1 --format json").out);
  ASSERT_EQ(j["answers_and_runs"].size(), 1u);  // 5.2 vs 5 km is within the tolerance
  EXPECT_EQ(j["answers_and_runs"][0]["question"], "weekly_km_now");
  EXPECT_EQ(j["answers_and_runs"][0]["answer"], 30);
  EXPECT_EQ(j["answers_and_runs"][0]["runs"], 2.5);
  EXPECT_EQ(j["answers_and_runs"][0]["used"], "runs");
  EXPECT_EQ(j["answers"]["weekly_km_now"], 2.5);
}

TEST_F(AssessWithRunsCli, TheRunnerSaysRunsAreMissingAndTheirAnswerIsUsed) {
  const std::string answers = R"({"age": 34, "sex": "female", "onset": "gradual",
    "runs_complete": false, "weekly_km_now": 30, "pain_after": 4})";
  const Result r = run("assess --answers - --format json --no-save", answers);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_FALSE(j.contains("answers_and_runs")) << j["answers_and_runs"];
  EXPECT_EQ(j["answers"]["weekly_km_now"], 30);
}

TEST_F(AssessWithRunsCli, InteractiveAsksWhetherRunsAreMissingAndNoStopsTheOffers) {
  // The questions before Training are answered by Enter (skipped) except age, sex and onset.
  const Result with_runs = run("assess --format json --no-save",
                               "30\n1\ngradual\n" + std::string(80, '\n'));
  EXPECT_NE(with_runs.err.find("all your runs"), std::string::npos) << with_runs.err;
  // Answer the runs question "no" wherever it comes: every other prompt gets Enter.
  std::string input = "30\n1\ngradual\n";
  const auto prompts = with_runs.err.substr(0, with_runs.err.find("all your runs"));
  std::size_t asked = 0;  // one "> " per line read
  for (auto at = prompts.find("\n> "); at != std::string::npos; at = prompts.find("\n> ", at + 1))
    ++asked;
  input += std::string(asked - 3, '\n') + "no\n" + std::string(80, '\n');
  const Result no = run("assess --format json --no-save", input);
  ASSERT_EQ(no.exit_code, 0) << no.err;
  EXPECT_EQ(no.err.find("from your runs: 2.5"), std::string::npos) << no.err;
  const json j = json::parse(no.out);
  EXPECT_EQ(j["answers"]["runs_complete"], false);
  EXPECT_FALSE(j["answers"].contains("weekly_km_now"));
}
