// Store layouts and migrations (issue 15 item 3): a store made by an older runknee (checked in
// under tests/data/store/, see its README) opens, migrates in one transaction and keeps every
// record; a store from a newer runknee is refused without a byte of it changing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "store/activity_name_repo.h"
#include "store/activity_repo.h"
#include "store/assessment_repo.h"
#include "store/diary_repo.h"
#include "store/exercise_repo.h"
#include "store/koos_repo.h"
#include "store/migrations.h"
#include "store/plan_repo.h"
#include "store/store.h"
#include "support/run_cli.h"

namespace rk {
namespace {

namespace fs = std::filesystem;
using rk::testing::run_cli;
using rk::testing::TempDir;

const fs::path kLayout1Store = fs::path(RUNKNEE_TESTDATA) / "store" / "layout1.db";

// The tables of layout 1 and, for each, the columns it had.
const std::map<std::string, std::vector<std::string>>& layout1_tables() {
  static const std::map<std::string, std::vector<std::string>> t = {
      {"activities",
       {"id",
        "sport",
        "sub_sport",
        "start_utc",
        "local_offset_s",
        "elapsed_s",
        "moving_s",
        "distance_m",
        "ascent_m",
        "descent_m",
        "avg_heart_rate",
        "max_heart_rate",
        "avg_cadence_spm",
        "avg_step_length_m",
        "avg_vertical_oscillation_mm",
        "avg_stance_time_ms",
        "rpe",
        "notes",
        "source_name",
        "source_size",
        "source_sha256",
        "source_format",
        "source_device",
        "laps",
        "streams"}},
      {"assessments", {"id", "created_utc", "urgency", "top_cause", "answers_json", "result_json"}},
      {"diary_entries", {"id", "date", "updated_utc", "entry_json"}},
      {"koos_results", {"id", "taken_utc", "answers_json", "scores_json"}},
      {"plan_state", {"id", "updated_utc", "state_json"}},
      {"plan_decisions", {"id", "date", "decided_utc", "decision_json"}},
  };
  return t;
}

/// Every value of the named columns, row by row in id order, typed and exact (blobs as bytes).
std::vector<std::string> rows_of(Database& db, const std::string& table,
                                 const std::vector<std::string>& columns) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
  sql += " FROM " + table + " ORDER BY id";
  auto st = db.prepare(sql);
  EXPECT_TRUE(st) << sql;
  if (!st) return {};
  std::vector<std::string> out;
  for (;;) {
    auto more = st->step();
    EXPECT_TRUE(more);
    if (!more || !*more) break;
    std::ostringstream row;
    for (int c = 0; c < st->column_count(); ++c) {
      row << st->column_name(c) << '=' << static_cast<int>(st->column_type(c)) << ':';
      switch (st->column_type(c)) {
        case ColumnType::kInteger:
          row << st->column_int(c);
          break;
        case ColumnType::kFloat:
          row.precision(17);
          row << st->column_double(c);
          break;
        case ColumnType::kBlob:
          for (auto b : st->column_blob(c)) row << static_cast<int>(b) << ',';
          break;
        case ColumnType::kText:
          row << st->column_text(c);
          break;
        default:
          row << "null";
      }
      row << '|';
    }
    out.push_back(row.str());
  }
  return out;
}

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t column_count(Database& db, const std::string& table) {
  auto st = db.prepare("SELECT count(*) FROM pragma_table_info(?)");
  EXPECT_TRUE(st);
  st->bind(1, std::string_view(table));
  EXPECT_TRUE(st->step());
  return static_cast<std::size_t>(st->column_int(0));
}

std::int64_t user_version(Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  EXPECT_TRUE(st);
  EXPECT_TRUE(st->step());
  return st->column_int(0);
}

TEST(StoreMigration, MigrationsAreNumberedOneByOneUpToTheSchemaVersion) {
  const auto& all = migrations();
  ASSERT_EQ(static_cast<int>(all.size()), kSchemaVersion);
  for (std::size_t i = 0; i < all.size(); ++i)
    EXPECT_EQ(all[i].to_version, static_cast<int>(i) + 1);
}

TEST(StoreMigration, CheckedInLayout1StoreOpensMigratesAndKeepsEveryRecord) {
  TempDir dir("rk_migrate_layout1_");
  const auto original = dir.path() / "original.db";
  const auto work = dir.path() / "runknee.db";
  fs::copy_file(kLayout1Store, original);
  fs::copy_file(kLayout1Store, work);

  std::map<std::string, std::vector<std::string>> before;
  {
    auto db = Database::open(original);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_EQ(user_version(*db), 1) << "the checked-in store is the layout-1 fixture";
    for (const auto& [table, columns] : layout1_tables())
      before[table] = rows_of(*db, table, columns);
  }
  // What the README says was put in: two activities, one assessment, one diary day, one KOOS.
  EXPECT_EQ(before["activities"].size(), 2u);
  EXPECT_EQ(before["assessments"].size(), 1u);
  EXPECT_EQ(before["diary_entries"].size(), 1u);
  EXPECT_EQ(before["koos_results"].size(), 1u);
  EXPECT_EQ(before["plan_state"].size(), 1u);
  EXPECT_EQ(before["plan_decisions"].size(), 1u);

  auto store = Store::open(work);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(user_version(store->db()), kSchemaVersion);
  for (const auto& [table, columns] : layout1_tables()) {
    EXPECT_EQ(rows_of(store->db(), table, columns), before[table]) << table;
  }

  // And the repositories read them back as the runner's data.
  const UserId me = store->local_user();
  ActivityQuery with_streams;
  with_streams.with_streams = true;
  auto acts = ActivityRepo(store->db()).list(me, with_streams);
  ASSERT_TRUE(acts) << acts.error().message;
  ASSERT_EQ(acts->size(), 2u);
  for (const auto& a : *acts) {
    EXPECT_FALSE(a.activity.source.sha256.empty());
    EXPECT_FALSE(a.activity.streams.time_s.empty()) << a.activity.source.name;
  }
  auto assessment = AssessmentRepo(store->db()).latest(me);
  ASSERT_TRUE(assessment);
  ASSERT_TRUE(assessment->has_value());
  EXPECT_NE((*assessment)->answers_json.find('{'), std::string::npos);
  auto diary = DiaryRepo(store->db()).find_by_date(me, "2026-11-20");
  ASSERT_TRUE(diary);
  ASSERT_TRUE(diary->has_value());
  EXPECT_NE((*diary)->entry_json.find("layout-1 fixture"), std::string::npos);
  auto koos = KoosRepo(store->db()).list(me);
  ASSERT_TRUE(koos);
  EXPECT_EQ(koos->size(), 1u);
  auto plan = PlanRepo(store->db()).load_state(me);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->has_value());
  EXPECT_EQ(PlanRepo(store->db()).list_decisions(me)->size(), 1u);

