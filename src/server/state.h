#pragma once
// What the handlers share: the store (one SQLite connection, used under a mutex), the store
// revision (bumped by every write through the API) and a cache of computed replies keyed by
// revision, so that read endpoints over a ten-year history answer from memory.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "server/analysis_cache.h"
#include "server/api.h"
#include "store/store.h"
#include "util/limits.h"

namespace rk::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  bool allow_remote = false;
  std::size_t max_upload_bytes = limits::upload_max_bytes;
  std::size_t max_json_bytes = std::size_t{1} << 20;
  std::filesystem::path upload_dir;  // server-named temporary files for uploads
  /// Extra names the Host header may carry ("knee.local" or "knee.local:8080"), besides
  /// 127.0.0.1, localhost and [::1] on the bound port.
  std::vector<std::string> allowed_hosts;
  // per connection: a request's headers and body must arrive by then
  int read_timeout_s = static_cast<int>(limits::http_read_timeout_s);
  // open connections served at once; more wait their turn
  int max_connections = static_cast<int>(limits::http_max_connections);
  int keep_alive_max = 100;   // requests per connection
};

class State {
 public:
  State(Store& store, const KnowledgeBase& kb, ServerOptions options);

  const ServerOptions& options() const { return options_; }
  const KnowledgeBase& kb() const { return kb_; }
  /// The store's file ("" or ":memory:" for an in-memory store).
  std::filesystem::path store_path() const { return store_path_; }
  AnalysisCache& analysis() { return analysis_; }

  /// Runs f(Store&) with the store to itself.
  template <class F>
  auto with_store(F&& f) {
    std::lock_guard lock(store_mu_);
    return f(store_);
  }

  /// The store's revision: bumped by API writes, and by writes of other processes (a CLI
  /// import while the server runs), which SQLite's data_version reveals.
  std::uint64_t revision();
  /// Call after any write: cached replies computed before it are dropped.
  void bump_revision() { ++revision_; }
  /// The runner's time zone setting (`runknee config set tz`, PUT /api/v1/settings) applies from
  /// the next request: the settings file is checked with one stat per request and read again
  /// only when it changed; a new zone drops the cached replies (local days move).
  void follow_time_zone();

  /// The reply for `key` at the current revision, computing it (under the store lock) once.
  ApiResult cached(const std::string& key, const std::function<Checked<Json>(Store&)>& compute);
  /// The same for replies computed without the store (from the analysis cache, say); any
  /// content type. Failures are not remembered.
  ApiResult memoized(const std::string& key, const std::function<ApiResult()>& compute);

 private:
  Store& store_;
  std::filesystem::path store_path_;
  const KnowledgeBase& kb_;
  ServerOptions options_;
  std::mutex store_mu_;
  std::atomic<std::uint64_t> revision_{1};
  // A second connection to the store file, only to read PRAGMA data_version (which changes
  // when any other connection commits) without waiting for the store lock.
  std::mutex watch_mu_;
  std::optional<Database> watch_;
  std::int64_t data_version_ = -1;
  std::mutex tz_mu_;
  std::string settings_stamp_;  // the settings file's inode, size and time when last read
  std::optional<std::string> zone_;  // the zone applied ("" = system), once read
  std::mutex cache_mu_;
  struct Entry {
    std::uint64_t revision;
    std::string body;
    std::string content_type = "application/json";
  };
  std::unordered_map<std::string, Entry> cache_;
  AnalysisCache analysis_;
};

}  // namespace rk::server
