// Issue 13 (hardening): one request must never kill or fool the server. Each test is named
// after the issue's item and fails on the code before the fix.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "knowledge/knowledge_base.h"
#include "server/server.h"
#include "store/diary_repo.h"
#include "store/store.h"
#include "support/knowledge.h"
#include "util/file_io.h"

namespace rk::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;


class Hardening : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { kb_ = new KnowledgeBase(rk::testing::source_knowledge()); }
  static void TearDownTestSuite() { delete kb_; }

  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rk-hardening-" + std::to_string(::getpid()) + "-" +
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
    o.allowed_hosts = {"knee.local"};
    o.read_timeout_s = 2;
    configure(o);
    server_ = std::make_unique<HttpServer>(*store_, *kb_, o);
    auto port = server_->bind();
    ASSERT_TRUE(port) << port.error().message;
    port_ = *port;
    thread_ = std::thread([this] { server_->run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    for (int i = 0; i < 500 && !client_->Get("/api/v1/health"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  virtual void configure(ServerOptions&) {}

  void TearDown() override {
    server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }

  httplib::Result post(const std::string& path, const std::string& body,
                       const std::string& type = "application/json",
                       const httplib::Headers& headers = {}) {
    return client_->Post(path.c_str(), headers, body, type.c_str());
  }

  int connect_raw() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }

  static json body(const httplib::Result& r) { return json::parse(r->body); }

  static KnowledgeBase* kb_;
  fs::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = 0;
};

KnowledgeBase* Hardening::kb_ = nullptr;

std::string nested(std::size_t levels, const std::string& inner = "1") {
  return std::string(levels, '[') + inner + std::string(levels, ']');
}

// Item 1: ~100,000 levels of nesting in a JSON body segfaulted the server (exit 139).
TEST_F(Hardening, DeepNestingJsonIsRefusedNotACrash) {
  const std::string deep = nested(200000);
  for (const std::string path : {"/api/v1/assessments", "/api/v1/koos", "/api/v1/diary"}) {
    auto r = post(path, "{\"answers\": {\"notes\": " + deep + "}, \"notes\": " + deep + "}");
    ASSERT_TRUE(r) << path << ": the server died";
    EXPECT_EQ(r->status, 422) << path << " " << r->body;
    EXPECT_NE(body(r)["error"]["message"].get<std::string>().find("nested deeper"),
              std::string::npos);
  }
  // Objects too, and an unterminated one.
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  auto r = post("/api/v1/koos", objects);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(client_->Get("/api/v1/health")->status, 200);
}

// Item 8 (server side): 1e999 and duplicate keys.
TEST_F(Hardening, NonFiniteNumbersAndDuplicateKeysRejected) {
  auto r = post("/api/v1/diary", R"({"date":"2026-11-20","pain_during":1e999})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  r = post("/api/v1/diary", R"({"date":"2026-11-20","pain_during":2,"pain_during":9})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  EXPECT_NE(r->body.find("duplicate key"), std::string::npos);
  r = post("/api/v1/assessments", R"({"answers":{"age":1e999}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
}

// Item 2: "Host: 127.0.0.1.evil.example" passed the DNS-rebinding guard.
TEST_F(Hardening, HostAllowListIsExact) {
  const std::string p = std::to_string(port_);
  for (const std::string& bad : std::vector<std::string>{
           "127.0.0.1.evil.example", "127.0.0.1.evil.example:" + p, "[::1].anything:" + p,
           "localhost.evil.example:" + p, "127.0.0.1:" + std::to_string(port_ + 1),
           "evil.example:" + p, "127.0.0.1:" + p + ".evil", "knee.local.evil:" + p}) {
    auto r = client_->Get("/api/v1/health", {{"Host", bad}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << bad;
  }
  for (const std::string& good : std::vector<std::string>{
           "127.0.0.1:" + p, "localhost:" + p, "[::1]:" + p, "LOCALHOST:" + p, "knee.local:" + p}) {
    auto r = client_->Get("/api/v1/health", {{"Host", good}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << good;
  }
  EXPECT_FALSE(is_loopback_host("127.0.0.1.evil.example"));
  EXPECT_FALSE(is_loopback_host("127.evil"));
  EXPECT_TRUE(is_loopback_host("127.0.0.2"));
}

// Item 3: the web app's next-morning body erased the day's pain and its locking red flag, and
// today's view went from "not cleared" to "cleared to train".
TEST_F(Hardening, WebDiaryMorningUpdateKeepsRedFlagsAndFields) {
  auto r = post("/api/v1/diary", json{{"date", "2026-11-25"},
                                      {"pain_during", 4},
                                      {"pain_after", 3},
                                      {"locations", {"joint_line"}},
                                      {"swelling", true},
                                      {"locking", true},
                                      {"stiffness_min", 15},
                                      {"notes", "hill repeats"},
                                      {"ran", true}}
                                     .dump());
  ASSERT_EQ(r->status, 201) << r->body;
  const json before = body(client_->Get("/api/v1/today"));
  // Exactly what web/src/pages/diary.ts sends with only the morning box filled in.
  r = post("/api/v1/diary", json{{"date", "2026-11-25"},
                                 {"ran", false},
                                 {"notes", ""},
                                 {"pain_morning", 2},
                                 {"swelling", false},
                                 {"catching", false},
                                 {"locking", false},
                                 {"giving_way", false},
                                 {"night_pain", false},
                                 {"injury", false},
                                 {"cannot_bear_weight", false}}
                                .dump());
  ASSERT_EQ(r->status, 201) << r->body;
  const json e = body(r)["entry"];
  EXPECT_EQ(e["pain_during"], 4);
  EXPECT_EQ(e["pain_after"], 3);
  EXPECT_EQ(e["pain_morning"], 2);
  EXPECT_EQ(e["stiffness_min"], 15);
  EXPECT_EQ(e["locking"], true);
  EXPECT_EQ(e["swelling"], true);
  EXPECT_EQ(e["notes"], "hill repeats");
  EXPECT_EQ(body(r)["red_flags"].size(), 1u);
  const json listed = body(client_->Get("/api/v1/diary"))["entries"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["locking"], true);
  const json after = body(client_->Get("/api/v1/today"));
  EXPECT_EQ(after["cleared"], before["cleared"]);
  EXPECT_EQ(after["cleared"], false);
}

// Item 9: wrong types were dropped, {} overwrote the day with an empty entry.
TEST_F(Hardening, DiaryWrongTypesAndEmptyBodyRejected) {
  auto r = post("/api/v1/diary", R"({"date":"2026-11-20","swelling":"yes"})");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["field"], "swelling");
  r = post("/api/v1/diary", "{}");
  EXPECT_EQ(r->status, 422);
  r = post("/api/v1/diary", R"({"date":"2026-11-20","pain_during":4294967300})");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["field"], "pain_during");
  r = post("/api/v1/diary", R"({"date":"2026-11-20","pain_during":true})");
  EXPECT_EQ(r->status, 422);
  r = post("/api/v1/diary", R"({"date":"2024-02-30","pain_during":2})");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["field"], "date");
  EXPECT_TRUE(body(client_->Get("/api/v1/diary"))["entries"].empty());
}

// Item 8: KOOS 4294967297 was stored as 1.
TEST_F(Hardening, KoosOutOfRangeIntegersRejectedNotWrapped) {
  for (const std::string v : {"4294967297", "-4294967295", "true", "2.0", "18446744073709551617"}) {
    auto r = post("/api/v1/koos", "{\"answers\": {\"P1\": " + v + "}}");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << v << " " << r->body;
  }
  EXPECT_TRUE(body(client_->Get("/api/v1/koos"))["history"].empty());
}

// Item 4: multipart and Content-Type-less uploads were accepted from any web page.
TEST_F(Hardening, CrossSiteWritesRefused) {
  const httplib::Headers evil = {{"Origin", "http://evil.example"}};
  auto r =
      post("/api/v1/diary", R"({"date":"2026-11-20","pain_during":2})", "application/json", evil);
  EXPECT_EQ(r->status, 403);
  r = post("/api/v1/diary", R"({"date":"2026-11-20","pain_during":2})", "application/json",
           {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(r->status, 403);
  r = post("/api/v1/diary", R"({"date":"2026-11-20","pain_during":2})", "application/json",
           {{"Sec-Fetch-Site", "same-site"}});
  EXPECT_EQ(r->status, 403);
  // What a form on another site can send without a preflight.
  httplib::MultipartFormDataItems items = {{"file", "x", "a.fit", "application/octet-stream"}};
  r = client_->Post("/api/v1/imports", items);
  EXPECT_EQ(r->status, 403) << r->body;
  r = post("/api/v1/imports?name=a.csv", "date,distance_km\n", "text/plain");
  EXPECT_EQ(r->status, 403);
  r = post("/api/v1/imports?name=a.csv", "date,distance_km\n", "");
  EXPECT_EQ(r->status, 403);
  EXPECT_TRUE(body(client_->Get("/api/v1/diary"))["entries"].empty());
  // Our own page (same origin) and tools that are not browsers still work.
  r = post("/api/v1/diary", R"({"date":"2026-11-20","pain_during":2})", "application/json",
           {{"Origin", "http://" + host()}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(r->status, 201) << r->body;
  r = post("/api/v1/diary", R"({"date":"2026-11-21","pain_during":2})");
  EXPECT_EQ(r->status, 201) << r->body;
}

// Item 4 (headers): every reply carries them, the API's CSP forbids everything.
TEST_F(Hardening, SecurityHeadersOnEveryReply) {
  for (const std::string path : {"/", "/api/v1/health", "/api/v1/nope"}) {
    auto r = client_->Get(path.c_str());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_EQ(r->get_header_value_count("Content-Security-Policy"), 1u) << path;
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos)
        << path;
  }
  EXPECT_NE(
      client_->Get("/")->get_header_value("Content-Security-Policy").find("default-src 'self'"),
      std::string::npos);
  EXPECT_NE(client_->Get("/api/v1/health")
                ->get_header_value("Content-Security-Policy")
                .find("default-src 'none'"),
            std::string::npos);
}

// Item 11: 8 slowloris connections (or a few hundred idle ones) stopped the server answering.
TEST_F(Hardening, SlowClientsDoNotStarveOthers) {
  std::vector<int> fds;
  for (int i = 0; i < 16; ++i) {
    const int fd = connect_raw();
    ASSERT_GE(fd, 0);
    const std::string start = "GET /api/v1/health HTTP/1.1\r\nHost: " + host() + "\r\nX-Slow: ";
    (void)!::write(fd, start.data(), start.size());
    fds.push_back(fd);
  }
  // Idle connections (each costs a polling thread, so the count stays modest for a 2-core CI).
  for (int i = 0; i < 48; ++i) {
    const int fd = connect_raw();
    if (fd >= 0) fds.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Trickle a byte on the slow ones while a normal client asks.
  for (int i = 0; i < 16; ++i) (void)!::write(fds[static_cast<std::size_t>(i)], "a", 1);
  const auto t0 = std::chrono::steady_clock::now();
  httplib::Client c("127.0.0.1", port_);
  c.set_connection_timeout(10);
  c.set_read_timeout(10);
  auto r = c.Get("/api/v1/health");
  const auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_LT(waited, std::chrono::seconds(5));
  for (int fd : fds) ::close(fd);
}

// Item 11 (bodies): a body trickled a byte at a time is cut off after the read timeout.
TEST_F(Hardening, TrickledBodyTimesOut) {
  const int fd = connect_raw();
  ASSERT_GE(fd, 0);
  const std::string head = "POST /api/v1/diary HTTP/1.1\r\nHost: " + host() +
                           "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
  (void)!::write(fd, head.data(), head.size());
  const auto t0 = std::chrono::steady_clock::now();
  bool closed = false;
  for (int i = 0; i < 60 && !closed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    closed = ::send(fd, "{", 1, MSG_NOSIGNAL) < 0;
    char buf[256];
    const auto n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n >= 0) closed = true;  // an answer (408) or end of stream
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  ::close(fd);
}

// Item 14: an upload held the store for its whole duration (a diary GET waited 26 s). Here an
// upload stops half-way through its body; a read and a write are answered meanwhile, and the
// upload then completes and is stored.
TEST_F(Hardening, UploadInProgressDoesNotBlockOthers) {
  std::string bytes;
  {
    std::ifstream in(fs::path(RUNKNEE_CORPUS) / "fit/python-fitparse/activity-small-fenix2-run.fit",
                     std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_GT(bytes.size(), 1000u);
  const int fd = connect_raw();
  ASSERT_GE(fd, 0);
  const std::string head = "POST /api/v1/imports?name=run.fit HTTP/1.1\r\nHost: " + host() +
                           "\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                           std::to_string(bytes.size()) + "\r\nConnection: close\r\n\r\n";
  const std::size_t half = bytes.size() / 2;
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  ASSERT_EQ(::send(fd, bytes.data(), half, MSG_NOSIGNAL), static_cast<ssize_t>(half));

  auto read = client_->Get("/api/v1/diary");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
  auto write = post("/api/v1/diary", R"({"date":"2026-11-20","pain_during":2})");
  ASSERT_TRUE(write);
  EXPECT_EQ(write->status, 201) << write->body;

  const std::size_t rest = bytes.size() - half;
  ASSERT_EQ(::send(fd, bytes.data() + half, rest, MSG_NOSIGNAL), static_cast<ssize_t>(rest));
  std::string reply;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) reply.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  EXPECT_EQ(reply.rfind("HTTP/1.1 201", 0), 0u) << reply.substr(0, 200);
  EXPECT_NE(reply.find("\"imported\":1"), std::string::npos) << reply;
  auto list = client_->Get("/api/v1/activities");
  ASSERT_TRUE(list);
  EXPECT_EQ(body(list)["activities"].size(), 1u) << list->body.substr(0, 300);
}

// The HTTP fuzz target found it: handled in-process (no cpp-httplib routing), a static file
// reply had no status (-1). Every reply, API or web app, must carry one.
TEST_F(Hardening, InProcessRepliesAlwaysCarryAStatus) {
  for (const std::string path : {"/", "/index.html", "/some/app/route", "/missing.js",
                                 "/api/v1/health", "/api/v1/nope"}) {
    for (const std::string method : {"GET", "HEAD", "POST", "BREW"}) {
      httplib::Request req;
      req.method = method;
      req.path = path;
      req.headers.emplace("Host", host());
      httplib::Response res;
      server_->handle(req, res);
      EXPECT_GE(res.status, 200) << method << " " << path;
      EXPECT_LE(res.status, 599) << method << " " << path;
    }
  }
}

// Item 15: upload temporary files left by a crash were never cleaned.
TEST_F(Hardening, StaleUploadFilesRemovedAtStart) {
  const auto uploads = dir_ / "uploads2";
  fs::create_directories(uploads);
  std::ofstream(uploads / "upload-0123456789abcdef0123456789abcdef.fit") << "left by a crash";
  std::ofstream(uploads / "mine.txt") << "not ours";
  ServerOptions o;
  o.upload_dir = uploads;
  HttpServer other(*store_, *kb_, o);
  EXPECT_FALSE(fs::exists(uploads / "upload-0123456789abcdef0123456789abcdef.fit"));
  EXPECT_TRUE(fs::exists(uploads / "mine.txt"));
}

// Item 6: the server's cache ignored writes by other processes (a CLI import of 240 runs left
// the API reporting 0 until some API write happened).
TEST_F(Hardening, SeesWritesByOtherProcesses) {
  EXPECT_TRUE(body(client_->Get("/api/v1/diary"))["entries"].empty());
  {
    // Another process: its own connection to the same file.
    auto other = Store::open(dir_ / "runknee.db");
    ASSERT_TRUE(other);
    ASSERT_TRUE(DiaryRepo(other->db())
                    .upsert(other->local_user(),
                            {0, "2026-11-20", 1, "{\"date\":\"2026-11-20\",\"pain_after\":3}"}));
  }
  const json entries = body(client_->Get("/api/v1/diary"))["entries"];
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["pain_after"], 3);
}

}  // namespace
}  // namespace rk::server