  // Layout 2 added activity names, layout 3 the exercise tables (none in a layout-1 store);
  // layout 4: every row the old store held now belongs to its one user, the local runner.
  EXPECT_TRUE(ActivityNameRepo(store->db()).all(me)->empty());
  auto users = store->db().prepare("SELECT count(*), min(id) FROM users");
  ASSERT_TRUE(users && users->step());
  EXPECT_EQ(users->column_int(0), 1);
  EXPECT_EQ(users->column_int(1), me.value);
  for (const auto& [table, columns] : layout1_tables()) {
    auto st = store->db().prepare("SELECT count(*) FROM " + table + " WHERE user_id = ?");
    ASSERT_TRUE(st);
    st->bind(1, me.value);
    ASSERT_TRUE(st->step());
    EXPECT_EQ(static_cast<std::size_t>(st->column_int(0)), before[table].size()) << table;
  }
}

// A migration that fails part way changes nothing: same layout number, same rows.
TEST(StoreMigration, FailedMigrationLeavesTheStoreAsItWas) {
  TempDir dir("rk_migrate_fail_");
  const auto path = dir.path() / "runknee.db";
  fs::copy_file(kLayout1Store, path);
  std::map<std::string, std::vector<std::string>> before;
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db);
    // Something in the way of layout 4 (which creates `users`), as a damaged file might have.
    ASSERT_TRUE(db->exec("CREATE TABLE users (x)"));
    for (const auto& [table, columns] : layout1_tables())
      before[table] = rows_of(*db, table, columns);
  }
  auto store = Store::open(path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("layout 4"), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find("not changed"), std::string::npos) << store.error().message;
  auto db = Database::open(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(user_version(*db), 1);
  for (const auto& [table, columns] : layout1_tables()) {
    EXPECT_EQ(rows_of(*db, table, columns), before[table]) << table;
  }
  EXPECT_EQ(column_count(*db, "activities"), layout1_tables().at("activities").size());
  EXPECT_EQ(column_count(*db, "activity_names"), 0u) << "layout 2 is undone with layout 4";
  EXPECT_EQ(column_count(*db, "exercise_log"), 0u) << "layout 3 is undone with layout 4";
  // Once the obstacle is gone, the same file migrates.
  ASSERT_TRUE(db->exec("DROP TABLE users"));
  EXPECT_TRUE(Store::open(path));
}

