#pragma once
// Plain-text views for the terminal: the diary, the plan, today.

#include <string>
#include <vector>

#include "plan/generator.h"
#include "plan/koos.h"
#include "plan/settings.h"

namespace rk::plan {

/// Distances in `u` (the runner's setting); JSON output stays in kilometres.
std::string render_diary_text(const std::vector<DiaryEntry>& diary, Units u = Units::kKm);
std::string render_plan_text(const Plan& p, Units u = Units::kKm);
/// `exercises_listed_below`: the caller prints the day's exercises once, as its tick-off list, so
/// the sessions leave them out.
std::string render_today_text(const TodayView& t, Units u = Units::kKm,
                              bool exercises_listed_below = false);
std::string render_koos_text(const KoosScore& s);
/// One line per subscale: before -> after (delta, meaningful or within noise).
std::string render_koos_changes_text(const std::vector<KoosChange>& changes, double threshold);

}  // namespace rk::plan
