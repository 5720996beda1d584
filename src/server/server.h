#pragma once
// `runknee serve`: the JSON API under /api/v1/ and the embedded single-page web app.
// Bound to loopback unless ServerOptions::allow_remote; requests whose Host header names
// another machine are refused (a guard against DNS rebinding).

#include <memory>
#include <string>

#include "knowledge/knowledge_base.h"
#include "server/state.h"
#include "store/store.h"
#include "util/expected.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace rk::server {

/// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

class HttpServer {
 public:
  HttpServer(Store& store, const KnowledgeBase& kb, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds the socket; returns the port (the chosen one when options.port is 0).
  Expected<int> bind();
  /// Serves until stop() is called (from another thread or a signal-handling thread).
  void run();
  void stop();
  std::string url() const;

  /// Answers one parsed request in-process, as if it had come over a connection (the HTTP
  /// fuzz target's entry; multipart bodies are not parsed here).
  void handle(const httplib::Request& req, httplib::Response& res);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rk::server
