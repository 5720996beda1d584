#pragma once
// The whole load picture for the `load` command, the web view and the charts: daily and weekly
// rows with their signals, every run's spike, gaps and coverage, computed over the full history
// (so that a --from/--to view still sees the weeks before it).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/activity.h"
#include "load/series.h"
#include "load/signals.h"
#include "load/thresholds.h"

namespace rk {

/// A signal worth a line, with how much weight it can bear.
struct Flag {
  std::string id;         // "spike.moderate", "weekly.change", "acwr.context", "monotony.high"
  std::string text;       // one plain line naming the numbers
  std::string certainty;  // "moderate", "low", "descriptive"
  std::string citation;   // id in data/citations.yaml
};

struct DayRow {
  DayLoad load;
  std::optional<double> acwr_ewma;
  std::optional<double> acwr_uncoupled;
  std::vector<Flag> flags;
};

struct WeekRow {
  WeekLoad load;
  bool partial = false;                 // the history starts or ends inside this week
  std::optional<double> change_1w_pct;  // running distance vs the week before
  std::optional<double> change_2w_pct;  // this + previous week vs the two before
  std::optional<double> monotony;       // Foster, running distance per day
  std::optional<double> strain;
  std::vector<Flag> flags;
};

struct LoadReport {
  std::int64_t first_day = 0;  // first local day with any activity
  std::int64_t today = 0;      // local day of now (offset of the latest activity)
  int days_covered = 0;        // first_day .. today inclusive
  std::vector<DayRow> days;
  std::vector<WeekRow> weeks;
  std::vector<RunLoad> runs;
  std::vector<Gap> gaps;
  std::vector<std::string> coverage_notes;
  LoadThresholds thresholds;  // the figures it was computed with (from data/), for its text
};

/// Local offset used for "today": the latest activity's, else UTC.
std::int32_t latest_offset(const std::vector<Activity>& activities);

LoadReport analyze_load(const std::vector<Activity>& activities, std::int64_t now_utc,
                        const LoadThresholds& t, const HeartRateProfile& hr = {});

/// The spike line for one run, e.g. "Tuesday 2026-11-17: 19.6 km, 40% longer than the longest
/// run of the previous 30 days (14.0 km)"; the figures it names are `t`'s.
std::string describe_spike(const RunLoad& r, const LoadThresholds& t);

}  // namespace rk
