#include "server/state.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdlib>

#include "plan/settings.h"

namespace rk::server {

State::State(Store& store, const KnowledgeBase& kb, ServerOptions options)
    : store_(store), kb_(kb), options_(std::move(options)), analysis_(*this) {
  const auto& path = store_.db().path();
  store_path_ = path;
  if (!path.empty() && path != ":memory:") {
    if (auto w = Database::open(path)) watch_.emplace(std::move(*w));
  }
  // Before any request thread: the zone setting now, and TZ in the environment, so that a later
  // change replaces the variable rather than adding one (which could move the environment's
  // array under a thread reading it). Without TZ glibc reads /etc/localtime: the same zone.
  follow_time_zone();
  if (!std::getenv("TZ")) ::setenv("TZ", "/etc/localtime", 0);
}

namespace {

/// Identifies one version of the settings file ("" when there is none): a save writes a new
/// file and renames it over the old one, so the inode changes even within a clock tick.
std::string settings_stamp() {
  struct stat st {};
  if (::stat(plan::settings_path().c_str(), &st) != 0) return "";
  return fmt::format("{}:{}:{}.{}", st.st_ino, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

}  // namespace

void State::follow_time_zone() {
  const std::string stamp = settings_stamp();
  std::lock_guard lock(tz_mu_);
  if (zone_ && stamp == settings_stamp_) return;
  settings_stamp_ = stamp;
  auto settings = plan::load_settings();
  if (!settings) return;  // a broken file: the zone in use stays; the settings routes say why
  if (zone_ && *zone_ == settings->time_zone) return;
  if (!plan::apply_time_zone(*settings)) return;
  zone_ = settings->time_zone;
  bump_revision();
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
