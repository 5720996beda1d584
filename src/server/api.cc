#include "server/api.h"

#include <charconv>

#include "util/json_limits.h"
#include "util/time.h"

namespace rk::server {
namespace {

Json error_json(const ApiError& e) {
  Json j = {{"code", e.code}, {"message", e.message}};
  j["field"] = e.field.empty() ? Json(nullptr) : Json(e.field);
  return j;
}

}  // namespace

Reply json_reply(const Json& body, int status) {
  Reply r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Unexpected<ApiError> api_error(int status, std::string code, std::string message,
                               std::string field) {
  return Unexpected<ApiError>(
      ApiError{status, std::move(code), std::move(message), std::move(field), {}});
}

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kBadInput:
      return 422;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kBusy:
      return 503;
    case ErrorKind::kFailed:
    case ErrorKind::kIo:
    case ErrorKind::kCorruptStore:
      break;
  }
  return 500;
}

namespace {

std::string code_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kBadInput:
      return "invalid_value";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kBusy:
      return "busy";
    case ErrorKind::kFailed:
    case ErrorKind::kIo:
    case ErrorKind::kCorruptStore:
      break;
  }
  return "internal";
}

ApiError api_error_of(const Error& e, const std::string& prefix) {
  const std::string field = e.field.empty() ? "" : prefix + e.field;
  ApiError out{http_status(e.kind), code_of(e.kind),
               field.empty() ? e.message : field + ": " + e.message, field, {}};
  for (const auto& d : e.details) out.details.push_back(api_error_of(d, prefix));
  if (out.field.empty() && !out.details.empty()) {  // the first problem speaks for the whole
    out.field = out.details.front().field;
    out.message = out.details.front().message;
  }
  return out;
}

}  // namespace

Unexpected<ApiError> error_reply(const Error& e, const std::string& field_prefix) {
  return Unexpected<ApiError>(api_error_of(e, field_prefix));
}

Unexpected<ApiError> internal_error(const Error& e) { return error_reply(e); }

std::string error_body(const ApiError& e) {
  Json j = {{"error", error_json(e)}};
  if (!e.details.empty()) {
    Json all = Json::array();
    for (const auto& d : e.details) all.push_back(error_json(d));
    j["errors"] = std::move(all);
  }
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<std::string> Call::query(const std::string& name) const {
  if (!req.has_param(name)) return std::nullopt;
  return req.get_param_value(name);
}

Checked<Json> json_body(const Call& call) {
  const std::string type = call.req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    return api_error(415, "unsupported_media_type", "send the body as application/json",
                     "Content-Type");
  }
  auto parsed = parse_json_limited(call.body, "the body");
  if (!parsed) {
    const auto& p = parsed.error();
    return api_error(p.syntax ? 400 : 422, p.syntax ? "invalid_json" : "json_limit", p.message);
  }
  Json j = std::move(*parsed);
  if (!j.is_object()) return api_error(400, "invalid_json", "the body must be a JSON object");
  return j;
}

Checked<std::int64_t> id_param(const Call& call, const std::string& name) {
  const auto it = call.params.find(name);
  const std::string text = it == call.params.end() ? "" : it->second;
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return api_error(404, "not_found", "no such " + name + ": '" + text + "'", name);
  }
  return id;
}

Checked<std::optional<std::int64_t>> int_query(const Call& call, const std::string& name,
                                               std::int64_t min, std::int64_t max) {
  const auto text = call.query(name);
  if (!text) return std::optional<std::int64_t>();
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return api_error(400, "invalid_parameter", name + " must be an integer", name);
  }
  if (v < min || v > max) {
    return api_error(
        400, "out_of_range",
        name + " must be between " + std::to_string(min) + " and " + std::to_string(max), name);
  }
  return std::optional<std::int64_t>(v);
}

Checked<std::optional<std::int64_t>> time_query(const Call& call, const std::string& name) {
  const auto text = call.query(name);
  if (!text) return std::optional<std::int64_t>();
  const auto t = parse_iso8601(*text);
  if (!t) {
    return api_error(400, "invalid_parameter", name + " must be a date like 2026-11-25", name);
  }
  return std::optional<std::int64_t>(*t);
}

}  // namespace rk::server

namespace rk::server {

Unexpected<ApiError> not_available(const std::string& what) {
  return api_error(503, "not_available", what + " is not available in this build");
}

}  // namespace rk::server
