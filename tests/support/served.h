#pragma once
// Runs a test's HttpServer on a free loopback port in a thread of its own, with a client that
// has waited until the server answers; stops and joins it when done.

#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "server/server.h"

namespace rk::testing {

class Served {
 public:
  Served() = default;
  Served(const Served&) = delete;
  Served& operator=(const Served&) = delete;
  ~Served() { stop(); }

  /// Binds and starts `server`; an empty string, or why it could not bind.
  std::string start(server::HttpServer& server) {
    auto port = server.bind();
    if (!port) return port.error().message;
    server_ = &server;
    port_ = *port;
    thread_ = std::thread([&server] { server.run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    for (int i = 0; i < 500 && !client_->Get("/api/v1/health"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return {};
  }
  void stop() {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    server_ = nullptr;
  }
  httplib::Client& client() { return *client_; }
  int port() const { return port_; }

 private:
  server::HttpServer* server_ = nullptr;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = 0;
};

}  // namespace rk::testing
