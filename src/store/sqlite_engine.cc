#include "store/sqlite_engine.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>

#include "util/error.h"

namespace rk::engine {
namespace {

constexpr int kDefaultBusyTimeoutMs = 30000;

/// How long a write waits for another process's lock; RUNKNEE_BUSY_TIMEOUT_MS overrides (tests).
int busy_timeout_ms() {
  static const int ms = [] {
    const char* env = std::getenv("RUNKNEE_BUSY_TIMEOUT_MS");
    const int v = env ? std::atoi(env) : 0;
    return v > 0 ? v : kDefaultBusyTimeoutMs;
  }();
  return ms;
}

/// SQLITE_BUSY after the busy timeout: say who holds the store, not just "database is locked".
std::string explain(sqlite3* db, std::string message) {
  const int code = sqlite3_errcode(db) & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    message += fmt::format(
        " (another runknee, e.g. an import or `runknee serve`, held the store for more than {} "
        "ms; nothing was changed, try again when it is done)",
        busy_timeout_ms());
  }
  if (code == SQLITE_FULL) {
    message += " (the disk holding the store is full, or the store reached its size limit)";
  }
  return message;
}

/// The kind of a SQLite failure, for the front ends' exit code and HTTP status.
ErrorKind kind_of(sqlite3* db) {
  switch (sqlite3_errcode(db) & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::kBusy;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorKind::kCorruptStore;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_FULL:
      return ErrorKind::kIo;
    default:
      return ErrorKind::kFailed;
  }
}

Unexpected<Error> sqlite_error(sqlite3* db, std::string_view what) {
  return fail(Error{
      fmt::format("database: {}: {}", what, explain(db, sqlite3_errmsg(db))), kind_of(db), {}, {}});
}

/// Why a store that exists cannot be used: a folder or file we may not write is not a
/// corrupt store (issue 13: the old message invited deleting a healthy store).
std::string open_failure(const std::filesystem::path& path, sqlite3* db) {
  const int code = sqlite3_errcode(db) & 0xff;
  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
    return fmt::format("{}: not a runknee database (or it is corrupt): {}", path.string(),
                       sqlite3_errmsg(db));
  }
  const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (::access(folder.c_str(), W_OK) != 0) {
    return fmt::format(
        "{}: cannot use the store: the folder {} is not writable (SQLite keeps its -wal and "
        "-shm files beside the store): {}",
        path.string(), folder.string(), sqlite3_errmsg(db));
  }
  if (::access(path.c_str(), R_OK | W_OK) != 0) {
    return fmt::format("{}: cannot use the store: the file is not readable and writable: {}",
                       path.string(), sqlite3_errmsg(db));
  }
  return fmt::format("{}: cannot use the store: {}", path.string(),
                     explain(db, sqlite3_errmsg(db)));
}

Expected<void> copy_database(sqlite3* from, sqlite3* to, std::string_view what) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return fail("{}: {}", what, sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  // Pages in steps, waiting out a writer's lock instead of failing at once.
  for (int tries = 0; tries < 200; ++tries) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return fail("{}: {}", what, sqlite3_errstr(rc));
  return {};
}

ColumnType column_type_of(int sqlite_type) {
  switch (sqlite_type) {
    case SQLITE_INTEGER:
      return ColumnType::kInteger;
    case SQLITE_FLOAT:
      return ColumnType::kFloat;
    case SQLITE_TEXT:
      return ColumnType::kText;
    case SQLITE_BLOB:
      return ColumnType::kBlob;
    default:
      return ColumnType::kNull;
  }
}

