#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "server/routes.h"
#include "server/upload.h"
#include "server/web_assets.h"
#include "util/error.h"
#include "util/limits.h"

namespace rk::server {
namespace {

constexpr const char* kSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
// API replies are data, never a document: nothing in them may load or run.
constexpr const char* kApiSecurityPolicy =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_state_changing(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

/// Content types a browser may send cross-site without asking first (a "simple" request).
bool is_simple_content_type(const std::string& type) {
  const std::string t = lower(type.substr(0, type.find(';')));
  return t.empty() || t == "multipart/form-data" || t == "text/plain" ||
         t == "application/x-www-form-urlencoded";
}

ApiError make_error(int status, std::string code, std::string message, std::string field = "") {
  return ApiError{status, std::move(code), std::move(message), std::move(field), {}};
}

void write_error(httplib::Response& res, const ApiError& e) {
  res.status = e.status;
  res.set_content(error_body(e), "application/json");
}

void write_reply(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) {
    // A reply that is a document (the physio report) brings its own, still script-free, policy.
    if (k == "Content-Security-Policy") res.headers.erase(k);
    res.set_header(k, v);
  }
  res.set_content(r.body, r.content_type);
}

/// Reads the body of an ordinary (non-upload) request, up to `limit` bytes and `timeout_s`
/// seconds in all (a client trickling a byte at a time does not hold a worker for ever).
Checked<std::string> read_body(const httplib::ContentReader& reader, std::size_t limit,
                               int timeout_s) {
  std::string body;
  bool too_big = false, too_slow = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  reader([&](const char* data, std::size_t n) {
    if (body.size() + n > limit) {
      too_big = true;
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      too_slow = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  if (too_big) {
    return api_error(413, "payload_too_large",
                     fmt::format("the body is larger than {} bytes", limit));
  }
  if (too_slow) {
    return api_error(408, "request_timeout",
                     fmt::format("the body did not arrive within {} seconds", timeout_s));
  }
  return body;
}

/// One thread per open connection, up to a cap; connections past the cap wait their turn.
/// httplib's own pool has max(8, cores - 1) threads, so eight idle or trickling connections
/// stopped the server answering; a thread per connection costs an idle thread's stack.
class ConnectionThreads : public httplib::TaskQueue {
 public:
  explicit ConnectionThreads(std::size_t cap) : shared_(std::make_shared<Shared>()) {
    shared_->cap = cap;
  }

  void enqueue(std::function<void()> fn) override {
    std::lock_guard lock(shared_->mu);
    if (shared_->active >= shared_->cap) {
      shared_->pending.push_back(std::move(fn));
      return;
    }
    ++shared_->active;
    // The thread holds the shared state, so it may outlive this queue by a few instructions.
    std::thread([s = shared_, fn = std::move(fn)]() mutable { run(s, std::move(fn)); }).detach();
  }

  void shutdown() override {
    std::unique_lock lock(shared_->mu);
    shared_->done.wait(lock, [&] { return shared_->active == 0; });
  }

 private:
  struct Shared {
    std::mutex mu;
    std::condition_variable done;
    std::deque<std::function<void()>> pending;
    std::size_t active = 0, cap = 0;
  };

  static void run(std::shared_ptr<Shared> s, std::function<void()> fn) {
    for (;;) {
      fn();
      std::lock_guard lock(s->mu);
      if (s->pending.empty()) {
        --s->active;
        s->done.notify_all();
        return;
      }
      fn = std::move(s->pending.front());
      s->pending.pop_front();
    }
  }

  std::shared_ptr<Shared> shared_;
};

}  // namespace

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  // 127.0.0.0/8 as a dotted quad, nothing after it ("127.0.0.1.evil.example" is a name).
  if (host.rfind("127.", 0) != 0) return false;
  int parts = 1, digits = 0;
  for (std::size_t i = 4; i < host.size(); ++i) {
    if (host[i] == '.') {
      if (digits == 0) return false;
      ++parts;
      digits = 0;
    } else if (host[i] >= '0' && host[i] <= '9' && digits < 3) {
      ++digits;
    } else {
      return false;
    }
  }
  return parts == 3 && digits > 0;  // three more numbers after "127."
}

static std::vector<std::string> allowed_host_headers(const ServerOptions& o, int port) {
  std::vector<std::string> names = {"127.0.0.1", "localhost", "[::1]"};
  if (o.host != "127.0.0.1" && o.host != "localhost" && o.host != "::1") {
    names.push_back(o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host);
  }
  std::vector<std::string> out;
  for (const auto& h : o.allowed_hosts) {
    // A configured name with its own port is taken as is.
    const bool has_port = h.find(':') != std::string::npos && h.back() != ']';
    if (has_port) {
      out.push_back(lower(h));
    } else {
      names.push_back(lower(h));
    }
  }
  for (const auto& n : names) {
    out.push_back(fmt::format("{}:{}", n, port));
    if (port == 80) out.push_back(n);  // browsers leave out the default port
  }
  // Tools that leave out the port; no web page can make a browser send these names.
  for (const char* n : {"127.0.0.1", "localhost", "[::1]"}) out.push_back(n);
  return out;
}

struct HttpServer::Impl {
  Impl(Store& store, const KnowledgeBase& kb, ServerOptions opts)
      : state(store, kb, std::move(opts)) {}

  State state;
  Router router;
  httplib::Server http;
  int port = 0;
  // stop() may come before run() has started listening (a signal at start-up, a test's
  // tear-down); these make that race harmless.
  std::mutex run_mu;
  bool stop_requested = false;
  bool running = false;

  void dispatch(const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader* reader);
  void dispatch_api(const httplib::Request& req, httplib::Response& res,
                    const httplib::ContentReader* reader);
  void serve_static(const httplib::Request& req, httplib::Response& res);
  bool host_allowed(const httplib::Request& req) const;
  std::optional<ApiError> cross_site(const httplib::Request& req, bool upload) const;
  std::vector<std::string> allowed_hosts;  // exact Host values, set by bind()
};

bool HttpServer::Impl::host_allowed(const httplib::Request& req) const {
  if (state.options().allow_remote) return true;
  // No Host at all is an HTTP/1.0 tool, never a browser (which always sends one).
  if (!req.has_header("Host")) return true;
  const std::string host = lower(req.get_header_value("Host"));
  return std::find(allowed_hosts.begin(), allowed_hosts.end(), host) != allowed_hosts.end();
}

/// A state-changing request must come from our own pages (or from a tool that is not a
/// browser): a browser says where a request comes from in Sec-Fetch-Site and Origin.
std::optional<ApiError> HttpServer::Impl::cross_site(const httplib::Request& req,
                                                     bool upload) const {
  if (!is_state_changing(req.method)) return std::nullopt;
  const std::string site = lower(req.get_header_value("Sec-Fetch-Site"));
  const bool has_origin = req.has_header("Origin");
  bool same_origin = site == "same-origin";
  if (!site.empty() && site != "same-origin" && site != "none") {
    return make_error(403, "cross_site", "requests from other web sites are refused",
                      "Sec-Fetch-Site");
  }
  if (has_origin) {
    const std::string origin = lower(req.get_header_value("Origin"));
    bool ok = false;
    if (state.options().allow_remote) {
      ok = origin == "http://" + lower(req.get_header_value("Host"));
    } else {
      for (const auto& h : allowed_hosts) ok = ok || origin == "http://" + h;
    }
    if (!ok) {
      return make_error(403, "cross_site", "requests from other web sites are refused", "Origin");
    }
    same_origin = true;
  }
  // Uploads a browser sends cross-site without a preflight (a form, or no Content-Type) need
  // proof they come from our page. JSON routes insist on application/json themselves (415).
  if (upload && !same_origin && is_simple_content_type(req.get_header_value("Content-Type"))) {
    return make_error(403, "cross_site",
                      "send the body as application/json or application/octet-stream (a "
                      "form-style request must come from the web app itself)",
                      "Content-Type");
  }
  return std::nullopt;
}

void HttpServer::Impl::dispatch(const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader* reader) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
  res.set_header("Content-Security-Policy", kApiSecurityPolicy);
  if (!host_allowed(req)) {
    return write_error(
        res, make_error(403, "forbidden_host", "this server answers only to localhost", "Host"));
  }
  if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
    state.follow_time_zone();  // today and local days in the zone set now, without a restart
    return dispatch_api(req, res, reader);
  }
  serve_static(req, res);
}

void HttpServer::Impl::dispatch_api(const httplib::Request& req, httplib::Response& res,
                                    const httplib::ContentReader* reader) {
  res.set_header("Cache-Control", "no-store");
  const auto m = router.match(req.method, req.path);
  if (!m.handler) {
    if (m.allow.empty()) {
      return write_error(res, make_error(404, "not_found", "no such endpoint: " + req.path, ""));
    }
    res.set_header("Allow", m.allow);
    return write_error(res, make_error(405, "method_not_allowed",
                                       req.method + " is not allowed here; use " + m.allow, ""));
  }
  if (auto e = cross_site(req, m.streaming)) return write_error(res, *e);
  Call call{req, m.params, {}, nullptr};
  if (m.streaming) {
    call.reader = reader;
  } else if (reader) {
    auto body = read_body(*reader, state.options().max_json_bytes, state.options().read_timeout_s);
    if (!body) return write_error(res, body.error());
    call.body = std::move(*body);
  }
  auto result = (*m.handler)(call);
  if (!result) return write_error(res, result.error());
  write_reply(res, *result);
}

void HttpServer::Impl::serve_static(const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    return write_error(res, make_error(405, "method_not_allowed", "the web app is read-only", ""));
  }
  const StaticFile* f = find_static(req.path);
  // The app routes with #fragments, so any other extension-less path gets the app too.
  if (!f && req.path.find('.') == std::string::npos) f = find_static("/");
  if (!f) return write_error(res, make_error(404, "not_found", "no such file: " + req.path, ""));
  res.headers.erase("Content-Security-Policy");
  res.set_header("Content-Security-Policy", kSecurityPolicy);
  res.set_header("Cache-Control", "no-cache");
  // Set here, not left to cpp-httplib's default: HttpServer::handle (tests, the fuzz target)
  // answers without its routing, and every reply must carry a status.
  res.status = 200;
  res.set_content(f->bytes.data(), f->bytes.size(), std::string(f->content_type));
}

