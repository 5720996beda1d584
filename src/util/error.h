#pragma once
// Helpers for building rk::Error values with fmt-style messages.

#include <fmt/format.h>

#include "util/expected.h"

namespace rk {

template <class... Args>
Unexpected<Error> fail(fmt::format_string<Args...> format, Args&&... args) {
  return Unexpected<Error>(Error{fmt::format(format, std::forward<Args>(args)...)});
}

inline Unexpected<Error> fail(Error e) { return Unexpected<Error>(std::move(e)); }

/// A failure of a given kind: `return fail_as(ErrorKind::kNotFound, "no assessment {}", id);`.
template <class... Args>
Unexpected<Error> fail_as(ErrorKind kind, fmt::format_string<Args...> format, Args&&... args) {
  return Unexpected<Error>(Error{fmt::format(format, std::forward<Args>(args)...), kind, {}, {}});
}

/// Bad input in one field; `reason` does not name the field (the front end does).
template <class... Args>
Unexpected<Error> bad_input(std::string field, fmt::format_string<Args...> reason,
                            Args&&... args) {
  return Unexpected<Error>(Error{fmt::format(reason, std::forward<Args>(args)...),
                                 ErrorKind::kBadInput, std::move(field), {}});
}

/// `e` re-kinded: a front end that knows a failure came from its caller's input (a path the
/// user named) says so; the message and field stay.
inline Error as_kind(Error e, ErrorKind kind) {
  e.kind = kind;
  return e;
}

/// The whole message in the library's words: "pain_during: must be 0-10, got 11".
inline std::string describe(const Error& e) {
  if (e.field.empty()) return e.message;
  return std::string(e.field).append(": ").append(e.message);
}

/// Thrown only for broken invariants (a bug, not bad input); main() catches it once.
struct InvariantError : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace rk
