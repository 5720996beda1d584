// Every row has an owner (issue 15 item 2): every table carries user_id, the single-user store
// has exactly one user, repositories see only the rows of the user they act for, and no SQL in
// src/store reads or writes a user's table without `user_id = ?`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "store/activity_name_repo.h"
#include "store/activity_repo.h"
#include "store/assessment_repo.h"
#include "store/diary_repo.h"
#include "store/exercise_repo.h"
#include "store/koos_repo.h"
#include "store/plan_repo.h"
#include "store/store.h"
#include "support/run_cli.h"

namespace rk {
namespace {

namespace fs = std::filesystem;

std::int64_t count(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  EXPECT_TRUE(st) << sql;
  EXPECT_TRUE(st->step());
  return st->column_int(0);
}

TEST(StoreOwnership, EveryTableHasAnOwnerColumnThatMustNameAUser) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store) << store.error().message;
  auto tables = store->tables();
  ASSERT_TRUE(tables);
  EXPECT_GE(tables->size(), 6u);
  for (const auto& t : *tables) {
    SCOPED_TRACE(t);
    auto st =
        store->db().prepare("SELECT \"notnull\" FROM pragma_table_info(?) WHERE name = 'user_id'");
    ASSERT_TRUE(st);
    st->bind(1, std::string_view(t));
    auto row = st->step();
    ASSERT_TRUE(row);
    ASSERT_TRUE(*row) << t << " has no user_id column";
    EXPECT_EQ(st->column_int(0), 1) << t << ".user_id may be NULL";
    auto fk = store->db().prepare(
        "SELECT count(*) FROM pragma_foreign_key_list(?) WHERE \"from\" = 'user_id' AND "
        "\"table\" = 'users'");
    ASSERT_TRUE(fk);
    fk->bind(1, std::string_view(t));
    ASSERT_TRUE(fk->step());
    EXPECT_EQ(fk->column_int(0), 1) << t << ".user_id does not reference users";
  }
  // A row for a user who does not exist is refused (foreign keys are on).
  auto bad =
      AssessmentRepo(store->db())
          .save(UserId{store->local_user().value + 41}, {0, 1, "self_care", "overuse", "{}", "{}"});
  EXPECT_FALSE(bad);
}

TEST(StoreOwnership, SingleUserStoreHasExactlyOneUserCreatedOnFirstOpen) {
  rk::testing::TempDir dir("rk_owner_one_user_");
  const auto path = dir.path() / "runknee.db";
  UserId first{0};
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store) << store.error().message;
    first = store->local_user();
    EXPECT_GT(first.value, 0);
    EXPECT_EQ(count(store->db(), "SELECT count(*) FROM users"), 1);
  }
  for (int i = 0; i < 2; ++i) {
    auto again = Store::open(path);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->local_user(), first);
    EXPECT_EQ(count(again->db(), "SELECT count(*) FROM users"), 1);
  }
  // The CLI adds no user either.
  ASSERT_EQ(
      rk::testing::run_cli("--db " + path.string() + " log --date 2026-11-20 --during 2").code, 0);
  auto store = Store::open(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(count(store->db(), "SELECT count(*) FROM users"), 1);
  EXPECT_EQ(count(store->db(), "SELECT count(*) FROM diary_entries WHERE user_id = " +
                                   std::to_string(first.value)),
            1);
}