HttpServer::HttpServer(Store& store, const KnowledgeBase& kb, ServerOptions options)
    : impl_(std::make_unique<Impl>(store, kb, std::move(options))) {
  Impl& i = *impl_;
  add_meta_routes(i.router, i.state);
  add_assessment_routes(i.router, i.state);
  add_activity_routes(i.router, i.state);
  add_load_routes(i.router, i.state);
  add_plan_routes(i.router, i.state);
  i.allowed_hosts = allowed_host_headers(i.state.options(), i.state.options().port);
  remove_stale_uploads(i.state.options().upload_dir);

  auto plain = [&i](const httplib::Request& req, httplib::Response& res) {
    i.dispatch(req, res, nullptr);
  };
  auto with_body = [&i](const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader& reader) { i.dispatch(req, res, &reader); };
  i.http.Get(".*", plain);
  i.http.Options(".*", plain);
  i.http.Post(".*", with_body);
  i.http.Put(".*", with_body);
  i.http.Patch(".*", with_body);
  i.http.Delete(".*", with_body);
  // Small JSON replies would otherwise wait for the client's delayed ACK (Nagle): ~40 ms each.
  i.http.set_tcp_nodelay(true);
  // Slow or idle clients: each connection has a worker while it is open, so idle keep-alive
  // connections close quickly, reads time out, and there are enough workers that a handful
  // of trickling connections cannot take them all (docs/security.md).
  const auto& opts = i.state.options();
  i.http.set_read_timeout(opts.read_timeout_s, 0);
  i.http.set_write_timeout(opts.read_timeout_s, 0);
  i.http.set_keep_alive_timeout(static_cast<time_t>(limits::http_keep_alive_idle_s));
  i.http.set_keep_alive_max_count(static_cast<std::size_t>(opts.keep_alive_max));
  const auto workers = static_cast<std::size_t>(std::max(opts.max_connections, 4));
  i.http.new_task_queue = [workers] { return new ConnectionThreads(workers); };
  // Uploads check their own limit (with a clear 413); this is the hard stop behind it.
  i.http.set_payload_max_length(i.state.options().max_upload_bytes + (std::size_t{1} << 20));
  // Errors httplib raises itself (413 before a handler runs, 400 for a malformed request).
  i.http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const std::string code = res.status == 413 ? "payload_too_large" : "http_error";
        const std::string message = res.status == 413   ? "the request body is too large"
                                    : res.status == 400 ? "malformed HTTP request"
                                                        : fmt::format("HTTP error {}", res.status);
        write_error(res, make_error(res.status, code, message, ""));
        return httplib::Server::HandlerResponse::Handled;
      }));
  i.http.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                  std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    write_error(
        res, make_error(500, "internal", "internal error (a bug, please report it): " + what, ""));
  });
}

