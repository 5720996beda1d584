// Each user action once through the CLI (the built binary, its own store) and once through the
// API (an in-process server on another store): the use case behind both must leave the same
// stored state, and bad input must be refused by both with nothing stored.

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <tuple>

#include "server/server.h"
#include "store/activity_repo.h"
#include "store/assessment_repo.h"
#include "store/diary_repo.h"
#include "store/exercise_repo.h"
#include "store/koos_repo.h"
#include "store/store.h"
#include "support/knowledge.h"
#include "support/run_cli.h"
#include "support/served.h"

namespace rk {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using rk::testing::run_cli;
using rk::testing::Stderr;

const fs::path kFit =
    fs::path(RUNKNEE_CORPUS) / "fit/python-fitparse/activity-small-fenix2-run.fit";

class UseCases : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() / ("rk-use-cases-" + std::to_string(::getpid()) + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = Store::open(dir_ / "api.db");
    ASSERT_TRUE(store) << store.error().message;
    api_store_ = std::make_unique<Store>(std::move(*store));
    server::ServerOptions o;
    o.port = 0;
    o.upload_dir = dir_ / "uploads";
    // The knowledge base the CLI binary carries, so both front ends assess alike.
    server_ = std::make_unique<server::HttpServer>(*api_store_, rk::testing::embedded_knowledge(),
                                                   o);
    const std::string started = served_.start(*server_);
    ASSERT_TRUE(started.empty()) << started;
  }

  void TearDown() override {
    served_.stop();
    server_.reset();
    api_store_.reset();
    fs::remove_all(dir_);
  }

  std::string cli_db() const { return "--db " + (dir_ / "cli.db").string(); }

  /// The CLI's store, opened after the CLI ran (it creates it).
  Store cli_store() {
    auto s = Store::open(dir_ / "cli.db");
    EXPECT_TRUE(s) << s.error().message;
    return std::move(*s);
  }

  std::string write(const std::string& name, const json& j) {
    const auto p = dir_ / name;
    std::ofstream(p) << j.dump();
    return p.string();
  }

  httplib::Result post(const std::string& path, const json& body) {
    return served_.client().Post(path.c_str(), body.dump(), "application/json");
  }

  fs::path dir_;
  std::unique_ptr<Store> api_store_;
  std::unique_ptr<server::HttpServer> server_;
  rk::testing::Served served_;
};

TEST_F(UseCases, AssessAndSaveStoresTheSameAssessment) {
  std::ifstream example(fs::path(RUNKNEE_SOURCE_DIR) / "examples/answers-overuse.json");
  const json answers = json::parse(example);
  const auto file = write("answers.json", answers);
  const auto cli = run_cli(cli_db() + " assess --answers " + file + " --format json");
  ASSERT_EQ(cli.code, 0) << cli.out;
  auto r = post("/api/v1/assessments", {{"answers", answers}});
  ASSERT_EQ(r->status, 201) << r->body;

  Store cs = cli_store();
  ASSERT_EQ(AssessmentRepo(cs.db()).list(cs.local_user())->size(), 1u);
  ASSERT_EQ(AssessmentRepo(api_store_->db()).list(api_store_->local_user())->size(), 1u);
  auto from_cli =
      AssessmentRepo(cs.db()).latest(cs.local_user());  // with the answers and the result
  auto from_api = AssessmentRepo(api_store_->db()).latest(api_store_->local_user());
  ASSERT_TRUE(from_cli && from_api && *from_cli && *from_api);
  const SavedAssessment& c = **from_cli;
  const SavedAssessment& a = **from_api;
  EXPECT_EQ(c.urgency, a.urgency);
  EXPECT_EQ(c.top_cause, a.top_cause);
  EXPECT_EQ(c.created_utc, a.created_utc);  // RUNKNEE_NOW fixes the clock for both
  EXPECT_EQ(json::parse(c.answers_json), json::parse(a.answers_json));
  EXPECT_EQ(json::parse(c.result_json), json::parse(a.result_json));
}

