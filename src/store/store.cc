#include "store/store.h"

#include "store/migrations.h"
#include "util/error.h"
#include "util/time.h"

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

Expected<std::int64_t> layout_of(Database& db) {
  return pragma_int(db, "PRAGMA user_version");
}

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

Expected<void> upgrade_in_transaction(Database& db, const std::filesystem::path& path);

/// Brings an older store to kSchemaVersion in one transaction: all steps or none. The layout is
/// read again inside the transaction, so two processes opening one old store migrate it once.
/// Foreign keys are off while tables are rebuilt (SQLite's documented procedure for schema
/// changes: a dropped parent table would otherwise cascade into its children) and checked
/// before the commit; they are on again afterwards, whatever happened.
Expected<void> upgrade(Database& db, const std::filesystem::path& path) {
  if (auto r = db.exec("PRAGMA foreign_keys=OFF"); !r) {
    return fail("{}: {}", path.string(), r.error().message);
  }
  auto done = upgrade_in_transaction(db, path);
  if (auto r = db.exec("PRAGMA foreign_keys=ON"); !r && done) {
    return fail("{}: {}", path.string(), r.error().message);
  }
  return done;
}

Expected<void> upgrade_in_transaction(Database& db, const std::filesystem::path& path) {
  auto tx = db.begin();
  if (!tx) return fail("{}: {}", path.string(), tx.error().message);
  auto v = layout_of(db);
  if (!v) return fail(v.error());
  if (*v > kSchemaVersion) return check_version(db, path);
  if (*v == kSchemaVersion) return {};
  if (auto r = migrate(db, static_cast<int>(*v), kSchemaVersion); !r) {
    return fail("{}: {}; the store was not changed", path.string(), r.error().message);
  }
  {
    auto check = db.prepare("PRAGMA foreign_key_check");
    if (!check) return fail("{}: {}", path.string(), check.error().message);
    auto row = check->step();
    if (!row) return fail("{}: {}", path.string(), row.error().message);
    if (*row) {
      return fail(
          "{}: upgrading the store left a row in {} without its parent in {}; the store "
          "was not changed",
          path.string(), check->column_text(0), check->column_text(2));
    }
  }
  if (auto r = db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)); !r) {
    return fail("{}: {}", path.string(), r.error().message);
  }
  if (auto r = tx->commit(); !r) return fail("{}: {}", path.string(), r.error().message);
  return {};
}

/// The single-user store's one user (layout 4 creates it; made again if someone removed it).
Expected<UserId> local_user_of(Database& db) {
  auto find = [&]() -> Expected<std::optional<UserId>> {
    auto st = db.prepare("SELECT id FROM users WHERE name = 'local'");
    if (!st) return fail(st.error());
    auto row = st->step();
    if (!row) return fail(row.error());
    if (!*row) return std::optional<UserId>();
    return std::optional<UserId>(UserId{st->column_int(0)});
  };
  auto found = find();
  if (!found) return fail(found.error());
  if (*found) return **found;
  auto add = db.prepare(
      "INSERT INTO users(name, created_utc) VALUES ('local', ?) ON CONFLICT(name) DO NOTHING");
  if (!add) return fail(add.error());
  add->bind(1, now_utc());
  if (auto r = add->run(); !r) return fail(r.error());
  found = find();
  if (!found) return fail(found.error());
  if (!*found) return fail("database: the local user could not be created");
  return **found;
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
  auto user = local_user_of(*db);
  if (!user) return fail("{}: {}", path.string(), user.error().message);
  return Store(std::move(*db), *user);
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
  if (auto ok = db_.restore_from(*src); !ok) return ok;
  // A backup from an older runknee is brought to this layout at once.
  if (auto ok = upgrade(db_, db_.path()); !ok) return ok;
  auto user = local_user_of(db_);
  if (!user) return fail(user.error());
  local_user_ = *user;
  return {};
}

Expected<std::vector<std::string>> Store::tables() {
  auto all = db_.table_names();
  if (!all) return fail(all.error());
  std::erase(*all, std::string("users"));
  return all;
}

Expected<void> Store::forget_all(UserId user) {
  auto names = tables();
  if (!names) return fail(names.error());
  {
    auto tx = db_.begin();
    if (!tx) return fail(tx.error());
    for (const auto& t : *names) {
      auto del = db_.prepare("DELETE FROM \"" + t + "\" WHERE user_id = ?");
      if (!del) return fail(del.error());
      del->bind(1, user.value);
      if (auto r = del->run(); !r) return r;
    }
    if (auto c = tx->commit(); !c) return c;
  }
  return db_.exec("VACUUM");
}

}  // namespace rk
