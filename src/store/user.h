#pragma once
// Every row of the store belongs to one user (docs/store.md, "Every row has an owner"). A
// repository call says which user it acts for; no query reads or writes rows without
// `user_id = ?`. The single-user SQLite store has exactly one user, the local runner, created
// on first open (Store::local_user).

#include <cstdint>

namespace rk {

/// Made only from a user's id, never by default or from `{}`: a call that forgot its user does
/// not compile (ActivityRepo::list({}) would otherwise act for a user 0 that does not exist).
struct UserId {
  explicit constexpr UserId(std::int64_t id) : value(id) {}
  std::int64_t value;
  friend bool operator==(UserId, UserId) = default;
};

}  // namespace rk