// `runknee restore` of a backup made by an older runknee brings it to this layout at once.
TEST(StoreMigration, RestoringALayout1BackupMigratesIt) {
  TempDir dir("rk_migrate_restore_");
  fs::copy_file(kLayout1Store, dir.path() / "old-backup.db");
  auto store = Store::open(dir.path() / "runknee.db");
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->restore(dir.path() / "old-backup.db"));
  EXPECT_EQ(user_version(store->db()), kSchemaVersion);
  auto acts = ActivityRepo(store->db()).list(store->local_user());
  ASSERT_TRUE(acts) << acts.error().message;
  EXPECT_EQ(acts->size(), 2u);
  EXPECT_EQ(DiaryRepo(store->db()).list(store->local_user())->size(), 1u);
}

// A layout-2 store (activity names, issue 14), made here from the layout-1 and layout-2
// migrations as they shipped: two renamed activities and one with its file's name.
// With layout 3, also a prescribed and a logged exercise.
void make_old_store(const fs::path& path, int layout) {
  auto db = Database::open(path);
  ASSERT_TRUE(db) << db.error().message;
  auto tx = db->begin();
  ASSERT_TRUE(tx);
  ASSERT_TRUE(migrate(*db, 0, layout));
  ASSERT_TRUE(db->exec("PRAGMA user_version = " + std::to_string(layout)));
  if (layout >= 3) {
    ASSERT_TRUE(db->exec(
        "INSERT INTO exercise_prescribed(date, exercise_id, sets, amount, unit) VALUES "
        "('2026-11-20', 'squat', 3, 12, 'reps');"
        "INSERT INTO exercise_log(date, exercise_id, sets, amount, pain, logged_utc) VALUES "
        "('2026-11-20', 'squat', 2, 12, NULL, 1700000000)"));
  }
  for (int id : {1, 2, 3}) {
    ASSERT_TRUE(
        db->exec("INSERT INTO activities(id, sport, start_utc, elapsed_s, moving_s, distance_m, "
                 "source_name, source_sha256) VALUES (" +
                 std::to_string(id) + ", 'running', " + std::to_string(1'700'000'000 + id * 86400) +
                 ", 1800, 1750, 5000, 'run" + std::to_string(id) + ".fit', '" +
                 std::string(63, 'a') + std::to_string(id) + "')"));
  }
  ASSERT_TRUE(
      db->exec("INSERT INTO activity_names(activity_id, name) VALUES "
               "(1, 'Hill repeats'), (3, 'Parkrun, wet')"));
  ASSERT_TRUE(tx->commit());
}

void make_layout2_store(const fs::path& path) {
  make_old_store(path, 2);
}

std::map<std::int64_t, std::string> names_in(Database& db) {
  auto st = db.prepare("SELECT activity_id, name FROM activity_names ORDER BY activity_id");
  EXPECT_TRUE(st);
  std::map<std::int64_t, std::string> out;
  while (st && *st->step()) out[st->column_int(0)] = st->column_text(1);
  return out;
}

// Layout 4 rebuilds `activities`; activity_names refers to it with ON DELETE CASCADE, so a
// careless rebuild deletes every name. They must all be there after the migration, owned by
// the runner, and the cascade must still work on the rebuilt tables.
TEST(StoreMigration, Layout2ActivityNamesSurviveTheOwnershipMigration) {
  TempDir dir("rk_migrate_layout2_");
  const auto path = dir.path() / "runknee.db";
  make_layout2_store(path);
  std::vector<std::string> activities_before;
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db);
    ASSERT_EQ(user_version(*db), 2);
    ASSERT_EQ(names_in(*db).size(), 2u);
    activities_before = rows_of(*db, "activities", layout1_tables().at("activities"));
  }
  auto store = Store::open(path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(user_version(store->db()), kSchemaVersion);
  const UserId me = store->local_user();
  ActivityNameRepo names(store->db());
  const std::map<std::int64_t, std::string> expected = {{1, "Hill repeats"}, {3, "Parkrun, wet"}};
  auto all = names.all(me);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(*all, expected);
  EXPECT_EQ(names_in(store->db()), expected);
  EXPECT_EQ(rows_of(store->db(), "activities", layout1_tables().at("activities")),
            activities_before);

  // Foreign keys are on again after the migration, and still point at the rebuilt tables.
  auto fk = store->db().prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk && *fk->step());
  EXPECT_EQ(fk->column_int(0), 1);
  EXPECT_FALSE(
      store->db().exec("INSERT INTO activity_names(activity_id, user_id, name) "
                       "VALUES (99, " +
                       std::to_string(me.value) + ", 'no activity')"));
  ASSERT_TRUE(store->db().exec("DELETE FROM activities WHERE id = 1"));
  EXPECT_EQ(names_in(store->db()), (std::map<std::int64_t, std::string>{{3, "Parkrun, wet"}}));

  // Renaming works on the migrated store, for its runner only.
  EXPECT_TRUE(*names.set(me, 2, "Easy"));
  EXPECT_FALSE(*names.set(UserId{me.value + 1}, 3, "Not mine"));
  EXPECT_EQ(**names.find(me, 3), "Parkrun, wet");
}

