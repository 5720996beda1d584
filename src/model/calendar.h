#pragma once
// Calendar arithmetic in whole local days. An activity's day is its local calendar date when
// the file gave a UTC offset, else its UTC date; weeks are ISO weeks (Monday first).

#include <cstdint>
#include <string>
#include <string_view>

#include "model/activity.h"

namespace rk {

/// Days since 1970-01-01 of the activity's local start date.
std::int64_t local_day(const Activity& a);
/// Days since 1970-01-01 of `utc` seen at `offset_s`.
std::int64_t day_of(std::int64_t utc, std::int32_t offset_s);
/// "2026-11-17".
std::string day_string(std::int64_t day);
/// 0 = Monday ... 6 = Sunday.
int weekday_index(std::int64_t day);
/// "Monday" ... "Sunday".
std::string_view weekday_name(std::int64_t day);
/// The Monday of the ISO week holding `day`.
std::int64_t week_start(std::int64_t day);
/// "2026-W48".
std::string iso_week_label(std::int64_t day);

}  // namespace rk
