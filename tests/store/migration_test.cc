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

#include "store/activity_repo.h"
#include "store/assessment_repo.h"
#include "store/diary_repo.h"
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
       {"id", "sport", "sub_sport", "start_utc", "local_offset_s", "elapsed_s", "moving_s",
        "distance_m", "ascent_m", "descent_m", "avg_heart_rate", "max_heart_rate",
        "avg_cadence_spm", "avg_step_length_m", "avg_vertical_oscillation_mm",
        "avg_stance_time_ms", "rpe", "notes", "source_name", "source_size", "source_sha256",
        "source_format", "source_device", "laps", "streams"}},
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
      row << st->column_name(c) << '=' << st->column_type(c) << ':';
      switch (st->column_type(c)) {
        case SQLITE_INTEGER:
          row << st->column_int(c);
          break;
        case SQLITE_FLOAT:
          row.precision(17);
          row << st->column_double(c);
          break;
        case SQLITE_BLOB:
          for (auto b : st->column_blob(c)) row << static_cast<int>(b) << ',';
          break;
        case SQLITE_TEXT:
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

std::int64_t user_version(Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  EXPECT_TRUE(st);
  EXPECT_TRUE(st->step());
  return st->column_int(0);
}

TEST(StoreMigration, MigrationsAreNumberedOneByOneUpToTheSchemaVersion) {
  const auto& all = migrations();
  ASSERT_EQ(static_cast<int>(all.size()), kSchemaVersion);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].to_version, static_cast<int>(i) + 1);
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
  ActivityQuery with_streams;
  with_streams.with_streams = true;
  auto acts = ActivityRepo(store->db()).list(with_streams);
  ASSERT_TRUE(acts) << acts.error().message;
  ASSERT_EQ(acts->size(), 2u);
  for (const auto& a : *acts) {
    EXPECT_FALSE(a.activity.source.sha256.empty());
    EXPECT_FALSE(a.activity.streams.time_s.empty()) << a.activity.source.name;
  }
  auto assessment = AssessmentRepo(store->db()).latest();
  ASSERT_TRUE(assessment);
  ASSERT_TRUE(assessment->has_value());
  EXPECT_NE((*assessment)->answers_json.find('{'), std::string::npos);
  auto diary = DiaryRepo(store->db()).find_by_date("2026-11-20");
  ASSERT_TRUE(diary);
  ASSERT_TRUE(diary->has_value());
  EXPECT_NE((*diary)->entry_json.find("layout-1 fixture"), std::string::npos);
  auto koos = KoosRepo(store->db()).list();
  ASSERT_TRUE(koos);
  EXPECT_EQ(koos->size(), 1u);
  auto plan = PlanRepo(store->db()).load_state();
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->has_value());
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
  EXPECT_EQ(file_bytes(path), bytes) << "a refused store must not be written to";
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
    EXPECT_EQ(file_bytes(path), bytes) << cmd;
  }
}

}  // namespace
}  // namespace rk