// The copy-aside in layout 4 alone keeps the names, even with foreign keys on throughout (as
// when a migration runs inside someone else's transaction).
TEST(StoreMigration, OwnershipMigrationKeepsNamesEvenWithForeignKeysOn) {
  TempDir dir("rk_migrate_layout2_fk_");
  const auto path = dir.path() / "runknee.db";
  make_layout2_store(path);
  auto db = Database::open(path);  // opens with PRAGMA foreign_keys=ON
  ASSERT_TRUE(db);
  {
    auto tx = db->begin();
    ASSERT_TRUE(tx);
    auto r = migrate(*db, 2, 4);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_TRUE(tx->commit());
  }
  EXPECT_EQ(names_in(*db),
            (std::map<std::int64_t, std::string>{{1, "Hill repeats"}, {3, "Parkrun, wet"}}));
  auto owners = db->prepare("SELECT count(*) FROM activity_names WHERE user_id = 1");
  ASSERT_TRUE(owners && *owners->step());
  EXPECT_EQ(owners->column_int(0), 2);
}

// A layout-3 store (the exercise programme, issue 12): its names and exercise rows are the
// runner's after the ownership migration.
TEST(StoreMigration, Layout3NamesAndExercisesBelongToTheRunnerAfterMigrating) {
  TempDir dir("rk_migrate_layout3_");
  const auto path = dir.path() / "runknee.db";
  make_old_store(path, 3);
  auto store = Store::open(path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(user_version(store->db()), kSchemaVersion);
  const UserId me = store->local_user();
  EXPECT_EQ(*ActivityNameRepo(store->db()).all(me),
            (std::map<std::int64_t, std::string>{{1, "Hill repeats"}, {3, "Parkrun, wet"}}));
  ExerciseRepo ex(store->db());
  auto prescribed = ex.prescribed(me, "2026-11-01", "2026-11-30");
  ASSERT_TRUE(prescribed) << prescribed.error().message;
  ASSERT_EQ(prescribed->size(), 1u);
  EXPECT_EQ(prescribed->front().exercise_id, "squat");
  EXPECT_EQ(prescribed->front().sets, 3);
  EXPECT_EQ(prescribed->front().amount, 12);
  EXPECT_EQ(prescribed->front().unit, "reps");
  auto logged = ex.logged(me, "2026-11-01", "2026-11-30");
  ASSERT_TRUE(logged);
  ASSERT_EQ(logged->size(), 1u);
  EXPECT_EQ(logged->front().sets, 2);
  EXPECT_EQ(logged->front().amount, 12);
  EXPECT_FALSE(logged->front().pain.has_value());
  EXPECT_EQ(logged->front().logged_utc, 1700000000);
  EXPECT_TRUE(ex.logged(UserId{me.value + 1}, "2026-11-01", "2026-11-30")->empty());
}

// The layout is the chain of migrations: a fresh store and a migrated old one are the same.
TEST(StoreMigration, FreshAndMigratedStoresHaveTheSameLayout) {
  TempDir dir("rk_migrate_same_");
  fs::copy_file(kLayout1Store, dir.path() / "old.db");
  auto migrated = Store::open(dir.path() / "old.db");
  auto fresh = Store::open(dir.path() / "fresh.db");
  ASSERT_TRUE(migrated && fresh);
  auto layout = [](Database& db) {
    auto st = db.prepare(
        "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    EXPECT_TRUE(st);
    return st->collect([](const Statement& s) { return s.column_text(0); });
  };
  auto a = layout(migrated->db());
  auto b = layout(fresh->db());
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(a->empty());
  EXPECT_EQ(*a, *b);
  // And from layout 2 (activity names).
  make_layout2_store(dir.path() / "layout2.db");
  auto from2 = Store::open(dir.path() / "layout2.db");
  ASSERT_TRUE(from2) << from2.error().message;
  auto c = layout(from2->db());
  ASSERT_TRUE(c);
  EXPECT_EQ(*c, *b);
  // And from layout 3 (the exercise programme).
  make_old_store(dir.path() / "layout3.db", 3);
  auto from3 = Store::open(dir.path() / "layout3.db");
  ASSERT_TRUE(from3) << from3.error().message;
  auto d = layout(from3->db());
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, *b);
}

TEST(StoreMigration, NewerStoreIsRefusedAndLeftUntouched) {
  TempDir dir("rk_migrate_newer_");
  const auto path = dir.path() / "newer.db";
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->db().exec("PRAGMA journal_mode=DELETE"));
    ASSERT_TRUE(store->db().exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)));
  }
  const auto bytes = file_bytes(path);
  ASSERT_FALSE(bytes.empty());
  auto store = Store::open(path);
  ASSERT_FALSE(store);
  const auto& m = store.error().message;
  EXPECT_NE(m.find(path.string()), std::string::npos) << m;
  EXPECT_NE(m.find("newer runknee"), std::string::npos) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  EXPECT_TRUE(file_bytes(path) == bytes) << "a refused store must not be written to";
  EXPECT_FALSE(fs::exists(dir.path() / "newer.db-wal"));
}

TEST(StoreMigrationCli, NewerStoreGivesOneLineAndExit1) {
  TempDir dir("rk_migrate_newer_cli_");
  const auto path = dir.path() / "newer.db";
  ASSERT_EQ(run_cli("--db " + path.string() + " log --date 2026-11-20 --during 2").code, 0);
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)));
  }
  const auto bytes = file_bytes(path);
  for (const char* cmd : {" diary", " log --date 2026-11-21 --during 3", " activities"}) {
    const auto r = run_cli("--db " + path.string() + cmd, rk::testing::Stderr::kMerge);
    EXPECT_EQ(r.code, 1) << cmd << ": " << r.out;
    EXPECT_NE(r.out.find("newer runknee"), std::string::npos) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    EXPECT_TRUE(file_bytes(path) == bytes) << cmd;
  }
}

}  // namespace
}  // namespace rk
