// libFuzzer target: the HTTP request -> handler path in-process (no socket). The input is one or
// more requests separated by a line "----"; each is "METHOD /path?query\n", header lines
// "Name: value\n", a blank line, then the body. Every request must end in a reply (any status),
// never a crash. Each input gets a fresh in-memory store and server, so a finding replays from its
// file alone and the store cannot grow over a long campaign; sequences (a POST, then a GET that
// reads it) live inside one input.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "knowledge/knowledge_base.h"
#include "server/server.h"
#include "store/store.h"

namespace {

const rk::KnowledgeBase& knowledge() {
  static const rk::KnowledgeBase kb = *rk::KnowledgeBase::load_embedded();
  return kb;
}

struct Fixture {
  rk::Store store = *rk::Store::open(":memory:");
  std::unique_ptr<rk::server::HttpServer> server;
  Fixture() {
    rk::server::ServerOptions o;
    o.port = 8080;
    o.upload_dir = std::filesystem::temp_directory_path() / "runknee-http-fuzz";
    o.max_upload_bytes = 1 << 20;
    server = std::make_unique<rk::server::HttpServer>(store, knowledge(), o);
  }
};

constexpr std::string_view kSeparator = "\n----\n";

std::string_view take_line(std::string_view& s) {
  const auto nl = s.find('\n');
  std::string_view line = s.substr(0, nl);
  s = nl == std::string_view::npos ? std::string_view() : s.substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

void serve_one(rk::server::HttpServer& server, std::string_view in) {
  httplib::Request req;
  const std::string_view first = take_line(in);
  const auto sp = first.find(' ');
  req.method = std::string(first.substr(0, sp));
  std::string target = sp == std::string_view::npos ? "/" : std::string(first.substr(sp + 1));
  const auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) {
    std::string_view query(target);
    query.remove_prefix(q + 1);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      const auto eq = pair.find('=');
      req.params.emplace(std::string(pair.substr(0, eq)),
                         eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
  }
  for (std::string_view line = take_line(in); !line.empty(); line = take_line(in)) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req.headers.emplace(std::string(line.substr(0, colon)), std::string(value));
  }
  req.body = std::string(in);
  httplib::Response res;
  server.handle(req, res);
  if (res.status < 100 || res.status > 599) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fixture f;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (std::size_t at = in.find(kSeparator); at != std::string_view::npos; at = in.find(kSeparator)) {
    serve_one(*f.server, in.substr(0, at));
    in.remove_prefix(at + kSeparator.size());
  }
  serve_one(*f.server, in);
  return 0;
}
