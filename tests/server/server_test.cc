// The HTTP API in-process: a real HttpServer on a free loopback port, driven by httplib's
// client. Checks status codes, the JSON error shape and the main read/write paths.

#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "knowledge/knowledge_base.h"
#include "support/knowledge.h"
#include "store/store.h"
#include "util/file_io.h"

namespace rk::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kFit =
    fs::path(RUNKNEE_CORPUS) / "fit/python-fitparse/activity-small-fenix2-run.fit";


class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { kb_ = new KnowledgeBase(rk::testing::source_knowledge()); }
  static void TearDownTestSuite() { delete kb_; }

  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rk-server-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = Store::open(dir_ / "runknee.db");
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::make_unique<Store>(std::move(*store));
    ServerOptions o;
    o.port = 0;
    o.upload_dir = dir_ / "uploads";
    o.max_upload_bytes = 4 << 20;
    server_ = std::make_unique<HttpServer>(*store_, *kb_, o);
    auto port = server_->bind();
    ASSERT_TRUE(port) << port.error().message;
    thread_ = std::thread([this] { server_->run(); });
    port_ = *port;
    client_ = std::make_unique<httplib::Client>("127.0.0.1", *port);
    // Serving before the test starts, so that tear-down never races the listener's start.
    for (int i = 0; i < 500 && !client_->Get("/api/v1/health"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  void TearDown() override {
    server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  httplib::Result post_json(const std::string& path, const json& body) {
    return client_->Post(path.c_str(), body.dump(), "application/json");
  }

  httplib::Result upload(const fs::path& file, const std::string& name) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_FALSE(bytes.empty()) << file << ": missing from tests/data/corpus";
    return client_->Post(("/api/v1/imports?name=" + name).c_str(), bytes,
                         "application/octet-stream");
  }

  static json body(const httplib::Result& r) { return json::parse(r->body); }

  /// Sends `request` as is on a fresh connection and returns the response's status code.
  int raw_status(const std::string& request) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return -1;
    (void)!::write(fd, request.data(), request.size());
    char buf[64] = {};
    const auto n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n < 12) return -1;
    return std::atoi(buf + 9);  // "HTTP/1.1 413 ..."
  }

  static KnowledgeBase* kb_;
  fs::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = 0;
};

KnowledgeBase* ServerTest::kb_ = nullptr;

json valid_answers() {
  return {{"age", 34}, {"onset", "gradual"}, {"pain_location", {"joint_line"}}};
}

TEST_F(ServerTest, HealthAndUnknownRoutes) {
  auto r = client_->Get("/api/v1/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body(r)["status"], "ok");

  r = client_->Get("/api/v1/nope");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  const json e = body(r)["error"];
  EXPECT_EQ(e["code"], "not_found");
  EXPECT_TRUE(e.contains("message") && e.contains("field"));
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  auto r = client_->Delete("/api/v1/activities");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "GET");
  EXPECT_EQ(body(r)["error"]["code"], "method_not_allowed");
}

