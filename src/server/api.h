#pragma once
// The pieces every API handler shares: replies, JSON errors, the per-request call and input
// validation. Errors always read {"error": {"code", "message", "field"}}; validation of a whole
// object may add "errors": [one per field].

#include <httplib.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/expected.h"

namespace rk::server {

using Json = nlohmann::json;

struct ApiError {
  int status = 400;
  std::string code;               // stable, machine-readable: "invalid_json", "out_of_range", ...
  std::string message;            // for a person
  std::string field;              // the input at fault, "" when none
  std::vector<ApiError> details;  // one per field, for whole-object validation
};

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

using ApiResult = Expected<Reply, ApiError>;
template <class T>
using Checked = Expected<T, ApiError>;

Reply json_reply(const Json& body, int status = 200);
Unexpected<ApiError> api_error(int status, std::string code, std::string message,
                               std::string field = "");
/// The ONE mapping from an error's kind to an HTTP status: bad input 422, not found 404,
/// conflict 409, busy 503, everything else (I/O, a corrupt store) 500.
int http_status(ErrorKind kind);
/// A failure of the library as a reply: the status by its kind, `field` as the library names it
/// (the API's vocabulary is the JSON keys), prefixed with `field_prefix` ("answers." for the
/// answers inside a body); `details` become "errors", one per field.
Unexpected<ApiError> error_reply(const Error& e, const std::string& field_prefix = "");
/// The same, for a call site whose failure is the library's (I/O, a corrupt store).
Unexpected<ApiError> internal_error(const Error& e);
std::string error_body(const ApiError& e);

/// One request as a handler sees it.
struct Call {
  const httplib::Request& req;
  std::map<std::string, std::string> params;       // path parameters, e.g. {id}
  std::string body;                                // read for ordinary routes
  const httplib::ContentReader* reader = nullptr;  // set for streaming routes (uploads)

  std::optional<std::string> query(const std::string& name) const;
};

/// The body as a JSON object; 415 unless Content-Type is application/json, 400 when malformed.
Checked<Json> json_body(const Call& call);
/// Path parameter {name} as a positive integer id; 404 when it is not one.
Checked<std::int64_t> id_param(const Call& call, const std::string& name = "id");
/// Optional integer query parameter within [min, max]; 400 when malformed or out of range.
Checked<std::optional<std::int64_t>> int_query(const Call& call, const std::string& name,
                                               std::int64_t min, std::int64_t max);
/// Optional date query parameter ("YYYY-MM-DD" or ISO 8601) as UTC seconds.
Checked<std::optional<std::int64_t>> time_query(const Call& call, const std::string& name);

}  // namespace rk::server

namespace rk::server {

/// 503 for an endpoint whose library piece is not in this build yet.
Unexpected<ApiError> not_available(const std::string& what);

}  // namespace rk::server
