#pragma once
// The runner's settings (`runknee config`), kept as JSON in $XDG_CONFIG_HOME/runknee/config.json
// (else ~/.config/runknee/config.json). Units change how text shows distances; JSON keeps SI.

#include <filesystem>
#include <string>
#include <string_view>

#include "util/expected.h"

namespace rk::plan {

enum class Units { kKm, kMi };

struct Settings {
  Units units = Units::kKm;
  int session_minute = 7 * 60;  // the calendar's time of day for sessions ("time" = "07:00")
};

/// The config file's path (not created).
std::filesystem::path settings_path();
/// The stored settings; defaults when there is no file. A broken file is an Error naming it.
Expected<Settings> load_settings();
/// Writes the file atomically, creating the folder.
Expected<void> save_settings(const Settings& s);
/// Sets one key from text ("units" = "km" | "mi", "time" = "HH:MM"); bad keys or values are an
/// Error (bad input).
Expected<void> set_setting(Settings& s, std::string_view key, std::string_view value);
std::string units_name(Units u);
std::string format_minute(int minute_of_day);  // "07:00"

/// "8.00 km" or "4.97 mi" (two decimals, as the plan prints distances).
std::string format_distance(double km, Units u, int decimals = 2);

}  // namespace rk::plan
