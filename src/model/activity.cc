#include "model/activity.h"

#include <fmt/format.h>

#include "model/calendar.h"
#include "util/time.h"

namespace rk {

bool is_running(const Activity& a) { return a.sport.rfind("run", 0) == 0; }

std::string default_activity_name(const Activity& a) {
  const std::int32_t offset = activity_offset_s(a.start_utc, a.local_offset_s);
  const std::int64_t local = a.start_utc + offset;
  const int hour = static_cast<int>(((local % 86400) + 86400) % 86400 / 3600);
  const char* part = hour < 5    ? "night"
                     : hour < 12 ? "morning"
                     : hour < 17 ? "afternoon"
                     : hour < 21 ? "evening"
                                 : "night";
  std::string sport = a.sport.empty() ? "activity" : a.sport;
  if (sport == "running") sport = "run";
  if (sport == "cycling") sport = "ride";
  if (sport == "walking") sport = "walk";
  for (auto& ch : sport) ch = ch == '_' ? ' ' : ch;
  return fmt::format("{} {} {}", weekday_name(day_of(a.start_utc, offset)),
                     part, sport);
}

}  // namespace rk