TEST_F(UseCases, LogDiaryMergesTheSameWayThroughBoth) {
  ASSERT_EQ(run_cli(cli_db() + " log --date 2026-11-20 --during 4 --after 3 --where joint_line "
                               "--swelling --notes hills")
                .code,
            0);
  ASSERT_EQ(run_cli(cli_db() + " log --date 2026-11-20 --morning 2 --hop-ok no").code, 0);
  auto r = post("/api/v1/diary", {{"date", "2026-11-20"},
                                  {"pain_during", 4},
                                  {"pain_after", 3},
                                  {"locations", {"joint_line"}},
                                  {"swelling", true},
                                  {"notes", "hills"}});
  ASSERT_EQ(r->status, 201) << r->body;
  r = post("/api/v1/diary", {{"date", "2026-11-20"}, {"pain_morning", 2}, {"hop_pain_free", false}});
  ASSERT_EQ(r->status, 201) << r->body;

  Store cs = cli_store();
  auto from_cli = DiaryRepo(cs.db()).list(cs.local_user());
  auto from_api = DiaryRepo(api_store_->db()).list(api_store_->local_user());
  ASSERT_TRUE(from_cli && from_api);
  ASSERT_EQ(from_cli->size(), 1u);
  ASSERT_EQ(from_api->size(), 1u);
  const json c = json::parse(from_cli->front().entry_json);
  EXPECT_EQ(c, json::parse(from_api->front().entry_json));
  EXPECT_EQ(c["pain_during"], 4);  // the later update kept the earlier values
  EXPECT_EQ(c["pain_morning"], 2);
  EXPECT_EQ(c["swelling"], true);
}

TEST_F(UseCases, KoosScoresAndSavesTheSameThroughBoth) {
  const json answers = {{"P1", 2}, {"P2", 1}, {"S1", "never"}, {"A1", 3}, {"Q1", 2}};
  const auto file = write("koos.json", answers);
  const auto cli = run_cli(cli_db() + " koos --answers " + file + " --format json");
  ASSERT_EQ(cli.code, 0) << cli.out;
  auto r = post("/api/v1/koos", {{"answers", answers}});
  ASSERT_EQ(r->status, 201) << r->body;

  Store cs = cli_store();
  auto from_cli = KoosRepo(cs.db()).list(cs.local_user());
  auto from_api = KoosRepo(api_store_->db()).list(api_store_->local_user());
  ASSERT_TRUE(from_cli && from_api);
  ASSERT_EQ(from_cli->size(), 1u);
  ASSERT_EQ(from_api->size(), 1u);
  EXPECT_EQ(from_cli->front().taken_utc, from_api->front().taken_utc);
  EXPECT_EQ(json::parse(from_cli->front().answers_json),
            json::parse(from_api->front().answers_json));
  EXPECT_EQ(json::parse(from_cli->front().scores_json),
            json::parse(from_api->front().scores_json));
}

