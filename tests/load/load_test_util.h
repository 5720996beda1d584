#pragma once
// Builders for hand-made histories in the load tests.

#include <cstdint>
#include <optional>
#include <string>

#include "model/activity.h"
#include "util/time.h"

namespace rk::test {

constexpr std::int64_t kDay = 86400;

inline std::int64_t at(const char* iso) {
  return *parse_iso8601(iso);
}

inline Activity run(std::int64_t start_utc, double km, double minutes = 0,
                    std::optional<std::int32_t> offset = std::nullopt) {
  Activity a;
  a.sport = "running";
  a.start_utc = start_utc;
  a.local_offset_s = offset;
  a.distance_m = km * 1000;
  a.moving_s = (minutes > 0 ? minutes : km * 6) * 60;
  a.elapsed_s = a.moving_s;
  return a;
}

inline Activity ride(std::int64_t start_utc, double km, double minutes) {
  Activity a = run(start_utc, km, minutes);
  a.sport = "cycling";
  return a;
}

}  // namespace rk::test
