#include "server/state.h"

namespace rk::server {

State::State(Store& store, const KnowledgeBase& kb, ServerOptions options)
    : store_(store), kb_(kb), options_(std::move(options)), analysis_(*this) {
  const auto& path = store_.db().path();
  store_path_ = path;
  if (!path.empty() && path != ":memory:") {
    if (auto w = Database::open(path)) watch_.emplace(std::move(*w));
  }
}

std::uint64_t State::revision() {
  std::lock_guard lock(watch_mu_);
  if (watch_) {
    if (auto v = watch_->data_version(); v && *v != data_version_) {
      if (data_version_ != -1) ++revision_;
      data_version_ = *v;
    }
  }
  return revision_.load();
}

ApiResult State::cached(const std::string& key,
                        const std::function<Checked<Json>(Store&)>& compute) {
  return memoized(key, [&]() -> ApiResult {
    auto computed = with_store(compute);
    if (!computed) return Unexpected<ApiError>(computed.error());
    return json_reply(*computed);
  });
}

ApiResult State::memoized(const std::string& key, const std::function<ApiResult()>& compute) {
  const std::uint64_t rev = revision();
  {
    std::lock_guard lock(cache_mu_);
    const auto it = cache_.find(key);
    if (it != cache_.end() && it->second.revision == rev) {
      Reply r;
      r.body = it->second.body;
      r.content_type = it->second.content_type;
      return r;
    }
  }
  auto r = compute();
  if (r && r->status == 200 && r->headers.empty()) {
    std::lock_guard lock(cache_mu_);
    cache_[key] = Entry{rev, r->body, r->content_type};
  }
  return r;
}

}  // namespace rk::server
