#pragma once
// A thin RAII layer over SQLite: open, prepared statements, transactions. Repositories
// (activity_repo.h, assessment_repo.h, ...) build on it; they store domain results as JSON text
// so that the store, at the bottom layer, never depends on domain types.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "util/expected.h"

namespace rk {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt, &sqlite3_finalize) {}

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::span<const std::uint8_t> blob);
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  /// True while a row is available; an error is an Error, not an exception.
  Expected<bool> step();
  /// Runs to completion (for INSERT/UPDATE/DELETE).
  Expected<void> run();
  /// Steps through every row, turning each into a value with `read_row(const Statement&)`.
  template <class ReadRow>
  auto collect(ReadRow read_row)
      -> Expected<std::vector<std::invoke_result_t<ReadRow, const Statement&>>> {
    std::vector<std::invoke_result_t<ReadRow, const Statement&>> out;
    for (;;) {
      auto row = step();
      if (!row) return Unexpected<Error>(row.error());
      if (!*row) return out;
      out.push_back(read_row(*this));
    }
  }
  void reset();

  std::int64_t column_int(int col) const;
  double column_double(int col) const;
  std::string column_text(int col) const;
  std::span<const std::uint8_t> column_blob(int col) const;
  bool column_is_null(int col) const;
  int column_count() const;
  std::string column_name(int col) const;
  /// SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
  int column_type(int col) const;

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_;
};

class Database {
 public:
  /// Opens (creating when absent) the SQLite file at `path`; ":memory:" for tests.
  /// A file that is not a SQLite database gives a clear Error, never a crash.
  /// Writes nothing: the journal mode is the store's to set (enable_wal), after it has checked
  /// that the file's layout is not newer than this build.
  static Expected<Database> open(const std::filesystem::path& path);
  /// Write-ahead logging (readers never wait for the writer); kept in the file once set.
  Expected<void> enable_wal();

  Expected<void> exec(std::string_view sql);
  Expected<Statement> prepare(std::string_view sql);
  std::int64_t last_insert_id() const;
  /// A consistent copy of the whole database into `dest` (SQLite's online backup API: other
  /// connections may keep writing meanwhile). `dest` is replaced.
  Expected<void> backup_to(const std::filesystem::path& dest);
  /// Replaces this database's content with `source`'s, in one step (online backup API).
  Expected<void> restore_from(Database& source);
  /// PRAGMA data_version: changes whenever another connection (another process) commits.
  Expected<std::int64_t> data_version();
  const std::filesystem::path& path() const { return path_; }

  /// BEGIN IMMEDIATE ... COMMIT; rolled back by the destructor unless commit() succeeded.
  class Transaction {
   public:
    explicit Transaction(Database& db) : db_(&db) {}
    Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    Expected<void> commit();

   private:
    Database* db_;
  };
  Expected<Transaction> begin();

 private:
  Database(sqlite3* db, std::filesystem::path path)
      : db_(db, &sqlite3_close), path_(std::move(path)) {}
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db_;
  std::filesystem::path path_;
};

/// Default store location: $XDG_DATA_HOME/runknee/runknee.db (~/.local/share/... when unset).
std::filesystem::path default_database_path();

}  // namespace rk
