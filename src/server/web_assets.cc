#include "server/web_assets.h"

#include <string>
#include <unordered_map>

namespace rk::server {
namespace {

std::string_view content_type_for(std::string_view name) {
  const auto dot = name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "json" || ext == "webmanifest") return "application/json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

const std::unordered_map<std::string, StaticFile>& table() {
  static const auto files = [] {
    std::unordered_map<std::string, StaticFile> t;
    for (const auto& f : embedded_files_web()) {
      t.emplace(std::string("/").append(f.name), StaticFile{f.bytes, content_type_for(f.name)});
    }
    return t;
  }();
  return files;
}

}  // namespace

const StaticFile* find_static(std::string_view path) {
  const auto& t = table();
  const auto it = t.find(path == "/" ? std::string("/index.html") : std::string(path));
  return it == t.end() ? nullptr : &it->second;
}

}  // namespace rk::server