// Two users in one store: each repository call sees only the rows of the user it acts for.
TEST(StoreOwnership, RepositoriesNeverSeeAnotherUsersRows) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store);
  Database& db = store->db();
  const UserId me = store->local_user();
  auto add = db.prepare("INSERT INTO users(name, created_utc) VALUES ('other', 0) RETURNING id");
  ASSERT_TRUE(add);
  auto added = add->run_returning_id();
  ASSERT_TRUE(added);
  const UserId other{*added};
  ASSERT_NE(me, other);

  Activity run;
  run.sport = "running";
  run.start_utc = 1'700'000'000;
  run.elapsed_s = run.moving_s = 1800;
  run.distance_m = 5000;
  run.source.sha256 = std::string(64, 'a');
  ActivityRepo acts(db);
  auto mine = acts.insert(me, run);
  ASSERT_TRUE(mine);
  // The same run (same file) is not a duplicate for another user: each stores it.
  EXPECT_FALSE(*acts.has_file(other, run.source.sha256));
  EXPECT_FALSE(acts.find_duplicate(other, run)->has_value());
  EXPECT_TRUE(acts.find_duplicate(me, run)->has_value());
  auto theirs = acts.insert(other, run);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(acts.list(me)->size(), 1u);
  EXPECT_EQ(acts.list(other)->size(), 1u);
  EXPECT_FALSE(acts.find(other, *mine)->has_value());
  EXPECT_TRUE(acts.find(me, *mine)->has_value());
  EXPECT_EQ(acts.file_hashes(other)->size(), 1u);

  // Names: a user renames only their own activities and sees only their own names.
  ActivityNameRepo names(db);
  EXPECT_TRUE(*names.set(me, *mine, "Mine"));
  EXPECT_FALSE(*names.set(other, *mine, "Taken over"));
  EXPECT_FALSE(names.find(other, *mine)->has_value());
  EXPECT_TRUE(names.all(other)->empty());
  EXPECT_TRUE(*names.set(other, *theirs, "Theirs"));
  EXPECT_EQ(*names.all(me), (std::map<std::int64_t, std::string>{{*mine, "Mine"}}));
  EXPECT_FALSE(*names.set(other, *mine, ""));  // nor remove another user's name
  EXPECT_EQ(**names.find(me, *mine), "Mine");

  AssessmentRepo assessments(db);
  auto a = assessments.save(me, {0, 10, "self_care", "overuse", "{}", "{}"});
  ASSERT_TRUE(a);
  EXPECT_FALSE(assessments.find(other, *a)->has_value());
  EXPECT_FALSE(assessments.latest(other)->has_value());
  EXPECT_TRUE(assessments.list(other)->empty());
  EXPECT_EQ(assessments.list(me)->size(), 1u);

  // One diary day each, on the same date: two entries, neither overwrites the other.
  DiaryRepo diary(db);
  ASSERT_TRUE(diary.upsert(me, {0, "2026-11-20", 1, "{\"mine\":true}"}));
  ASSERT_TRUE(diary.upsert(other, {0, "2026-11-20", 2, "{\"theirs\":true}"}));
  EXPECT_EQ((*diary.find_by_date(me, "2026-11-20"))->entry_json, "{\"mine\":true}");
  EXPECT_EQ((*diary.find_by_date(other, "2026-11-20"))->entry_json, "{\"theirs\":true}");
  EXPECT_EQ(diary.list(me)->size(), 1u);

  KoosRepo koos(db);
  ASSERT_TRUE(koos.save(me, {0, 5, "{}", "{}"}));
  EXPECT_TRUE(koos.list(other)->empty());

  ExerciseRepo exercises(db);
  ASSERT_TRUE(exercises.put_log(me, {"2026-11-20", "squat", 3, 12, std::nullopt, 1}));
  ASSERT_TRUE(exercises.replace_prescribed(me, "2026-11-20", "2026-11-20",
                                           {{"2026-11-20", "squat", 3, 12, "reps"}}));
  EXPECT_TRUE(exercises.logged(other, "2026-11-01", "2026-11-30")->empty());
  EXPECT_TRUE(exercises.prescribed(other, "2026-11-01", "2026-11-30")->empty());
  // Another user's tick-off and prescription on the same day and exercise are their own rows.
  ASSERT_TRUE(exercises.put_log(other, {"2026-11-20", "squat", 1, 5, 4, 2}));
  ASSERT_TRUE(exercises.replace_prescribed(other, "2026-11-01", "2026-11-30", {}));
  EXPECT_EQ(exercises.logged(me, "2026-11-01", "2026-11-30")->front().sets, 3);
  EXPECT_EQ(exercises.prescribed(me, "2026-11-01", "2026-11-30")->size(), 1u);
  ASSERT_TRUE(exercises.put_log(other, {"2026-11-20", "squat", 0, 0, std::nullopt, 3}));
  EXPECT_EQ(exercises.logged(me, "2026-11-01", "2026-11-30")->size(), 1u);

  PlanRepo plan(db);
  ASSERT_TRUE(plan.save_state(me, "{\"stage\":1}", 1));
  ASSERT_TRUE(plan.add_decision(me, {0, "2026-11-20", 1, "{}"}));
  EXPECT_FALSE(plan.load_state(other)->has_value());
  EXPECT_TRUE(plan.list_decisions(other)->empty());
  ASSERT_TRUE(plan.save_state(other, "{\"stage\":3}", 2));
  EXPECT_EQ(**plan.load_state(me), "{\"stage\":1}");

  // Forgetting one user leaves the other's rows.
  ASSERT_TRUE(store->forget_all(other));
  EXPECT_TRUE(acts.list(other)->empty());
  EXPECT_TRUE(diary.list(other)->empty());
  EXPECT_EQ(acts.list(me)->size(), 1u);
  EXPECT_EQ(diary.list(me)->size(), 1u);
  EXPECT_TRUE(names.all(other)->empty());
  EXPECT_EQ(names.all(me)->size(), 1u);
  EXPECT_TRUE(plan.load_state(me)->has_value());
}

// --- the SQL scan ----------------------------------------------------------------------------

const std::set<std::string> kUnownedTables = {"users", "sqlite_master", "pragma_table_info",
                                              "pragma_foreign_key_list"};

