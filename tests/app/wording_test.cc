// Issue 14 item 2: every strategy and every relief step, rendered by every front end, reads as
// text for a person: no raw id (outside the [citation] brackets), no unfilled `${...}`
// placeholder, no label left without its sentence. The knowledge pages list them all (CLI
// `learn relief|prevention`, GET /api/v1/learn); assessments show those that fit (CLI text with
// --full, CLI JSON, POST /api/v1/assessments) for an overuse and an acute-injury vignette.
// (The web pages render the API's strings as they are.)
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "server/server.h"
#include "store/store.h"
#include "support/knowledge.h"
#include "support/run_cli.h"
#include "support/served.h"

namespace rk {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// The ids a runner must never see: relief steps, strategies, exercises, medicines (those with
/// an underscore; a one-word id is an ordinary word such as "ice").
std::vector<std::string> raw_ids(const KnowledgeBase& kb) {
  std::vector<std::string> ids;
  const auto add = [&](const std::string& id) {
    if (id.find('_') != std::string::npos) ids.push_back(id);
  };
  for (const auto& s : kb.data().relief_steps) add(s.id);
  for (const auto& s : kb.strategies()) add(s.id);
  for (const auto& x : kb.exercises()) add(x.id);
  for (const auto& m : kb.data().medications) add(m.id);
  return ids;
}

/// Fails the test, naming `where`, on a raw id, a placeholder, a bare label or empty brackets.
void expect_readable(const std::string& where, const std::string& text,
                     const std::vector<std::string>& ids) {
  EXPECT_EQ(text.find("${"), std::string::npos) << where << ":\n" << text;
  const std::string prose = std::regex_replace(text, std::regex(R"(\[[^\]]*\])"), "");
  for (const auto& id : ids) {
    EXPECT_FALSE(std::regex_search(prose, std::regex("\\b" + id + "\\b")))
        << where << ": raw id '" << id << "' in:\n" << text;
  }
  static const std::regex bare(R"((^|\n)[ \t]*(\*|-|Why:|When:|How:|Exercises:)[ \t]*(\n|$))");
  EXPECT_FALSE(std::regex_search(text, bare)) << where << ": a label without its text:\n" << text;
  EXPECT_EQ(text.find("()"), std::string::npos) << where << ":\n" << text;
  EXPECT_EQ(text.find("[]"), std::string::npos) << where << ":\n" << text;
}

/// The relief steps and long-term strategies of an assessment result, each field checked.
void expect_readable_result(const std::string& where, const json& result,
                            const std::vector<std::string>& ids) {
  ASSERT_TRUE(result.contains("relief") && result.contains("long_term")) << result.dump(1);
  EXPECT_FALSE(result["relief"]["steps"].empty()) << where;
  EXPECT_FALSE(result["long_term"].empty()) << where;
  for (const auto* list : {&result["relief"]["steps"], &result["long_term"]}) {
    for (const auto& e : *list) {
      EXPECT_FALSE(e.value("title", "").empty()) << where << ": " << e.dump();
      EXPECT_FALSE(e.value("why", "").empty()) << where << ": " << e.dump();
      for (const char* field : {"title", "how", "timing", "why", "summary"}) {
        if (e.contains(field) && e[field].is_string()) {
          expect_readable(where + " " + field, e[field].get<std::string>(), ids);
        }
      }
    }
  }
}

class Wording : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::open(dir_.path() / "api.db");
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::make_unique<Store>(std::move(*store));
    server::ServerOptions o;
    o.port = 0;
    o.upload_dir = dir_.path() / "uploads";
    server_ = std::make_unique<server::HttpServer>(*store_, kb(), o);
    ASSERT_EQ(served_.start(*server_), "");
  }
  static const KnowledgeBase& kb() { return rk::testing::embedded_knowledge(); }
  std::string cli(const std::string& args) {
    const auto r = rk::testing::run_cli("--db " + (dir_.path() / "cli.db").string() + " " + args);
    EXPECT_EQ(r.code, 0) << args << "\n" << r.out;
    return r.out;
  }

  rk::testing::TempDir dir_{"rk_wording_"};
  std::unique_ptr<Store> store_;
  std::unique_ptr<server::HttpServer> server_;
  rk::testing::Served served_;
};

