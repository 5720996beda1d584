#include "plan/settings.h"

#include <fmt/format.h>

#include <cctype>
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

Expected<void> set_setting(Settings& s, std::string_view key, std::string_view value) {
  if (key == "time") {
    int h = -1, m = -1;
    if (value.size() == 5 && value[2] == ':' &&
        std::isdigit(static_cast<unsigned char>(value[0])) &&
        std::isdigit(static_cast<unsigned char>(value[1])) &&
        std::isdigit(static_cast<unsigned char>(value[3])) &&
        std::isdigit(static_cast<unsigned char>(value[4]))) {
      h = (value[0] - '0') * 10 + (value[1] - '0');
      m = (value[3] - '0') * 10 + (value[4] - '0');
    }
    if (h < 0 || h > 23 || m < 0 || m > 59) {
      return fail("time: expected HH:MM (00:00 to 23:59), got '{}'", value);
    }
    s.session_minute = h * 60 + m;
    return {};
  }
  if (key != "units") return fail("'{}': unknown setting (known: units, time)", key);
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
  if (j.contains("units")) {
    if (!j["units"].is_string()) return fail("{}: 'units' must be \"km\" or \"mi\"", path.string());
    if (auto ok = set_setting(s, "units", j["units"].get<std::string>()); !ok) {
      return fail("{}: {}", path.string(), ok.error().message);
    }
  }
  if (j.contains("time")) {
    if (!j["time"].is_string()) return fail("{}: 'time' must be \"HH:MM\"", path.string());
    if (auto ok = set_setting(s, "time", j["time"].get<std::string>()); !ok) {
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
  const nlohmann::json j = {{"units", units_name(s.units)},
                            {"time", format_minute(s.session_minute)}};
  return write_file_atomic(path, j.dump(2) + "\n");
}

std::string format_distance(double km, Units u, int decimals) {
  if (u == Units::kMi) return fmt::format("{:.{}f} mi", km / kKmPerMile, decimals);
  return fmt::format("{:.{}f} km", km, decimals);
}

}  // namespace rk::plan
