#include "store/database.h"

#include <cstdlib>

#include "util/error.h"

namespace rk {
namespace {

Unexpected<Error> sqlite_error(sqlite3* db, std::string_view what) {
  return fail("database: {}: {}", what, sqlite3_errmsg(db));
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
bool Statement::column_is_null(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

Expected<Database> Database::open(const std::filesystem::path& path) {
  if (path != ":memory:" && path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return fail("{}: cannot create folder: {}", path.parent_path().string(), ec.message());
  }
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Database db(raw, path);
  if (rc != SQLITE_OK)
    return fail("{}: cannot open database: {}", path.string(), sqlite3_errmsg(raw));
  sqlite3_busy_timeout(raw, 5000);
  // Reading the schema is the first thing that fails on a file that is not a SQLite database.
  if (auto r = db.exec("PRAGMA foreign_keys=ON; SELECT count(*) FROM sqlite_master;"); !r)
    return fail("{}: not a runknee database (or it is corrupt): {}", path.string(),
                sqlite3_errmsg(raw));
  if (path != ":memory:") {
    if (auto r = db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !r)
      return fail(r.error());
  }
  return db;
}

Expected<void> Database::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string owned(sql);
  if (sqlite3_exec(db_.get(), owned.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return fail("database: {}", text);
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
