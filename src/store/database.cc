#include "store/database.h"

#include <cstdlib>

#include "store/sqlite_engine.h"
#include "util/error.h"

namespace rk {
namespace engine {
namespace {

Unexpected<Error> not_on_this_engine(const Connection& c, std::string_view what) {
  return fail("{}: {} works on a SQLite store file only", c.name(), what);
}

}  // namespace

Expected<void> Connection::enable_wal() {
  return {};
}
Expected<void> Connection::backup_to(const std::filesystem::path&) {
  return not_on_this_engine(*this, "backup");
}
Expected<void> Connection::restore_from(Connection&) {
  return not_on_this_engine(*this, "restore");
}
Expected<std::int64_t> Connection::data_version() {
  return not_on_this_engine(*this, "data_version");
}

}  // namespace engine

Expected<void> Statement::run() {
  auto r = step();
  if (!r) return fail(r.error());
  impl_->rewind();
  return {};
}

Expected<std::int64_t> Statement::run_returning_id() {
  auto r = step();
  if (!r) return fail(r.error());
  if (!*r) return fail("database: an INSERT ... RETURNING id gave no row");
  const auto id = column_int(0);
  impl_->rewind();
  return id;
}

Expected<Database> Database::open(const std::filesystem::path& path) {
  auto c = engine::open_sqlite(path);
  if (!c) return fail(c.error());
  return Database(std::move(*c));
}

Expected<Statement> Database::prepare(std::string_view sql) {
  auto st = c_->prepare(sql);
  if (!st) return fail(st.error());
  return Statement(std::move(*st));
}

Expected<Database::Transaction> Database::begin() {
  if (auto r = c_->begin(); !r) return fail(r.error());
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
