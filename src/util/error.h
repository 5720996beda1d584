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

/// Thrown only for broken invariants (a bug, not bad input); main() catches it once.
struct InvariantError : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace rk
