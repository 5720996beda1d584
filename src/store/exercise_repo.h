#pragma once
// The exercise programme's two tables (layouts 3, 4): what the plan prescribed for a day, recorded
// when the plan is shown, and the sets the runner ticked off. Dates are local calendar days
// ("2026-11-24"); one row per day and exercise in each table.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user.h"

namespace rk {

struct StoredPrescription {
  std::string date, exercise_id;
  int sets = 0;
  int amount = 0;    // reps per set, or seconds held
  std::string unit;  // "reps" or "s hold"
};

struct StoredExerciseLog {
  std::string date, exercise_id;
  int sets = 0;
  std::optional<int> amount;  // reps per set or seconds held, when given
  std::optional<int> pain;    // 0-10, when given
  std::int64_t logged_utc = 0;
};

class ExerciseRepo {
 public:
  explicit ExerciseRepo(Database& db) : db_(db) {}

  // Every call acts for one user and sees only that user's rows (user.h).

  /// Prescriptions with first <= date <= last, by date then exercise.
  Expected<std::vector<StoredPrescription>> prescribed(UserId user, const std::string& first,
                                                       const std::string& last);
  /// Replaces every prescription dated first..last with `rows` (call inside a transaction).
  Expected<void> replace_prescribed(UserId user, const std::string& first, const std::string& last,
                                    const std::vector<StoredPrescription>& rows);

  /// Logged sets with first <= date <= last, by date then exercise.
  Expected<std::vector<StoredExerciseLog>> logged(UserId user, const std::string& first,
                                                  const std::string& last);
  /// The day's record for the exercise becomes `e` (0 sets removes it).
  Expected<void> put_log(UserId user, const StoredExerciseLog& e);

 private:
  Database& db_;
};

}  // namespace rk