HttpServer::~HttpServer() {
  stop();
}

Expected<int> HttpServer::bind() {
  const auto& o = impl_->state.options();
  if (!o.allow_remote && !is_loopback_host(o.host)) {
    return fail("--host {}: not a loopback address; add --allow-remote to serve other machines",
                o.host);
  }
  if (o.port < 0 || o.port > 65535) return fail("--port {}: must be 0-65535", o.port);
  if (o.port == 0) {
    const int p = impl_->http.bind_to_any_port(o.host);
    if (p <= 0) return fail("{}: cannot bind any port", o.host);
    impl_->port = p;
  } else {
    if (!impl_->http.bind_to_port(o.host, o.port)) {
      return fail("{}:{}: cannot bind (is the port in use?)", o.host, o.port);
    }
    impl_->port = o.port;
  }
  impl_->allowed_hosts = allowed_host_headers(o, impl_->port);
  return impl_->port;
}

void HttpServer::run() {
  impl_->http.listen_after_bind();
}

void HttpServer::stop() {
  if (impl_) impl_->http.stop();
}

void HttpServer::handle(const httplib::Request& req, httplib::Response& res) {
  const std::string& body = req.body;
  httplib::ContentReader reader(
      [&body](httplib::ContentReceiver receive) {
        return body.empty() || receive(body.data(), body.size());
      },
      [](httplib::MultipartContentHeader, httplib::ContentReceiver) { return true; });
  const bool with_body = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
  impl_->dispatch(req, res, with_body ? &reader : nullptr);
}

std::string HttpServer::url() const {
  const std::string& h = impl_->state.options().host;
  const std::string host = h.find(':') != std::string::npos ? "[" + h + "]" : h;
  return fmt::format("http://{}:{}/", host, impl_->port);
}

}  // namespace rk::server
