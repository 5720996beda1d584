#include "server/state.h"

namespace rk::server {

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