TEST_F(Wording, EveryStrategyAndReliefStepReadsInTheKnowledgePages) {
  const auto ids = raw_ids(kb());
  const std::string relief = cli("learn relief"), prevention = cli("learn prevention");
  expect_readable("learn relief", relief, ids);
  expect_readable("learn prevention", prevention, ids);
  const json learn = json::parse(served_.client().Get("/api/v1/learn")->body);
  std::map<std::string, json> sections;
  for (const auto& s : learn["sections"]) sections[s["id"].get<std::string>()] = s["entries"];
  const auto api_entry = [&](const std::string& section, const std::string& id) {
    for (const auto& e : sections[section])
      if (e["id"] == id) return e;
    return json();
  };
  for (const auto& s : kb().data().relief_steps) {
    EXPECT_NE(relief.find("* " + s.title + "\n"), std::string::npos) << s.id;
    const json e = api_entry("relief", s.id);
    ASSERT_TRUE(e.is_object()) << "GET /api/v1/learn has no relief step " << s.id;
    EXPECT_EQ(e["title"], s.title);
    for (const auto& [key, v] : e.items()) {
      if (key != "id" && v.is_string()) expect_readable("api relief " + key, v, ids);
    }
  }
  for (const auto& s : kb().strategies()) {
    EXPECT_NE(prevention.find("* " + s.title + "\n"), std::string::npos) << s.id;
    const json e = api_entry("prevention", s.id);
    ASSERT_TRUE(e.is_object()) << "GET /api/v1/learn has no strategy " << s.id;
    EXPECT_EQ(e["title"], s.title);
    for (const auto& [key, v] : e.items()) {
      if (key != "id" && v.is_string()) expect_readable("api strategy " + key, v, ids);
    }
  }
}

TEST_F(Wording, AssessmentsShowReliefAndStrategiesAsSentences) {
  const auto ids = raw_ids(kb());
  std::ifstream example(fs::path(RUNKNEE_SOURCE_DIR) / "examples/answers-overuse.json");
  const json overuse = json::parse(example);
  json acute = overuse;  // a twist two days ago, the knee a little swollen within the day
  acute["onset"] = "sudden";
  acute["mechanism"] = "twist";
  acute["swelling"] = "mild";
  acute["swelling_speed"] = "within_24h";
  acute["duration_weeks"] = 0;
  for (const auto& [name, answers] : {std::pair{"overuse", overuse}, std::pair{"acute", acute}}) {
    const fs::path file = dir_.path() / (std::string(name) + ".json");
    std::ofstream(file) << answers.dump();
    const std::string text = cli("assess --full --answers " + file.string());
    expect_readable(std::string(name) + " CLI text", text, ids);
    const json from_cli = json::parse(cli("assess --answers " + file.string() + " --format json"));
    expect_readable_result(std::string(name) + " CLI json", from_cli, ids);
    auto r = served_.client().Post("/api/v1/assessments", json{{"answers", answers}}.dump(),
                                   "application/json");
    ASSERT_EQ(r->status, 201) << r->body;
    json from_api = json::parse(r->body);
    if (from_api.contains("result")) from_api = from_api["result"];
    expect_readable_result(std::string(name) + " API", from_api, ids);
    // The CLI text shows each relief step and strategy of the result by its title.
    for (const auto* list : {&from_cli["relief"]["steps"], &from_cli["long_term"]}) {
      for (const auto& e : *list) {
        EXPECT_NE(text.find(e["title"].get<std::string>()), std::string::npos)
            << name << ": " << e["title"];
      }
    }
  }
}

}  // namespace
}  // namespace rk
