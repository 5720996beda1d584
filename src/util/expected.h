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

namespace rk {

/// An expected failure, phrased for a person: "run.fit: byte 1234: record message 20 truncated".
struct Error {
  std::string message;
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
class Expected {
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
class Expected<void, E> {
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
