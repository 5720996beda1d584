#pragma once
// The SQL engine boundary. Repositories (activity_repo.h, assessment_repo.h, ...) are written
// once against `Database` and `Statement`: prepare, bind, step, read columns, transactions,
// `INSERT ... RETURNING id`. Each engine (sqlite_engine.cc today) implements the two small
// interfaces in `engine::` below; nothing above this header names an engine's C API. SQL given
// to prepare/exec is the portable subset both engines speak (`?` placeholders, ON CONFLICT ...
// DO UPDATE, RETURNING); domain results are stored as JSON text so that the store, at the
// bottom layer, never depends on domain types.

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

/// The storage class of a column value in the current row.
enum class ColumnType { kInteger, kFloat, kText, kBlob, kNull };

enum class EngineKind { kSqlite, kPostgres };

namespace engine {

/// One prepared statement of one engine. Placeholders are numbered from 1, columns from 0.
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void bind_int(int index, std::int64_t value) = 0;
  virtual void bind_double(int index, double value) = 0;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_blob(int index, std::span<const std::uint8_t> blob) = 0;
  virtual void bind_null(int index) = 0;
  /// True while a row is available.
  virtual Expected<bool> step() = 0;
  /// Back to before the first step, keeping the bound values.
  virtual void rewind() = 0;
  /// Back to before the first step, forgetting the bound values.
  virtual void reset() = 0;
  virtual std::int64_t column_int(int col) const = 0;
  virtual double column_double(int col) const = 0;
  virtual std::string column_text(int col) const = 0;
  virtual std::span<const std::uint8_t> column_blob(int col) const = 0;
  virtual ColumnType column_type(int col) const = 0;
  virtual int column_count() const = 0;
  virtual std::string column_name(int col) const = 0;
};

/// One connection of one engine.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual EngineKind kind() const = 0;
  /// One or more statements without parameters or results.
  virtual Expected<void> exec(std::string_view sql) = 0;
  virtual Expected<std::unique_ptr<StatementImpl>> prepare(std::string_view sql) = 0;
  /// Starts a write transaction (SQLite: BEGIN IMMEDIATE, so the write lock is taken at once).
  virtual Expected<void> begin() = 0;
  /// What the store is called in messages (a file path; a URL with its password masked).
  virtual const std::string& name() const = 0;
  /// The tables of the store (engine catalogue), in creation order.
  virtual Expected<std::vector<std::string>> table_names() = 0;

  // Whole-store operations only the SQLite file engine has; other engines refuse them.
  virtual Expected<void> enable_wal();
  virtual Expected<void> backup_to(const std::filesystem::path& dest);
  virtual Expected<void> restore_from(Connection& source);
  virtual Expected<std::int64_t> data_version();
};

}  // namespace engine

class Statement {
 public:
  explicit Statement(std::unique_ptr<engine::StatementImpl> impl) : impl_(std::move(impl)) {}

  Statement& bind(int index, std::int64_t value) {
    impl_->bind_int(index, value);
    return *this;
  }
  Statement& bind(int index, double value) {
    impl_->bind_double(index, value);
    return *this;
  }
  Statement& bind(int index, std::string_view text) {
    impl_->bind_text(index, text);
    return *this;
  }
  Statement& bind_blob(int index, std::span<const std::uint8_t> blob) {
    impl_->bind_blob(index, blob);
    return *this;
  }
  Statement& bind_null(int index) {
    impl_->bind_null(index);
    return *this;
  }
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  /// True while a row is available; an error is an Error, not an exception.
  Expected<bool> step() { return impl_->step(); }
  /// Runs to completion (for INSERT/UPDATE/DELETE); the bound values stay for another run.
  Expected<void> run();
  /// Runs an `INSERT ... RETURNING id` and gives the new row's id (both engines speak
  /// RETURNING, so no engine-specific "last insert id" is needed).
  Expected<std::int64_t> run_returning_id();
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
  void reset() { impl_->reset(); }

  std::int64_t column_int(int col) const { return impl_->column_int(col); }
  double column_double(int col) const { return impl_->column_double(col); }
  std::string column_text(int col) const { return impl_->column_text(col); }
  std::span<const std::uint8_t> column_blob(int col) const { return impl_->column_blob(col); }
  bool column_is_null(int col) const { return impl_->column_type(col) == ColumnType::kNull; }
  int column_count() const { return impl_->column_count(); }
  std::string column_name(int col) const { return impl_->column_name(col); }
  ColumnType column_type(int col) const { return impl_->column_type(col); }

 private:
  std::unique_ptr<engine::StatementImpl> impl_;
};

class Database {
 public:
  explicit Database(std::unique_ptr<engine::Connection> c) : c_(std::move(c)) {}

  /// Opens (creating when absent) the SQLite file at `path`; ":memory:" for tests.
  /// A file that is not a SQLite database gives a clear Error, never a crash.
  /// Writes nothing: the journal mode is the store's to set (enable_wal), after it has checked
  /// that the file's layout is not newer than this build.
  static Expected<Database> open(const std::filesystem::path& path);

  EngineKind engine() const { return c_->kind(); }
  /// Write-ahead logging (readers never wait for the writer); kept in the file once set.
  Expected<void> enable_wal() { return c_->enable_wal(); }

  Expected<void> exec(std::string_view sql) { return c_->exec(sql); }
  Expected<Statement> prepare(std::string_view sql);
  /// A consistent copy of the whole database into `dest` (SQLite's online backup API: other
  /// connections may keep writing meanwhile). `dest` is replaced.
  Expected<void> backup_to(const std::filesystem::path& dest) { return c_->backup_to(dest); }
  /// Replaces this database's content with `source`'s, in one step (online backup API).
  Expected<void> restore_from(Database& source) { return c_->restore_from(*source.c_); }
  /// Changes whenever another connection (another process) commits (SQLite: data_version).
  Expected<std::int64_t> data_version() { return c_->data_version(); }
  /// The tables of the store, in creation order.
  Expected<std::vector<std::string>> table_names() { return c_->table_names(); }
  /// The store's name in messages: its file, or its URL with the password masked.
  const std::string& name() const { return c_->name(); }
  /// The SQLite file (empty for a server engine).
  std::filesystem::path path() const {
    return engine() == EngineKind::kSqlite ? std::filesystem::path(name())
                                           : std::filesystem::path();
  }

  /// BEGIN ... COMMIT; rolled back by the destructor unless commit() succeeded.
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
  std::unique_ptr<engine::Connection> c_;
};

/// Default store location: $XDG_DATA_HOME/runknee/runknee.db (~/.local/share/... when unset).
std::filesystem::path default_database_path();

}  // namespace rk
