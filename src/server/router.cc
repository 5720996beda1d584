#include "server/router.h"

namespace rk::server {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    const std::size_t j = path.find('/', i);
    const std::size_t end = j == std::string_view::npos ? path.size() : j;
    if (end > i) out.emplace_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

bool is_capture(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_capture(pattern[i])) {
      if (params) (*params)[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, bool streaming) {
  routes_.push_back({std::move(method), split_path(pattern), std::move(handler), streaming});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  const auto parts = split_path(path);
  // HEAD is answered like GET (httplib drops the body).
  const std::string_view want = method == "HEAD" ? "GET" : method;
  for (const auto& r : routes_) {
    if (!matches(r.segments, parts, nullptr)) continue;
    if (r.method == want) {
      matches(r.segments, parts, &m.params);
      m.handler = &r.handler;
      m.streaming = r.streaming;
      m.allow.clear();
      return m;
    }
    if (m.allow.find(r.method) == std::string::npos) {
      m.allow += m.allow.empty() ? r.method : ", " + r.method;
    }
  }
  return m;
}

}  // namespace rk::server
