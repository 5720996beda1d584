#pragma once
// A small stand-in for C++23 std::expected (g++ 12 offers it only with -std=c++23). It mirrors
// std::expected's names (has_value, value, error, operator*, operator->, Unexpected) so that
// moving to the standard type later is a search-and-replace.
//
// Policy (see CONTRIBUTING.md): expected failures return Expected<T>; exceptions are for broken
// invariants only and are caught once, at the top of main().

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace rk {

/// What kind of failure an Error is. Front ends map it to what they answer with, each in ONE
/// place: the CLI's exit code (cli/context.h `exit_code_for`), the server's HTTP status
/// (server/api.h `http_status`).
enum class ErrorKind {
  kFailed,        // something went wrong that is none of the below (a broken file, a bug's twin)
  kBadInput,      // the caller's input is invalid; `field` names it when it is one field
  kNotFound,      // the thing asked for does not exist
  kConflict,      // the request contradicts what is stored (a newer layout, a duplicate)
  kBusy,          // another process holds the store; trying again later can work
  kIo,            // reading or writing a file or the store failed (permissions, disk full)
  kCorruptStore,  // the store holds data that does not decode
};

/// An expected failure, phrased for a person: "run.fit: byte 1234: record message 20 truncated".
///
/// `message` reads on its own, except when `field` is set: then it is the reason without the
/// field's name ("must be 0-10, got 11"), and each front end names the field in its own words
/// (the CLI `--during`, the API `pain_during`); `describe()` in util/error.h uses the library's.
struct Error {
  Error() = default;
  Error(std::string m, ErrorKind k = ErrorKind::kFailed, std::string f = {},  // NOLINT implicit
        std::vector<Error> d = {})
      : message(std::move(m)), kind(k), field(std::move(f)), details(std::move(d)) {}

  std::string message;
  ErrorKind kind = ErrorKind::kFailed;
  std::string field;           // the input at fault (a JSON key: "pain_during"), "" when none
  std::vector<Error> details;  // one per input at fault, when a whole object was checked
};

template <class E>
class Unexpected {
 public:
  explicit Unexpected(E e) : error_(std::move(e)) {}
  E& error() & { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

/// Shorthand: `return fail("{}: bad header", name);` via fail() in util/error.h.
template <class T, class E = Error>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT implicit
  Expected(Unexpected<E> e) : state_(std::in_place_index<1>, std::move(e).error()) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  const E& error() const {
    assert(!has_value());
    return std::get<1>(state_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, E> state_;
};

template <class E>
class [[nodiscard]] Expected<void, E> {
 public:
  Expected() = default;
  Expected(Unexpected<E> e) : error_(std::move(e).error()), ok_(false) {}  // NOLINT implicit

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const E& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  E error_;
  bool ok_ = true;
};

}  // namespace rk
