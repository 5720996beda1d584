#include "server/upload.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>

#include "app/import.h"
#include "util/error.h"

namespace rk::server {
namespace {

constexpr std::size_t kMultipartSlack = 64 << 10;

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<long>(suffix.size()),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

/// Removes the temporary files however the request ends.
struct TempFiles {
  std::vector<std::filesystem::path> paths;
  ~TempFiles() {
    std::error_code ec;
    for (const auto& p : paths) std::filesystem::remove(p, ec);
  }
};

/// Streams one part (or the whole raw body) into a file, counting bytes against the limit.
class Sink {
 public:
  Sink(std::size_t limit) : limit_(limit) {}
  bool open(const std::filesystem::path& p) {
    out_.close();
    out_.clear();
    out_.open(p, std::ios::binary | std::ios::trunc);
    return bool(out_);
  }
  bool write(const char* data, std::size_t n) {
    total_ += n;
    if (total_ > limit_) {
      too_big_ = true;
      return false;
    }
    out_.write(data, static_cast<std::streamsize>(n));
    if (!out_) io_failed_ = true;
    return !io_failed_;
  }
  bool close() {
    out_.close();
    return !io_failed_ && !out_.fail();
  }
  bool too_big() const { return too_big_; }
  bool io_failed() const { return io_failed_; }
  std::size_t total() const { return total_; }

 private:
  std::ofstream out_;
  std::size_t limit_;
  std::size_t total_ = 0;
  bool too_big_ = false;
  bool io_failed_ = false;
};

Json issues_json(const std::vector<ImportIssue>& v, const char* status) {
  Json out = Json::array();
  for (const auto& i : v) {
    out.push_back({{"name", i.file}, {"status", status}, {"message", i.message}});
  }
  return out;
}

struct Part {
  std::string display;  // the client's name, for messages only
  std::filesystem::path path;
};

}  // namespace

void remove_stale_uploads(const std::filesystem::path& dir) {
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    // Only the names upload_path() makes: nothing else in the folder is ours to remove.
    if (e.path().filename().string().rfind("upload-", 0) == 0 && e.is_regular_file(ec)) {
      std::filesystem::remove(e.path(), ec);
    }
  }
}

std::string_view upload_extension(std::string_view client_name) {
  for (std::string_view ext : {".fit", ".gpx", ".tcx", ".csv", ".zip", ".gz"}) {
    if (ends_with_ci(client_name, ext)) return ext;
  }
  return "";
}

std::filesystem::path upload_path(const std::filesystem::path& dir, std::string_view ext) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return dir / fmt::format("upload-{:016x}{:016x}{}", rng(), rng(), ext);
}

