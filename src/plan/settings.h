#pragma once
// The runner's settings (`runknee config`), kept as JSON in $XDG_CONFIG_HOME/runknee/config.json
// (else ~/.config/runknee/config.json). Units change how text shows distances; JSON keeps SI.

#include <filesystem>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace rk::plan {

enum class Units { kKm, kMi };

struct Settings {
  Units units = Units::kKm;
  int session_minute = 7 * 60;  // the calendar's time of day for sessions ("time" = "07:00")
  /// The calendar's optional daily check-in event ("checkin" = "HH:MM", or "off": none).
  std::optional<int> check_in_minute;
  /// The runner's time zone ("tz" = an IANA name such as "America/Los_Angeles", or "system":
  /// the TZ variable, else the system's). Decides today, diary days, plan weeks, run dates.
  std::string time_zone;
};

/// The keys `runknee config` and PUT /api/v1/settings know, in the file's order.
const std::vector<std::string>& setting_keys();
/// A key's value as text ("km", "07:00", "off", "system").
std::string setting_text(const Settings& s, std::string_view key);
/// Makes the settings' time zone the process's (TZ); "system" restores the TZ the process started
/// with. The CLI calls it once at start-up; `serve` whenever the settings file changed, with TZ
/// already in the environment (replacing a variable that exists leaves the environment's array
/// in place, so a request reading the clock meanwhile sees the old or the new zone). An unknown
/// zone in the file is an Error naming it.
Expected<void> apply_time_zone(const Settings& s);

/// The config file's path (not created).
std::filesystem::path settings_path();
/// The stored settings; defaults when there is no file. A broken file is an Error naming it.
Expected<Settings> load_settings();
/// Writes the file atomically, creating the folder.
Expected<void> save_settings(const Settings& s);
/// Sets one key from text ("units" = "km" | "mi", "time" = "HH:MM", "checkin" = "HH:MM" | "off",
/// "tz" = a zone in the system's time-zone database | "system"); bad keys or values are an Error
/// (bad input).
Expected<void> set_setting(Settings& s, std::string_view key, std::string_view value);
std::string units_name(Units u);
std::string format_minute(int minute_of_day);  // "07:00"

/// "8.00 km" or "4.97 mi" (two decimals, as the plan prints distances).
std::string format_distance(double km, Units u, int decimals = 2);

}  // namespace rk::plan
