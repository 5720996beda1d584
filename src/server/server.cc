#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "server/routes.h"
#include "server/web_assets.h"
#include "util/error.h"

namespace rk::server {
namespace {

constexpr const char* kSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

ApiError make_error(int status, std::string code, std::string message, std::string field = "") {
  return ApiError{status, std::move(code), std::move(message), std::move(field), {}};
}

void write_error(httplib::Response& res, const ApiError& e) {
  res.status = e.status;
  res.set_content(error_body(e), "application/json");
}

void write_reply(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  res.set_content(r.body, r.content_type);
}

std::string host_without_port(const std::string& host_header) {
  if (!host_header.empty() && host_header.front() == '[') {
    const auto end = host_header.find(']');
    return end == std::string::npos ? host_header : host_header.substr(1, end - 1);
  }
  return host_header.substr(0, host_header.find(':'));
}

/// Reads the body of an ordinary (non-upload) request, up to `limit` bytes.
Checked<std::string> read_body(const httplib::ContentReader& reader, std::size_t limit) {
  std::string body;
  bool too_big = false;
  reader([&](const char* data, std::size_t n) {
    if (body.size() + n > limit) {
      too_big = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  if (too_big) {
    return api_error(413, "payload_too_large",
                     fmt::format("the body is larger than {} bytes", limit));
  }
  return body;
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
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
};

bool HttpServer::Impl::host_allowed(const httplib::Request& req) const {
  if (state.options().allow_remote) return true;
  const std::string host = req.get_header_value("Host");
  return host.empty() || is_loopback_host(host_without_port(host));
}

void HttpServer::Impl::dispatch(const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader* reader) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  if (!host_allowed(req)) {
    return write_error(
        res, make_error(403, "forbidden_host", "this server answers only to localhost", "Host"));
  }
  if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") return dispatch_api(req, res, reader);
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
  Call call{req, m.params, {}, nullptr};
  if (m.streaming) {
    call.reader = reader;
  } else if (reader) {
    auto body = read_body(*reader, state.options().max_json_bytes);
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
  res.set_header("Content-Security-Policy", kSecurityPolicy);
  res.set_header("Cache-Control", "no-cache");
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
  return impl_->port;
}

void HttpServer::run() {
  impl_->http.listen_after_bind();
}

void HttpServer::stop() {
  if (impl_) impl_->http.stop();
}

std::string HttpServer::url() const {
  const std::string& h = impl_->state.options().host;
  const std::string host = h.find(':') != std::string::npos ? "[" + h + "]" : h;
  return fmt::format("http://{}:{}/", host, impl_->port);
}

}  // namespace rk::server
