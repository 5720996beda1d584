#pragma once
// A small method + path router for /api/v1. httplib's own routing cannot tell "no such path"
// (404) from "no such method on this path" (405), so every API request comes through here.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api.h"

namespace rk::server {

class Router {
 public:
  using Handler = std::function<ApiResult(Call&)>;

  /// `pattern` is split on '/'; a segment "{name}" matches any one segment and is captured.
  /// A streaming route gets the ContentReader instead of a buffered body (uploads).
  void add(std::string method, std::string pattern, Handler handler, bool streaming = false);

  struct Match {
    const Handler* handler = nullptr;  // null: see allow
    bool streaming = false;
    std::map<std::string, std::string> params;
    std::string allow;  // methods the path accepts, when it matched with another method
  };
  Match match(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
    bool streaming;
  };
  std::vector<Route> routes_;
};

}  // namespace rk::server
