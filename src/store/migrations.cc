#include "store/migrations.h"

#include "util/error.h"

namespace rk {
namespace {

// Layout 1: the tables as the first runknee made them (before layouts were numbered a store
// had user_version 0 and some of these tables; IF NOT EXISTS brings it to layout 1).
Expected<void> layout_1(Database& db) {
  return db.exec(R"sql(
    CREATE TABLE IF NOT EXISTS activities (
      id INTEGER PRIMARY KEY,
      sport TEXT NOT NULL,
      sub_sport TEXT NOT NULL DEFAULT '',
      start_utc INTEGER NOT NULL,
      local_offset_s INTEGER,
      elapsed_s REAL NOT NULL,
      moving_s REAL NOT NULL,
      distance_m REAL NOT NULL,
      ascent_m REAL,
      descent_m REAL,
      avg_heart_rate REAL,
      max_heart_rate REAL,
      avg_cadence_spm REAL,
      avg_step_length_m REAL,
      avg_vertical_oscillation_mm REAL,
      avg_stance_time_ms REAL,
      rpe REAL,
      notes TEXT NOT NULL DEFAULT '',
      source_name TEXT NOT NULL DEFAULT '',
      source_size INTEGER NOT NULL DEFAULT 0,
      source_sha256 TEXT NOT NULL DEFAULT '',
      source_format TEXT NOT NULL DEFAULT '',
      source_device TEXT NOT NULL DEFAULT '',
      laps BLOB,
      streams BLOB
    );
    CREATE INDEX IF NOT EXISTS activities_start ON activities(start_utc);
    CREATE INDEX IF NOT EXISTS activities_sha256 ON activities(source_sha256);
    CREATE TABLE IF NOT EXISTS assessments (
      id INTEGER PRIMARY KEY,
      created_utc INTEGER NOT NULL,
      urgency TEXT NOT NULL,
      top_cause TEXT NOT NULL,
      answers_json TEXT NOT NULL,
      result_json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS diary_entries (
      id INTEGER PRIMARY KEY,
      date TEXT NOT NULL UNIQUE,
      updated_utc INTEGER NOT NULL,
      entry_json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS koos_results (
      id INTEGER PRIMARY KEY,
      taken_utc INTEGER NOT NULL,
      answers_json TEXT NOT NULL,
      scores_json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS plan_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      updated_utc INTEGER NOT NULL,
      state_json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS plan_decisions (
      id INTEGER PRIMARY KEY,
      date TEXT NOT NULL,
      decided_utc INTEGER NOT NULL,
      decision_json TEXT NOT NULL
    );)sql");
}

// Layout 2: the runner's own activity names (issue 14), one row per renamed activity.
Expected<void> layout_2(Database& db) {
  return db.exec(R"sql(
    CREATE TABLE IF NOT EXISTS activity_names (
      activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
      name TEXT NOT NULL
    );)sql");
}

// Layout 3: the exercise programme (issue 12): what the plan prescribed for a day (recorded
// when the plan is shown, so adherence counts what the runner was asked to do) and the sets the
// runner ticked off, one row per day and exercise in each.
Expected<void> layout_3(Database& db) {
  return db.exec(R"sql(
    CREATE TABLE IF NOT EXISTS exercise_prescribed (
      date TEXT NOT NULL,
      exercise_id TEXT NOT NULL,
      sets INTEGER NOT NULL,
      amount INTEGER NOT NULL,
      unit TEXT NOT NULL,
      PRIMARY KEY (date, exercise_id)
    );
    CREATE TABLE IF NOT EXISTS exercise_log (
      date TEXT NOT NULL,
      exercise_id TEXT NOT NULL,
      sets INTEGER NOT NULL,
      amount INTEGER,
      pain INTEGER,
      logged_utc INTEGER NOT NULL,
      PRIMARY KEY (date, exercise_id)
    );)sql");
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "create the tables", &layout_1},
      {2, "activity names", &layout_2},
      {3, "exercise programme", &layout_3},
  };
  return all;
}

Expected<void> migrate(Database& db, int from, int to) {
  for (const auto& m : migrations()) {
    if (m.to_version <= from || m.to_version > to) continue;
    if (auto r = m.apply(db); !r) {
      return fail("upgrading the store to layout {} ({}): {}", m.to_version, m.what,
                  r.error().message);
    }
  }
  return {};
}

}  // namespace rk