/// The C++ source with comments removed and each string literal's text kept.
std::string strip_comments(const std::string& src) {
  std::string out;
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (src.compare(i, 2, "//") == 0) {
      while (i < src.size() && src[i] != '\n') ++i;
      out += '\n';
    } else if (src.compare(i, 2, "/*") == 0) {
      i = src.find("*/", i + 2);
      if (i == std::string::npos) break;
      ++i;
    } else if (src.compare(i, 2, "R\"") == 0) {
      const auto open = src.find('(', i);
      const std::string delim = ")" + src.substr(i + 2, open - i - 2) + "\"";
      const auto close = src.find(delim, open);
      out += src.substr(i, close + delim.size() - i);
      i = close + delim.size() - 1;
    } else if (src[i] == '\'' && i + 3 < src.size() &&
               (src[i + 2] == '\'' || (src[i + 1] == '\\' && src[i + 3] == '\''))) {
      const auto len = src[i + 2] == '\'' ? 3 : 4;  // 'x' or '\x': a char, never a string
      out += "'c'";                                 // so that a '"' cannot start a string below
      i += len - 1;
    } else if (src[i] == '"') {
      const auto start = i;
      for (++i; i < src.size() && src[i] != '"'; ++i) {
        if (src[i] == '\\') ++i;
      }
      out += src.substr(start, i - start + 1);
    } else {
      out += src[i];
    }
  }
  return out;
}

/// Each C++ statement (up to `;` outside string literals) that holds a DML keyword in a string
/// literal, with its literals joined: the SQL a call sends, whatever way it was put together.
std::vector<std::string> sql_statements(const std::string& source) {
  const std::string src = strip_comments(source);
  std::vector<std::string> out;
  std::string literals;
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (src.compare(i, 2, "R\"") == 0) {
      const auto open = src.find('(', i);
      const std::string delim = ")" + src.substr(i + 2, open - i - 2) + "\"";
      const auto close = src.find(delim, open);
      literals += src.substr(open + 1, close - open - 1);
      i = close + delim.size() - 1;
    } else if (src[i] == '"') {
      std::string text;
      for (++i; i < src.size() && src[i] != '"'; ++i) {
        if (src[i] == '\\') ++i;
        text += src[i];
      }
      literals += text;
    } else if (src[i] == ';') {
      static const std::regex dml(R"(\b(SELECT|INSERT|UPDATE|DELETE|REPLACE)\b)");
      if (std::regex_search(literals, dml)) out.push_back(literals);
      literals.clear();
    } else if (!std::isspace(static_cast<unsigned char>(src[i])) && !literals.empty() &&
               literals.back() != ' ') {
      literals += ' ';  // a variable between literals (a table name, a column list)
    }
  }
  return out;
}

/// Why `sql` breaks the rule, or "" when it keeps it: every table it reads or writes, other than
/// the unowned ones, must be reached through `user_id = ?` (an INSERT must name user_id).
std::string owner_problem(const std::string& sql) {
  static const std::regex table_ref(R"(\b(FROM|JOIN|INTO|UPDATE)\s+"?(\w*))", std::regex::icase);
  bool owned = false;
  for (std::sregex_iterator it(sql.begin(), sql.end(), table_ref), end; it != end; ++it) {
    const std::string name = (*it)[2];
    if (!kUnownedTables.count(name)) owned = true;  // an empty name: built at run time
  }
  if (!owned) return "";
  static const std::regex insert(R"(\bINSERT\b)", std::regex::icase);
  static const std::regex owner_predicate(R"(\buser_id\s*=\s*\?)");
  static const std::regex owner_column(R"(\(\s*user_id\s*,)");
  if (std::regex_search(sql, insert)) {
    return std::regex_search(sql, owner_column) ? "" : "INSERT without user_id";
  }
  return std::regex_search(sql, owner_predicate) ? "" : "no `user_id = ?`";
}

TEST(StoreOwnership, TheScanFindsAQueryWithoutItsOwner) {
  const std::string bad = R"cc(
    auto st = db_.prepare("SELECT id FROM activities WHERE id = ?");
    auto ok = db_.prepare("SELECT id FROM activities WHERE user_id = ? AND id = ?");
    auto ins = db_.prepare("INSERT INTO koos_results(taken_utc) VALUES (?)");
    auto del = db_.prepare("DELETE FROM \"" + t + "\"");
    auto users = db_.prepare("SELECT id FROM users WHERE name = 'local'");
  )cc";
  const auto found = sql_statements(bad);
  ASSERT_EQ(found.size(), 5u);
  EXPECT_NE(owner_problem(found[0]), "");
  EXPECT_EQ(owner_problem(found[1]), "");
  EXPECT_NE(owner_problem(found[2]), "");
  EXPECT_NE(owner_problem(found[3]), "");  // a table named at run time needs the owner too
  EXPECT_EQ(owner_problem(found[4]), "");
}

// Migrations (migrations.cc) move whole tables between layouts and are the one exception.
TEST(StoreOwnership, EveryQueryInSrcStoreNamesItsOwner) {
  const fs::path dir = fs::path(RUNKNEE_SOURCE_DIR) / "src" / "store";
  std::size_t scanned = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto& p = entry.path();
    if (p.extension() != ".cc" && p.extension() != ".h") continue;
    if (p.filename() == "migrations.cc") continue;
    std::ifstream in(p);
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& sql : sql_statements(text.str())) {
      ++scanned;
      EXPECT_EQ(owner_problem(sql), "") << p.filename().string() << ": " << sql;
    }
  }
  EXPECT_GE(scanned, 20u) << "the scan found too few queries to be looking at the store";
}

}  // namespace
}  // namespace rk
