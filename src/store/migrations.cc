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

// Layout 4: every row has an owner. A users table, the local runner as user 1 (the owner of
// every row an older store holds), and every table rebuilt with `user_id` right after its key:
// NOT NULL, referencing users, in each unique key and index. SQLite cannot add a NOT NULL
// foreign key column or change a UNIQUE constraint in place, so each table is copied into its
// new shape (ids kept) and renamed (SQLite's "making other kinds of table schema changes"
// procedure; Store::open switches foreign keys off around it and checks them before commit).
// activity_names refers to activities with ON DELETE CASCADE: its rows are copied aside before
// activities is rebuilt and put back after, so the names survive even with foreign keys on.
Expected<void> layout_4(Database& db) {
  return db.exec(R"sql(
    CREATE TEMP TABLE activity_names_aside AS SELECT activity_id, name FROM activity_names;
    DROP TABLE activity_names;

    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created_utc INTEGER NOT NULL
    );
    INSERT INTO users(id, name, created_utc) VALUES (1, 'local', CAST(strftime('%s', 'now') AS INTEGER));

    CREATE TABLE activities_2 (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
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
    INSERT INTO activities_2 SELECT id, 1, sport, sub_sport, start_utc, local_offset_s, elapsed_s,
      moving_s, distance_m, ascent_m, descent_m, avg_heart_rate, max_heart_rate, avg_cadence_spm,
      avg_step_length_m, avg_vertical_oscillation_mm, avg_stance_time_ms, rpe, notes, source_name,
      source_size, source_sha256, source_format, source_device, laps, streams FROM activities;
    DROP TABLE activities;
    ALTER TABLE activities_2 RENAME TO activities;
    CREATE INDEX activities_user_start ON activities(user_id, start_utc);
    CREATE INDEX activities_user_sha256 ON activities(user_id, source_sha256);

    CREATE TABLE activity_names (
      activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL REFERENCES users(id),
      name TEXT NOT NULL
    );
    INSERT INTO activity_names(activity_id, user_id, name)
      SELECT n.activity_id, a.user_id, n.name FROM temp.activity_names_aside n
      JOIN activities a ON a.id = n.activity_id;
    DROP TABLE temp.activity_names_aside;
    CREATE INDEX activity_names_user ON activity_names(user_id, activity_id);

    CREATE TABLE assessments_2 (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      created_utc INTEGER NOT NULL,
      urgency TEXT NOT NULL,
      top_cause TEXT NOT NULL,
      answers_json TEXT NOT NULL,
      result_json TEXT NOT NULL
    );
    INSERT INTO assessments_2 SELECT id, 1, created_utc, urgency, top_cause, answers_json,
      result_json FROM assessments;
    DROP TABLE assessments;
    ALTER TABLE assessments_2 RENAME TO assessments;
    CREATE INDEX assessments_user_created ON assessments(user_id, created_utc);

    CREATE TABLE diary_entries_2 (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      date TEXT NOT NULL,
      updated_utc INTEGER NOT NULL,
      entry_json TEXT NOT NULL,
      UNIQUE (user_id, date)
    );
    INSERT INTO diary_entries_2 SELECT id, 1, date, updated_utc, entry_json FROM diary_entries;
    DROP TABLE diary_entries;
    ALTER TABLE diary_entries_2 RENAME TO diary_entries;

    CREATE TABLE koos_results_2 (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      taken_utc INTEGER NOT NULL,
      answers_json TEXT NOT NULL,
      scores_json TEXT NOT NULL
    );
    INSERT INTO koos_results_2 SELECT id, 1, taken_utc, answers_json, scores_json FROM koos_results;
    DROP TABLE koos_results;
    ALTER TABLE koos_results_2 RENAME TO koos_results;
    CREATE INDEX koos_results_user ON koos_results(user_id, taken_utc);

    CREATE TABLE plan_state_2 (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),
      updated_utc INTEGER NOT NULL,
      state_json TEXT NOT NULL
    );
    INSERT INTO plan_state_2 SELECT id, 1, updated_utc, state_json FROM plan_state;
    DROP TABLE plan_state;
    ALTER TABLE plan_state_2 RENAME TO plan_state;

    CREATE TABLE plan_decisions_2 (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      date TEXT NOT NULL,
      decided_utc INTEGER NOT NULL,
      decision_json TEXT NOT NULL
    );
    INSERT INTO plan_decisions_2 SELECT id, 1, date, decided_utc, decision_json
      FROM plan_decisions;
    DROP TABLE plan_decisions;
    ALTER TABLE plan_decisions_2 RENAME TO plan_decisions;
    CREATE INDEX plan_decisions_user ON plan_decisions(user_id, id);

    CREATE TABLE exercise_prescribed_4 (
      user_id INTEGER NOT NULL REFERENCES users(id),
      date TEXT NOT NULL,
      exercise_id TEXT NOT NULL,
      sets INTEGER NOT NULL,
      amount INTEGER NOT NULL,
      unit TEXT NOT NULL,
      PRIMARY KEY (user_id, date, exercise_id)
    );
    INSERT INTO exercise_prescribed_4 SELECT 1, date, exercise_id, sets, amount, unit
      FROM exercise_prescribed;
    DROP TABLE exercise_prescribed;
    ALTER TABLE exercise_prescribed_4 RENAME TO exercise_prescribed;

    CREATE TABLE exercise_log_4 (
      user_id INTEGER NOT NULL REFERENCES users(id),
      date TEXT NOT NULL,
      exercise_id TEXT NOT NULL,
      sets INTEGER NOT NULL,
      amount INTEGER,
      pain INTEGER,
      logged_utc INTEGER NOT NULL,
      PRIMARY KEY (user_id, date, exercise_id)
    );
    INSERT INTO exercise_log_4 SELECT 1, date, exercise_id, sets, amount, pain, logged_utc
      FROM exercise_log;
    DROP TABLE exercise_log;
    ALTER TABLE exercise_log_4 RENAME TO exercise_log;)sql");
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "create the tables", &layout_1},
      {2, "activity names", &layout_2},
      {3, "exercise programme", &layout_3},
      {4, "every row has an owner: users, user_id", &layout_4},
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