TEST_F(UseCases, ImportStoresTheSameActivity) {
  ASSERT_EQ(run_cli(cli_db() + " import " + kFit.string()).code, 0);
  std::ifstream in(kFit, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto r = served_.client().Post("/api/v1/imports?name=run.fit", bytes, "application/octet-stream");
  ASSERT_TRUE(r);
  ASSERT_LT(r->status, 300) << r->body;

  Store cs = cli_store();
  auto from_cli = ActivityRepo(cs.db()).list(cs.local_user());
  auto from_api = ActivityRepo(api_store_->db()).list(api_store_->local_user());
  ASSERT_TRUE(from_cli && from_api);
  ASSERT_EQ(from_cli->size(), 1u);
  ASSERT_EQ(from_api->size(), 1u);
  const Activity& c = from_cli->front().activity;
  const Activity& a = from_api->front().activity;
  EXPECT_EQ(c.sport, a.sport);
  EXPECT_EQ(c.start_utc, a.start_utc);
  EXPECT_EQ(c.distance_m, a.distance_m);
  EXPECT_EQ(c.elapsed_s, a.elapsed_s);
  EXPECT_EQ(c.source.sha256, a.source.sha256);
}

// Typed errors: the field in each front end's words, the kind mapped once; nothing stored.
TEST_F(UseCases, BadInputIsRefusedByBothWithTheFieldInTheirWords) {
  const auto cli = run_cli(cli_db() + " log --date 2026-11-20 --during 11", Stderr::kMerge);
  EXPECT_EQ(cli.code, 2);
  EXPECT_NE(cli.out.find("--during: must be 0-10, got 11"), std::string::npos) << cli.out;
  auto r = post("/api/v1/diary", {{"date", "2026-11-20"}, {"pain_during", 11}});
  EXPECT_EQ(r->status, 422);
  const json e = json::parse(r->body)["error"];
  EXPECT_EQ(e["field"], "pain_during");
  EXPECT_EQ(e["message"], "pain_during: must be 0-10, got 11");

  const auto koos = run_cli(cli_db() + " koos --answers " + write("k.json", json::object()),
                            Stderr::kMerge);
  EXPECT_EQ(koos.code, 2) << koos.out;
  r = post("/api/v1/koos", {{"answers", json::object()}});
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(json::parse(r->body)["error"]["field"], "answers");

  Store cs = cli_store();
  EXPECT_TRUE(DiaryRepo(cs.db()).list(cs.local_user())->empty());
  EXPECT_TRUE(DiaryRepo(api_store_->db()).list(api_store_->local_user())->empty());
  EXPECT_TRUE(KoosRepo(cs.db()).list(cs.local_user())->empty());
  EXPECT_TRUE(KoosRepo(api_store_->db()).list(api_store_->local_user())->empty());
}

TEST_F(UseCases, LogExerciseStoresTheSameThroughBoth) {
  // RUNKNEE_NOW is 2026-11-25: the day's total for the exercise, the later tick-off replacing it.
  ASSERT_EQ(run_cli(cli_db() + " log --exercise clamshell --sets 1 --reps 12").code, 0);
  const auto cli = run_cli(cli_db() + " log --exercise clamshell --sets 2 --reps 12 --pain 1");
  ASSERT_EQ(cli.code, 0) << cli.out;
  ASSERT_EQ(run_cli(cli_db() + " log --exercise side_plank --sets 3 --hold 25 --date 2026-11-24")
                .code,
            0);
  auto r = post("/api/v1/exercises", {{"exercise_id", "clamshell"}, {"sets", 1}, {"reps", 12}});
  ASSERT_EQ(r->status, 201) << r->body;
  r = post("/api/v1/exercises",
           {{"exercise_id", "clamshell"}, {"sets", 2}, {"reps", 12}, {"pain", 1}});
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(json::parse(r->body)["log"]["sets"], 2);
  r = post("/api/v1/exercises",
           {{"exercise_id", "side_plank"}, {"sets", 3}, {"hold_s", 25}, {"date", "2026-11-24"}});
  ASSERT_EQ(r->status, 201) << r->body;

  Store cs = cli_store();
  auto from_cli = ExerciseRepo(cs.db()).logged(cs.local_user(), "0000", "9999");
  auto from_api = ExerciseRepo(api_store_->db()).logged(api_store_->local_user(), "0000", "9999");
  ASSERT_TRUE(from_cli && from_api);
  ASSERT_EQ(from_cli->size(), 2u);
  ASSERT_EQ(from_api->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& c = (*from_cli)[i];
    const auto& a = (*from_api)[i];
    EXPECT_EQ(std::tie(c.date, c.exercise_id, c.sets, c.amount, c.pain, c.logged_utc),
              std::tie(a.date, a.exercise_id, a.sets, a.amount, a.pain, a.logged_utc));
  }
  EXPECT_EQ((*from_cli)[0].exercise_id, "side_plank");
  EXPECT_EQ((*from_cli)[0].amount, 25);
  EXPECT_EQ((*from_cli)[1].date, "2026-11-25");
  EXPECT_EQ((*from_cli)[1].sets, 2);
  EXPECT_EQ((*from_cli)[1].pain, 1);

  // The day as both front ends show it.
  const auto shown = json::parse(run_cli(cli_db() + " exercises --format json").out);
  auto g = served_.client().Get("/api/v1/exercises");
  ASSERT_EQ(g->status, 200);
  EXPECT_EQ(shown, json::parse(g->body));
}

TEST_F(UseCases, BadExerciseTickOffIsRefusedByBothWithNothingStored) {
  const auto cli = run_cli(cli_db() + " log --exercise burpees --sets 3", Stderr::kMerge);
  EXPECT_EQ(cli.code, 2);
  EXPECT_NE(cli.out.find("--exercise: unknown exercise 'burpees'"), std::string::npos) << cli.out;
  auto r = post("/api/v1/exercises", {{"exercise_id", "burpees"}, {"sets", 3}});
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(json::parse(r->body)["error"]["field"], "exercise_id");

  const auto hold = run_cli(cli_db() + " log --exercise clamshell --sets 3 --hold 20",
                            Stderr::kMerge);
  EXPECT_EQ(hold.code, 2);
  EXPECT_NE(hold.out.find("--hold: "), std::string::npos) << hold.out;
  r = post("/api/v1/exercises", {{"exercise_id", "clamshell"}, {"sets", 3}, {"hold_s", 20}});
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(json::parse(r->body)["error"]["field"], "hold_s");
  r = post("/api/v1/exercises", {{"exercise_id", "clamshell"}, {"sets", 3}, {"date", "2026-12-01"}});
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(json::parse(r->body)["error"]["field"], "date");

  Store cs = cli_store();
  EXPECT_TRUE(ExerciseRepo(cs.db()).logged(cs.local_user(), "0000", "9999")->empty());
  EXPECT_TRUE(
      ExerciseRepo(api_store_->db()).logged(api_store_->local_user(), "0000", "9999")->empty());
}

}  // namespace
}  // namespace rk