ApiResult import_upload(State& s, Call& c) {
  const std::string type = c.req.get_header_value("Content-Type");
  const bool multipart = type.rfind("multipart/form-data", 0) == 0;
  if (type.rfind("application/json", 0) == 0 || type.rfind("text/", 0) == 0 ||
      type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    return api_error(415, "unsupported_media_type",
                     "send the file as application/octet-stream (with ?name=FILE) or as "
                     "multipart/form-data",
                     "Content-Type");
  }
  // Refused before a byte is read when the client says up front that it is too big (a
  // multipart body may carry a few KiB of headers beyond the file itself).
  const std::size_t limit = s.options().max_upload_bytes;
  const std::string length = c.req.get_header_value("Content-Length");
  const std::uint64_t declared = length.empty() ? 0 : std::strtoull(length.c_str(), nullptr, 10);
  if (declared > limit + (multipart ? kMultipartSlack : 0)) {
    return api_error(413, "payload_too_large",
                     fmt::format("uploads are limited to {} MiB", limit >> 20));
  }
  const auto& dir = s.options().upload_dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return api_error(500, "internal", fmt::format("{}: {}", dir.string(), ec.message()));

  TempFiles temps;
  std::vector<Part> parts;
  Sink sink(s.options().max_upload_bytes);
  std::optional<ApiError> bad;
  if (multipart) {
    c.reader->operator()(
        [&](const httplib::MultipartFormData& file) {
          if (file.filename.empty()) return true;  // an ordinary form field: ignored
          const auto ext = upload_extension(file.filename);
          if (ext.empty()) {
            bad = ApiError{415,
                           "unsupported_file_type",
                           file.filename + ": not a .fit, .gpx, .tcx, .csv, .zip or .gz file",
                           file.name,
                           {}};
            return false;
          }
          parts.push_back({file.filename, upload_path(dir, ext)});
          temps.paths.push_back(parts.back().path);
          return sink.open(parts.back().path);
        },
        [&](const char* data, std::size_t n) { return sink.write(data, n); });
  } else {
    const std::string name = c.query("name").value_or("");
    const auto ext = upload_extension(name);
    if (ext.empty()) {
      return api_error(415, "unsupported_file_type",
                       "name the file with ?name=FILE ending in .fit, .gpx, .tcx, .csv, .zip or "
                       ".gz",
                       "name");
    }
    parts.push_back({name, upload_path(dir, ext)});
    temps.paths.push_back(parts.back().path);
    if (sink.open(parts.back().path)) {
      (*c.reader)([&](const char* data, std::size_t n) { return sink.write(data, n); });
    }
  }
  const bool closed = sink.close();
  if (bad) return Unexpected<ApiError>(*bad);
  if (sink.too_big()) {
    return api_error(
        413, "payload_too_large",
        fmt::format("uploads are limited to {} MiB", s.options().max_upload_bytes >> 20));
  }
  if (!closed || sink.io_failed()) {
    return api_error(500, "internal", "could not write the upload to " + dir.string());
  }
  if (parts.empty() || sink.total() == 0) {
    return api_error(400, "empty_upload", "the upload holds no file", "file");
  }

  std::vector<std::filesystem::path> paths;
  for (const auto& p : parts) paths.push_back(p.path);
  // Decoding and storing happen on a connection of the import's own, outside the store lock,
  // committing each activity as it comes: other requests are answered meanwhile (SQLite's WAL
  // lets them read; a write waits at most for one activity's transaction).
  ImportOptions o;
  o.jobs = 1;
  o.batch = 1;
  const auto store_path = s.store_path();
  Expected<ImportReport> report = fail("no import ran");
  if (store_path.empty() || store_path == ":memory:") {
    report = s.with_store(
        [&](Store& store) { return app::import_files(store.db(), store.local_user(), paths, o); });
  } else {
    auto own = Database::open(store_path);
    if (!own) return internal_error(own.error());
    const UserId user = s.with_store([](Store& store) { return store.local_user(); });
    report = app::import_files(*own, user, paths, o);
  }
  if (!report) return internal_error(report.error());
  s.bump_revision();

  // Messages name the server's temporary file; show the client's name instead.
  auto rename = [&](std::string text) {
    for (const auto& p : parts) {
      const std::string tmp = p.path.string();
      for (auto at = text.find(tmp); at != std::string::npos; at = text.find(tmp)) {
        text.replace(at, tmp.size(), p.display);
      }
      const std::string base = p.path.filename().string();
      for (auto at = text.find(base); at != std::string::npos; at = text.find(base)) {
        text.replace(at, base.size(), p.display);
      }
    }
    return text;
  };
  Json files = Json::array();
  for (const auto* group : {&report->duplicates, &report->skipped, &report->failed}) {
    const char* status = group == &report->duplicates ? "duplicate"
                         : group == &report->skipped  ? "skipped"
                                                      : "failed";
    for (const auto& f : issues_json(*group, status)) {
      Json g = f;
      g["name"] = rename(f["name"].get<std::string>());
      g["message"] = rename(f["message"].get<std::string>());
      files.push_back(std::move(g));
    }
  }
  Json warnings = Json::array();
  for (const auto& w : report->warnings) warnings.push_back(rename(w));
  Json body = {{"files_seen", report->files},       {"bytes", report->bytes},
               {"imported", report->imported},      {"duplicates", report->duplicates.size()},
               {"skipped", report->skipped.size()}, {"failed", report->failed.size()},
               {"files", std::move(files)},         {"warnings", std::move(warnings)}};
  if (report->imported == 0 && !report->failed.empty() && report->duplicates.empty()) {
    ApiError e{422, "import_failed", rename(report->failed.front().message), "file", {}};
    return Unexpected<ApiError>(e);
  }
  return json_reply(body, report->imported > 0 ? 201 : 200);
}

}  // namespace rk::server
