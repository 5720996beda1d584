#include "store/database.h"

#include <unistd.h>

#include <cstdlib>

#include "util/error.h"

namespace rk {
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
  return fail(Error{fmt::format("database: {}: {}", what, explain(db, sqlite3_errmsg(db))),
                    kind_of(db), {}, {}});
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

}  // namespace

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_.get(), index, value);
  return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_blob(int index, std::span<const std::uint8_t> blob) {
  sqlite3_bind_blob(stmt_.get(), index, blob.data(), static_cast<int>(blob.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_.get(), index);
  return *this;
}

Expected<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db_, "step");
}

Expected<void> Statement::run() {
  auto r = step();
  if (!r) return fail(r.error());
  sqlite3_reset(stmt_.get());
  return {};
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::int64_t Statement::column_int(int col) const {
  return sqlite3_column_int64(stmt_.get(), col);
}
double Statement::column_double(int col) const {
  return sqlite3_column_double(stmt_.get(), col);
}
std::string Statement::column_text(int col) const {
  const auto* p = sqlite3_column_text(stmt_.get(), col);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)))
           : std::string();
}
std::span<const std::uint8_t> Statement::column_blob(int col) const {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_.get(), col));
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col))};
}
int Statement::column_count() const {
  return sqlite3_column_count(stmt_.get());
}
std::string Statement::column_name(int col) const {
  const char* n = sqlite3_column_name(stmt_.get(), col);
  return n ? n : "";
}
int Statement::column_type(int col) const {
  return sqlite3_column_type(stmt_.get(), col);
}
bool Statement::column_is_null(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

Expected<Database> Database::open(const std::filesystem::path& path) {
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
  Database db(raw, path);
  if (rc != SQLITE_OK) {
    return fail(Error{fmt::format("{}: cannot open database: {}", path.string(), sqlite3_errmsg(raw)),
                      kind_of(raw), {}, {}});
  }
  sqlite3_busy_timeout(raw, busy_timeout_ms());
  // Reading the schema is the first thing that fails on a file that is not a SQLite database.
  if (auto r = db.exec("PRAGMA foreign_keys=ON; SELECT count(*) FROM sqlite_master;"); !r)
    return fail(Error{open_failure(path, raw), r.error().kind, {}, {}});
  if (path != ":memory:") {
    if (auto r = db.exec("PRAGMA synchronous=NORMAL;"); !r)
      return fail(Error{open_failure(path, raw), r.error().kind, {}, {}});
  }
  return db;
}

Expected<void> Database::enable_wal() {
  if (path_ == ":memory:") return {};
  if (auto r = exec("PRAGMA journal_mode=WAL;"); !r) {
    return fail(Error{open_failure(path_, db_.get()), r.error().kind, {}, {}});
  }
  return {};
}

Expected<void> Database::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string owned(sql);
  if (sqlite3_exec(db_.get(), owned.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return fail(Error{fmt::format("database: {}", explain(db_.get(), std::move(text))),
                      kind_of(db_.get()), {}, {}});
  }
  return {};
}

Expected<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK)
    return sqlite_error(db_.get(), "prepare");
  return Statement(db_.get(), stmt);
}

std::int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_.get());
}

namespace {

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

}  // namespace

Expected<void> Database::backup_to(const std::filesystem::path& dest) {
  std::error_code ec;
  std::filesystem::remove(dest, ec);
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(dest.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> out(raw, &sqlite3_close);
  if (rc != SQLITE_OK) return fail("{}: cannot create: {}", dest.string(), sqlite3_errmsg(raw));
  return copy_database(db_.get(), out.get(), "backup to " + dest.string());
}

Expected<void> Database::restore_from(Database& source) {
  return copy_database(source.db_.get(), db_.get(), "restore from " + source.path().string());
}

Expected<std::int64_t> Database::data_version() {
  auto st = prepare("PRAGMA data_version");
  if (!st) return fail(st.error());
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return fail("database: PRAGMA data_version gave no row");
  return st->column_int(0);
}

Expected<Database::Transaction> Database::begin() {
  if (auto r = exec("BEGIN IMMEDIATE"); !r) return fail(r.error());
  return Transaction(*this);
}

Expected<void> Database::Transaction::commit() {
  if (!db_) return fail("transaction already finished");
  auto r = db_->exec("COMMIT");
  db_ = nullptr;
  return r;
}

Database::Transaction::~Transaction() {
  if (db_) (void)db_->exec("ROLLBACK");
}

std::filesystem::path default_database_path() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "runknee" / "runknee.db";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".local" / "share" / "runknee" / "runknee.db";
  return "runknee.db";
}

}  // namespace rk
