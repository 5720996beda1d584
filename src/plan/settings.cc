#include "plan/settings.h"

#include <fmt/format.h>

#include <cctype>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <optional>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/file_io.h"

namespace rk::plan {
namespace {

constexpr double kKmPerMile = 1.609344;

}  // namespace

std::filesystem::path settings_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "runknee" / "config.json";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".config" / "runknee" / "config.json";
}

std::string units_name(Units u) {
  return u == Units::kMi ? "mi" : "km";
}

std::string format_minute(int minute_of_day) {
  return fmt::format("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
}

namespace {

std::optional<int> parse_minute(std::string_view value) {
  if (value.size() != 5 || value[2] != ':') return std::nullopt;
  for (std::size_t i : {0, 1, 3, 4}) {
    if (!std::isdigit(static_cast<unsigned char>(value[i]))) return std::nullopt;
  }
  const int h = (value[0] - '0') * 10 + (value[1] - '0');
  const int m = (value[3] - '0') * 10 + (value[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

/// A zone name the system's database knows: letters, digits, '_', '-', '+' and '/' between
/// parts, no "..", a file under /usr/share/zoneinfo (or $TZDIR).
bool known_zone(std::string_view z) {
  if (z.empty() || z.size() > 64 || z.front() == '/' || z.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : z) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '+' &&
        c != '/') {
      return false;
    }
  }
  const char* dir = std::getenv("TZDIR");
  std::error_code ec;
  const auto path = std::filesystem::path(dir && *dir ? dir : "/usr/share/zoneinfo") / z;
  return std::filesystem::is_regular_file(path, ec);
}

}  // namespace

const std::vector<std::string>& setting_keys() {
  static const std::vector<std::string> keys = {"units", "time", "checkin", "tz"};
  return keys;
}

std::string setting_text(const Settings& s, std::string_view key) {
  if (key == "units") return units_name(s.units);
  if (key == "time") return format_minute(s.session_minute);
  if (key == "checkin") return s.check_in_minute ? format_minute(*s.check_in_minute) : "off";
  if (key == "tz") return s.time_zone.empty() ? "system" : s.time_zone;
  return "";
}

Expected<void> set_setting(Settings& s, std::string_view key, std::string_view value) {
  if (key == "time" || key == "checkin") {
    if (key == "checkin" && value == "off") {
      s.check_in_minute.reset();
      return {};
    }
    const auto minute = parse_minute(value);
    if (!minute) {
      return fail("{}: expected HH:MM (00:00 to 23:59){}, got '{}'", key,
                  key == "checkin" ? " or off" : "", value);
    }
    (key == "time" ? s.session_minute : s.check_in_minute.emplace()) = *minute;
    return {};
  }
  if (key == "tz") {
    if (value == "system" || value.empty()) {
      s.time_zone.clear();
      return {};
    }
    if (!known_zone(value)) {
      return fail("tz: '{}' is not a time zone this system knows (e.g. Europe/London, "
                  "America/New_York; or system)",
                  value);
    }
    s.time_zone = std::string(value);
    return {};
  }
  if (key != "units") return fail("'{}': unknown setting (known: units, time, checkin, tz)", key);
  if (value == "km") {
    s.units = Units::kKm;
  } else if (value == "mi") {
    s.units = Units::kMi;
  } else {
    return fail("units: expected km or mi, got '{}'", value);
  }
  return {};
}

Expected<Settings> load_settings() {
  Settings s;
  const auto path = settings_path();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return s;
  auto text = read_file_text(path);
  if (!text) return fail(text.error());
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail("{}: not a JSON object", path.string());
  for (const auto& key : setting_keys()) {
    if (!j.contains(key)) continue;
    if (!j[key].is_string()) return fail("{}: '{}' must be text", path.string(), key);
    if (auto ok = set_setting(s, key, j[key].get<std::string>()); !ok) {
      return fail("{}: {}", path.string(), ok.error().message);
    }
  }
  return s;
}

Expected<void> save_settings(const Settings& s) {
  const auto path = settings_path();
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return fail("{}: {}", path.parent_path().string(), ec.message());
  nlohmann::json j = nlohmann::json::object();
  for (const auto& key : setting_keys()) j[key] = setting_text(s, key);
  return write_file_atomic(path, j.dump(2) + "\n");
}

Expected<void> apply_time_zone(const Settings& s) {
  // "system" after a zone was applied (a running server whose setting changed) puts back the TZ
  // that was there before; a TZ this function did not set is the process's own and stays.
  static std::mutex mu;
  static std::optional<std::string> ours;    // what this function last put in TZ
  static std::optional<std::string> before;  // TZ before that (none: glibc's default file)
  std::lock_guard lock(mu);
  const char* now = std::getenv("TZ");
  const bool is_ours = ours && now && *ours == now;
  std::string zone = s.time_zone;
  if (zone.empty()) {
    if (!is_ours) return {};
    zone = before.value_or("/etc/localtime");
    ours.reset();
  } else {
    if (!known_zone(zone)) return fail("tz: unknown time zone '{}'", zone);
    if (!is_ours) before = now ? std::optional<std::string>(now) : std::nullopt;
    ours = zone;
  }
  ::setenv("TZ", zone.c_str(), 1);
  ::tzset();
  return {};
}

std::string format_distance(double km, Units u, int decimals) {
  if (u == Units::kMi) return fmt::format("{:.{}f} mi", km / kKmPerMile, decimals);
  return fmt::format("{:.{}f} km", km, decimals);
}

}  // namespace rk::plan
