#include "store/store.h"

#include "store/migrations.h"
#include "util/error.h"

namespace rk {
namespace {

Expected<std::int64_t> pragma_int(Database& db, std::string_view sql) {
  auto st = db.prepare(sql);
  if (!st) return fail(st.error());
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return fail("database: {} gave no row", sql);
  return st->column_int(0);
}

Expected<std::int64_t> layout_of(Database& db) { return pragma_int(db, "PRAGMA user_version"); }

Expected<void> check_version(Database& db, const std::filesystem::path& path) {
  auto v = layout_of(db);
  if (!v) return fail(v.error());
  if (*v > kSchemaVersion) {
    return fail(
        "{}: made by a newer runknee (store layout {}, this build knows up to {}); update "
        "runknee; the store was not changed",
        path.string(), *v, kSchemaVersion);
  }
  return {};
}

/// Brings an older store to kSchemaVersion in one transaction: all steps or none. The layout is
/// read again inside the transaction, so two processes opening one old store migrate it once.
Expected<void> upgrade(Database& db, const std::filesystem::path& path) {
  auto tx = db.begin();
  if (!tx) return fail("{}: {}", path.string(), tx.error().message);
  auto v = layout_of(db);
  if (!v) return fail(v.error());
  if (*v > kSchemaVersion) return check_version(db, path);
  if (*v == kSchemaVersion) return {};
  if (auto r = migrate(db, static_cast<int>(*v), kSchemaVersion); !r) {
    return fail("{}: {}; the store was not changed", path.string(), r.error().message);
  }
  if (auto r = db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)); !r) {
    return fail("{}: {}", path.string(), r.error().message);
  }
  if (auto r = tx->commit(); !r) return fail("{}: {}", path.string(), r.error().message);
  return {};
}

}  // namespace

Expected<Store> Store::open(const std::filesystem::path& path) {
  auto db = Database::open(path);
  if (!db) return fail(db.error());
  // Refuse a newer layout before anything (even the journal mode) is written.
  if (auto ok = check_version(*db, path); !ok) return fail(ok.error());
  if (auto r = db->enable_wal(); !r) return fail(r.error());
  auto v = layout_of(*db);
  if (!v) return fail(v.error());
  if (*v < kSchemaVersion) {
    if (auto r = upgrade(*db, path); !r) return fail(r.error());
  }
  return Store(std::move(*db));
}

Expected<void> Store::backup(const std::filesystem::path& file) {
  auto tmp = file;
  tmp += ".partial";
  if (auto r = db_.backup_to(tmp); !r) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return r;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) return fail("{}: {}", file.string(), ec.message());
  return {};
}

Expected<void> Store::restore(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return fail("{}: no such file", file.string());
  auto src = Database::open(file);
  if (!src) return fail(src.error());
  auto check = src->prepare("PRAGMA integrity_check");
  if (!check) return fail(check.error());
  auto row = check->step();
  if (!row) return fail("{}: not a runknee backup: {}", file.string(), row.error().message);
  if (!*row || check->column_text(0) != "ok") {
    return fail("{}: damaged backup (integrity check: {})", file.string(),
                *row ? check->column_text(0) : "no answer");
  }
  if (auto ok = check_version(*src, file); !ok) return fail(ok.error());
  auto has = src->prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
      "('activities', 'diary_entries')");
  if (!has) return fail(has.error());
  auto r = has->step();
  if (!r) return fail(r.error());
  if (!*r || has->column_int(0) != 2) {
    return fail("{}: not a runknee backup (no activities or diary tables)", file.string());
  }
  return db_.restore_from(*src);
}

Expected<std::vector<std::string>> Store::tables() {
  auto st = db_.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "ORDER BY rowid");
  if (!st) return fail(st.error());
  return st->collect([](const Statement& s) { return s.column_text(0); });
}

Expected<void> Store::forget_all() {
  auto names = tables();
  if (!names) return fail(names.error());
  {
    auto tx = db_.begin();
    if (!tx) return fail(tx.error());
    if (auto r = db_.exec("PRAGMA defer_foreign_keys = ON"); !r) return r;
    for (const auto& t : *names) {
      if (auto r = db_.exec("DELETE FROM \"" + t + "\""); !r) return r;
    }
    if (auto c = tx->commit(); !c) return c;
  }
  return db_.exec("VACUUM");
}

}  // namespace rk