class SqliteStatement final : public StatementImpl {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt, &sqlite3_finalize) {}

  void bind_int(int index, std::int64_t value) override {
    sqlite3_bind_int64(stmt_.get(), index, value);
  }
  void bind_double(int index, double value) override {
    sqlite3_bind_double(stmt_.get(), index, value);
  }
  void bind_text(int index, std::string_view text) override {
    sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
  void bind_blob(int index, std::span<const std::uint8_t> blob) override {
    sqlite3_bind_blob(stmt_.get(), index, blob.data(), static_cast<int>(blob.size()),
                      SQLITE_TRANSIENT);
  }
  void bind_null(int index) override { sqlite3_bind_null(stmt_.get(), index); }

  Expected<bool> step() override {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(db_, "step");
  }
  void rewind() override { sqlite3_reset(stmt_.get()); }
  void reset() override {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
  }

  std::int64_t column_int(int col) const override { return sqlite3_column_int64(stmt_.get(), col); }
  double column_double(int col) const override { return sqlite3_column_double(stmt_.get(), col); }
  std::string column_text(int col) const override {
    const auto* p = sqlite3_column_text(stmt_.get(), col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)))
             : std::string();
  }
  std::span<const std::uint8_t> column_blob(int col) const override {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_.get(), col));
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col))};
  }
  ColumnType column_type(int col) const override {
    return column_type_of(sqlite3_column_type(stmt_.get(), col));
  }
  int column_count() const override { return sqlite3_column_count(stmt_.get()); }
  std::string column_name(int col) const override {
    const char* n = sqlite3_column_name(stmt_.get(), col);
    return n ? n : "";
  }

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::filesystem::path path)
      : db_(db, &sqlite3_close), path_(std::move(path)), name_(path_.string()) {}

  sqlite3* handle() const { return db_.get(); }
  const std::filesystem::path& path() const { return path_; }

  EngineKind kind() const override { return EngineKind::kSqlite; }
  const std::string& name() const override { return name_; }

  Expected<void> exec(std::string_view sql) override {
    char* message = nullptr;
    const std::string owned(sql);
    if (sqlite3_exec(db_.get(), owned.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      return fail(Error{fmt::format("database: {}", explain(db_.get(), std::move(text))),
                        kind_of(db_.get()),
                        {},
                        {}});
    }
    return {};
  }

  Expected<std::unique_ptr<StatementImpl>> prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK)
      return sqlite_error(db_.get(), "prepare");
    return std::unique_ptr<StatementImpl>(std::make_unique<SqliteStatement>(db_.get(), stmt));
  }

  Expected<void> begin() override { return exec("BEGIN IMMEDIATE"); }

  Expected<std::vector<std::string>> table_names() override {
    auto st = prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid");
    if (!st) return fail(st.error());
    std::vector<std::string> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return fail(row.error());
      if (!*row) return out;
      out.push_back((*st)->column_text(0));
    }
  }

  Expected<void> enable_wal() override {
    if (path_ == ":memory:") return {};
    if (auto r = exec("PRAGMA journal_mode=WAL;"); !r) {
      return fail(Error{open_failure(path_, db_.get()), r.error().kind, {}, {}});
    }
    return {};
  }

  Expected<void> backup_to(const std::filesystem::path& dest) override {
    std::error_code ec;
    std::filesystem::remove(dest, ec);
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(dest.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> out(raw, &sqlite3_close);
    if (rc != SQLITE_OK) return fail("{}: cannot create: {}", dest.string(), sqlite3_errmsg(raw));
    return copy_database(db_.get(), out.get(), std::string("backup to ") + dest.string());
  }

  Expected<void> restore_from(Connection& source) override {
    auto* src = dynamic_cast<SqliteConnection*>(&source);
    if (!src) return fail("{}: restore needs a SQLite backup file", name_);
    return copy_database(src->handle(), db_.get(),
                         std::string("restore from ") + src->path().string());
  }

  Expected<std::int64_t> data_version() override {
    auto st = prepare("PRAGMA data_version");
    if (!st) return fail(st.error());
    auto row = (*st)->step();
    if (!row) return fail(row.error());
    if (!*row) return fail("database: PRAGMA data_version gave no row");
    return (*st)->column_int(0);
  }

 private:
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db_;
  std::filesystem::path path_;
  std::string name_;
};

}  // namespace

Expected<std::unique_ptr<Connection>> open_sqlite(const std::filesystem::path& path) {
  if (path != ":memory:" && path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      return fail_as(ErrorKind::kIo, "{}: cannot create folder: {}", path.parent_path().string(),
                     ec.message());
    }
  }
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  auto db = std::make_unique<SqliteConnection>(raw, path);
  if (rc != SQLITE_OK) {
    return fail(
        Error{fmt::format("{}: cannot open database: {}", path.string(), sqlite3_errmsg(raw)),
              kind_of(raw),
              {},
              {}});
  }
  sqlite3_busy_timeout(raw, busy_timeout_ms());
  // Reading the schema is the first thing that fails on a file that is not a SQLite database.
  if (auto r = db->exec("PRAGMA foreign_keys=ON; SELECT count(*) FROM sqlite_master;"); !r)
    return fail(Error{open_failure(path, raw), r.error().kind, {}, {}});
  if (path != ":memory:") {
    if (auto r = db->exec("PRAGMA synchronous=NORMAL;"); !r)
      return fail(Error{open_failure(path, raw), r.error().kind, {}, {}});
  }
  return std::unique_ptr<Connection>(std::move(db));
}

}  // namespace rk::engine
