#pragma once
// The one place doses become words. Exercise doses ("3 × 12", "3 × 20 s hold",
// "3 × 12, 2 s up, 3 s down") and painkiller doses (dose, interval, daily cap) are rendered
// here from their structured fields, and the CLI, the web (through the JSON's `dose_text`) and
// the physio report all print what these functions return, so the three never disagree.

#include <optional>
#include <string>
#include <string_view>

namespace rk {

struct ExerciseDoseSpec {
  int sets = 0;
  int amount = 0;                // repetitions per set, or seconds held
  std::string_view unit;         // "reps" or "s hold"
  std::optional<int> up_s = {};  // tempo: seconds lifting
  std::optional<int> down_s = {};
};

/// "3 × 12" for repetitions, "3 × 20 s hold" for holds, with ", 2 s up, 3 s down" when a tempo
/// is given. A single set reads "12 reps" / "20 s hold".
std::string exercise_dose_text(const ExerciseDoseSpec& d);

/// "500 mg to 1 g, at least 4 hours between doses; at most 4 g in 24 hours": the dose, how
/// often, and the cap. Empty parts are left out; no part is repeated or prefixed twice ("at most
/// at most"), and a trailing full stop of a part is dropped.
std::string medicine_dose_text(std::string_view dose, std::string_view interval,
                               std::string_view daily_max);

}  // namespace rk