TEST_F(ServerTest, ForeignHostHeaderIsRefused) {
  auto r = client_->Get("/api/v1/health", {{"Host", "attacker.example:80"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

TEST_F(ServerTest, NonLoopbackBindNeedsAllowRemote) {
  ServerOptions o;
  o.host = "0.0.0.0";
  o.port = 0;
  HttpServer s(*store_, *kb_, o);
  auto port = s.bind();
  ASSERT_FALSE(port);
  EXPECT_NE(port.error().message.find("--allow-remote"), std::string::npos);
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_FALSE(is_loopback_host("192.168.1.2"));
}

TEST_F(ServerTest, ServesTheWebAppWithSecurityHeaders) {
  auto r = client_->Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  EXPECT_NE(r->body.find("runknee"), std::string::npos);
  EXPECT_EQ(client_->Get("/missing.js")->status, 404);
  EXPECT_EQ(client_->Post("/", "x", "text/plain")->status, 405);
}

TEST_F(ServerTest, QuestionsLearnAndFaq) {
  auto r = client_->Get("/api/v1/questions");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const json q = body(r);
  EXPECT_EQ(q["schema_version"], 1);
  bool has_location = false;
  for (const auto& item : q["questions"]) has_location |= item["id"] == "pain_location";
  EXPECT_TRUE(has_location);
  // Why the safety sections matter, for the web wizard, in the data's words.
  ASSERT_EQ(q["sections"].size(), kb_->data().question_sections.size());
  ASSERT_FALSE(q["sections"].empty());
  for (const auto& s : q["sections"]) {
    const QuestionSection* known = kb_->question_section(s["section"].get<std::string>());
    ASSERT_NE(known, nullptr) << s;
    EXPECT_EQ(s["intro"], known->intro);
  }
  EXPECT_EQ(client_->Get("/api/v1/learn")->status, 200);
  EXPECT_FALSE(body(client_->Get("/api/v1/faq"))["faq"].empty());
}

TEST_F(ServerTest, AssessmentValidatesBodyAndAnswers) {
  auto r = client_->Post("/api/v1/assessments", "{}", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415);
  r = client_->Post("/api/v1/assessments", "{\"answers\":", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(body(r)["error"]["code"], "invalid_json");

  r = post_json("/api/v1/assessments", {{"answers", {{"age", 200}, {"onset", "sideways"}}}});
  ASSERT_EQ(r->status, 422);
  const json e = body(r);
  ASSERT_GE(e["errors"].size(), 2u);
  std::set<std::string> fields;
  for (const auto& x : e["errors"]) fields.insert(x["field"].get<std::string>());
  EXPECT_TRUE(fields.count("answers.age"));
  EXPECT_TRUE(fields.count("answers.onset"));
}

TEST_F(ServerTest, AssessmentRunsSavesAndLists) {
  auto r = post_json("/api/v1/assessments", {{"answers", valid_answers()}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  const json res = body(r);
  EXPECT_EQ(res["schema_version"], 1);
  EXPECT_TRUE(res["urgency"].contains("level"));
  EXPECT_FALSE(res["causes"].empty());
  const int id = res["id"];

  const json list = body(client_->Get("/api/v1/assessments"));
  ASSERT_EQ(list["assessments"].size(), 1u);
  EXPECT_EQ(list["assessments"][0]["id"], id);
  auto one = client_->Get(("/api/v1/assessments/" + std::to_string(id)).c_str());
  EXPECT_EQ(one->status, 200);
  EXPECT_EQ(body(one)["result"]["urgency"], res["urgency"]);
  EXPECT_EQ(client_->Get("/api/v1/assessments/999")->status, 404);
  EXPECT_EQ(client_->Get("/api/v1/assessments/abc")->status, 404);
}

// Hazard H8: the web result page's "What to do today" (the summary GET /assessments/{id} sends)
// leads with what GET /today says, for the latest check only.
TEST_F(ServerTest, AssessmentSummaryLeadsWithThePlansToday) {
  auto first = post_json("/api/v1/assessments", {{"answers", valid_answers()}});
  ASSERT_EQ(first->status, 201) << first->body;
  json urgent = valid_answers();
  urgent["giving_way"] = "caused_fall";
  auto second = post_json("/api/v1/assessments", {{"answers", urgent}});
  ASSERT_EQ(second->status, 201) << second->body;
  const json today = body(client_->Get("/api/v1/today"));
  const json latest = body(client_->Get("/api/v1/assessments/latest"));
  ASSERT_FALSE(latest["summary"]["today"].empty());
  EXPECT_EQ(latest["summary"]["today"][0], "Your plan: " + today["headline"].get<std::string>());
  EXPECT_NE(today["headline"].get<std::string>().find("no running"), std::string::npos)
      << today["headline"];
  const int older_id = body(first)["id"];
  const json older =
      body(client_->Get(("/api/v1/assessments/" + std::to_string(older_id)).c_str()));
  for (const auto& line : older["summary"]["today"]) {
    EXPECT_EQ(line.get<std::string>().rfind("Your plan:", 0), std::string::npos) << line;
  }
}

// Answers and runs together (issue 12, item 6): the questions carry what the stored runs show,
// and an assessment whose answer the runs contradict says so with both values (RUNKNEE_NOW is
// 2026-11-25T12:00:00Z under CTest).
TEST_F(ServerTest, QuestionsPrefillFromRunsAndAssessmentReportsDisagreement) {
  json q = body(client_->Get("/api/v1/questions"));
  EXPECT_EQ(q["from_runs"]["label"], "from your runs");
  EXPECT_TRUE(q["from_runs"]["values"].empty()) << "no runs, nothing pre-filled";
  const std::string csv =
      "Date,Distance (km),Duration,RPE,Notes\n"
      "2026-10-01,6,35:00,,\n2026-10-20,8,45:00,,\n2026-11-15,10,55:00,,\n"
      "2026-11-20,12,66:00,,\n";
  auto r = client_->Post("/api/v1/imports?name=log.csv", csv, "application/octet-stream");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  q = body(client_->Get("/api/v1/questions"));
  const json& v = q["from_runs"]["values"];
  EXPECT_EQ(v["weekly_km_now"], 11.0);     // 22 km over the last two weeks
  EXPECT_EQ(v["longest_recent_km"], 12.0);
  EXPECT_EQ(v["weekly_km_before"], 2.0);   // 8 km in the 4 weeks before
  EXPECT_EQ(v["longest_before_km"], 8.0);
  for (const char* safety : {"fever", "med_kidney", "weight_bearing", "med_other_medicines"})
    EXPECT_FALSE(v.contains(safety)) << safety;
  r = post_json("/api/v1/assessments",
                {{"answers", {{"age", 40}, {"onset", "gradual"}, {"weekly_km_now", 40},
                              {"longest_recent_km", 12}}}});
  ASSERT_EQ(r->status, 201) << r->body;
  const json res = body(r);
  ASSERT_EQ(res["answers_and_runs"].size(), 1u) << res.dump();
  EXPECT_EQ(res["answers_and_runs"][0]["question"], "weekly_km_now");
  EXPECT_EQ(res["answers_and_runs"][0]["answer"], 40.0);
  EXPECT_EQ(res["answers_and_runs"][0]["runs"], 11.0);
  EXPECT_EQ(res["answers_and_runs"][0]["used"], "runs");
  EXPECT_NE(res["answers_and_runs"][0]["text"].get<std::string>().find("Used: your runs"),
            std::string::npos);
  // Saved with the result: the web's result page reads it back.
  const json saved = body(client_->Get("/api/v1/assessments/latest"));
  EXPECT_EQ(saved["result"]["answers_and_runs"], res["answers_and_runs"]);
}

TEST_F(ServerTest, ImportsAFitUploadAndListsIt) {
  auto r = upload(kFit, "run.fit");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(body(r)["imported"], 1);
  r = upload(kFit, "again.fit");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body(r)["duplicates"], 1);
  // The temporary files are gone, whatever the outcome.
  EXPECT_TRUE(fs::is_empty(dir_ / "uploads"));

  const json list = body(client_->Get("/api/v1/activities"));
  ASSERT_EQ(list["total"], 1);
  const json a = list["activities"][0];
  EXPECT_EQ(a["date"], "2015-08-15");
  EXPECT_NEAR(a["distance_km"].get<double>(), 9.008, 0.01);
  EXPECT_EQ(a["source"]["name"].get<std::string>().find('/'), std::string::npos);

  auto d = client_->Get(
      ("/api/v1/activities/" + std::to_string(a["id"].get<int>()) + "?points=50").c_str());
  ASSERT_EQ(d->status, 200);
  const json st = body(d)["streams"];
  EXPECT_EQ(st["time_s"].size(), 50u);
  EXPECT_EQ(st["heart_rate_bpm"].size(), 50u);
  EXPECT_EQ(st["cadence_spm"].size(), 50u);
  // The activity page: a name, per-km splits (9.01 km: 9 whole and a short remainder is
  // dropped), the route from stored positions and the run's spike context.
  const json detail = body(d);
  EXPECT_FALSE(detail["activity"]["name"].get<std::string>().empty());
  ASSERT_EQ(detail["splits"].size(), 9u);
  EXPECT_GT(detail["splits"][0]["pace_s_per_km"].get<double>(), 150);
  EXPECT_GT(detail["splits"][0]["avg_heart_rate"].get<double>(), 60);
  EXPECT_GT(detail["route"].size(), 100u);
  EXPECT_TRUE(detail["spike"].is_object());
  const std::string path = "/api/v1/activities/" + std::to_string(a["id"].get<int>());
  EXPECT_EQ(body(client_->Get((path + "?split=mile").c_str()))["splits"].size(), 6u);
  EXPECT_EQ(client_->Get((path + "?split=furlong").c_str())->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/activities/999")->status, 404);
  EXPECT_EQ(client_->Get("/api/v1/activities?limit=0")->status, 400);
}

TEST_F(ServerTest, MultipartUploadWorksToo) {
  std::ifstream in(kFit, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  httplib::MultipartFormDataItems items = {
      {"file", bytes, "watch.fit", "application/octet-stream"}};
  // A form upload must show it comes from our own page (issue 13: cross-site uploads).
  const httplib::Headers same_origin = {{"Origin", "http://127.0.0.1:" + std::to_string(port_)}};
  auto r = client_->Post("/api/v1/imports", same_origin, items);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
}

TEST_F(ServerTest, UploadLimitsAndTypes) {
  auto r = upload(kFit, "notes.exe");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415);
  EXPECT_EQ(body(r)["error"]["field"], "name");
  r = client_->Post("/api/v1/imports?name=a.fit", "{}", "application/json");
  EXPECT_EQ(r->status, 415);
  // Too big: refused from the headers alone, before the body is read.
  EXPECT_EQ(
      raw_status("POST /api/v1/imports?name=big.fit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Type: application/octet-stream\r\nContent-Length: 10000000\r\n\r\n"),
      413);
  r = client_->Post("/api/v1/imports?name=junk.fit", std::string(100, 'x'),
                    "application/octet-stream");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["code"], "import_failed");
  // A JSON body over the 1 MiB limit.
  r = client_->Post("/api/v1/diary", std::string(2 << 20, ' '), "application/json");
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, LoadTableChartAndParameters) {
  ASSERT_EQ(upload(kFit, "run.fit")->status, 201);
  auto r = client_->Get("/api/v1/load?weeks=12");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(body(r)["load"].contains("weeks"));
  EXPECT_TRUE(body(r)["summary"]["has_history"]);
  auto svg = client_->Get("/api/v1/load/chart.svg");
  ASSERT_EQ(svg->status, 200);
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_EQ(svg->body.rfind("<svg", 0), 0u);
  EXPECT_EQ(client_->Get("/api/v1/form")->status, 200);
  EXPECT_EQ(client_->Get("/api/v1/load/spikes")->status, 200);
  r = client_->Get("/api/v1/load?weeks=0");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(body(r)["error"]["field"], "weeks");
  EXPECT_EQ(client_->Get("/api/v1/load?weeks=abc")->status, 400);
  // By default the last 12 weeks of data: the one run (2015) is shown, not the calendar's
  // last 12 weeks.
  const json def = body(client_->Get("/api/v1/load"));
  EXPECT_EQ(def["range"]["to"], def["range"]["last_data"]);
  EXPECT_EQ(def["range"]["last_data"].get<std::string>().substr(0, 4), "2015");
  const json fit = body(client_->Get("/api/v1/load/fitness"));
  EXPECT_EQ(fit["unit"], "km");
  ASSERT_FALSE(fit["days"].empty());
  EXPECT_GT(fit["days"].back()["fitness"].get<double>(), 0);
  EXPECT_EQ(body(client_->Get("/api/v1/load/fitness?basis=time"))["unit"], "min");
  EXPECT_EQ(client_->Get("/api/v1/load/fitness?basis=pace")->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/load?from=2016-01-02&to=2016-01-01")->status, 400);
  const json all = body(client_->Get("/api/v1/load?all=1"));
  EXPECT_EQ(all["range"]["from"], all["range"]["first_data"]);
  const json span = body(client_->Get("/api/v1/load?from=2015-08-01&to=2015-08-31"));
  EXPECT_EQ(span["range"]["from"], "2015-08-01");
}

TEST_F(ServerTest, DiaryValidatesAndTodayResponds) {
  const json before = body(client_->Get("/api/v1/today"));
  EXPECT_TRUE(before.contains("headline"));
  auto r = post_json("/api/v1/diary", {{"date", "2026-11-25"}, {"pain_during", 11}});
  ASSERT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["field"], "pain_during");
  r = post_json("/api/v1/diary",
                {{"date", "2026-11-25"}, {"pain_during", 8}, {"pain_after", 7}, {"ran", true}});
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(body(client_->Get("/api/v1/diary"))["entries"].size(), 1u);
  const json after = body(client_->Get("/api/v1/today"));
  EXPECT_NE(before, after);
  EXPECT_EQ(client_->Get("/api/v1/plan")->status, 200);
}

TEST_F(ServerTest, KoosTakeAndHistory) {
  const json q = body(client_->Get("/api/v1/koos/questions"));
  ASSERT_FALSE(q["items"].empty());
  EXPECT_FALSE(q.contains("options"));  // each item carries its own answer words
  for (const auto& item : q["items"]) {
    ASSERT_EQ(item["anchors"].size(), 5u) << item.dump();
    if (item["id"] == "S4") {
      EXPECT_EQ(item["anchors"][0], "Always");
      EXPECT_TRUE(item["reversed"].get<bool>());
    }
    if (item["id"] == "P1") {
      EXPECT_EQ(item["scale"], "pain-frequency");
    }
  }
  EXPECT_EQ(q["instructions"].get<std::string>().find("docs/"), std::string::npos);
  const std::string first = q["items"][0]["id"];
  auto r = post_json("/api/v1/koos", {{"answers", {{first, 9}}}});
  EXPECT_EQ(r->status, 422);
  json answers = json::object();
  for (const auto& item : q["items"]) answers[item["id"].get<std::string>()] = 1;
  r = post_json("/api/v1/koos", {{"answers", answers}});
  ASSERT_EQ(r->status, 201) << r->body;
  const json hist = body(client_->Get("/api/v1/koos"));
  ASSERT_EQ(hist["history"].size(), 1u);
  EXPECT_DOUBLE_EQ(hist["history"][0]["scores"]["pain"].get<double>(), 75.0);
}

}  // namespace
}  // namespace rk::server
