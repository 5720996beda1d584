#pragma once
// What the handlers share: the store (one SQLite connection, used under a mutex), the store
// revision (bumped by every write through the API) and a cache of computed replies keyed by
// revision, so that read endpoints over a ten-year history answer from memory.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "knowledge/knowledge_base.h"
#include "server/analysis_cache.h"
#include "server/api.h"
#include "store/store.h"

namespace rk::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  bool allow_remote = false;
  std::size_t max_upload_bytes = std::size_t{512} << 20;
  std::size_t max_json_bytes = std::size_t{1} << 20;
  std::filesystem::path upload_dir;  // server-named temporary files for uploads
};

class State {
 public:
  State(Store& store, const KnowledgeBase& kb, ServerOptions options)
      : store_(store), kb_(kb), options_(std::move(options)), analysis_(*this) {}

  const ServerOptions& options() const { return options_; }
  const KnowledgeBase& kb() const { return kb_; }
  AnalysisCache& analysis() { return analysis_; }

  /// Runs f(Store&) with the store to itself.
  template <class F>
  auto with_store(F&& f) {
    std::lock_guard lock(store_mu_);
    return f(store_);
  }

  std::uint64_t revision() const { return revision_.load(); }
  /// Call after any write: cached replies computed before it are dropped.
  void bump_revision() { ++revision_; }

  /// The reply for `key` at the current revision, computing it (under the store lock) once.
  ApiResult cached(const std::string& key, const std::function<Checked<Json>(Store&)>& compute);
  /// The same for replies computed without the store (from the analysis cache, say); any
  /// content type. Failures are not remembered.
  ApiResult memoized(const std::string& key, const std::function<ApiResult()>& compute);

 private:
  Store& store_;
  const KnowledgeBase& kb_;
  ServerOptions options_;
  std::mutex store_mu_;
  std::atomic<std::uint64_t> revision_{1};
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
