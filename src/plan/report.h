#pragma once
// A printable report for a physiotherapist: the latest assessment, load and pain charts (inline
// SVG), KOOS history with meaningful changes marked, the plan and its decisions. Markdown or
// HTML; both self-contained.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plan/generator.h"
#include "plan/koos.h"

namespace rk::plan {

struct ReportData {
  std::string today;
  std::optional<std::string> assessment_json;  // latest result, as stored
  std::string assessment_date;
  std::vector<PastRun> runs;
  std::vector<DiaryEntry> diary;
  std::vector<std::pair<std::string, KoosScore>> koos;  // date, score; oldest first
  double koos_threshold = 10;
  Plan plan;
  std::vector<DecisionRecord> decisions;
  std::string load_chart_svg;  // from the load module when available; else our weekly bars
  std::int64_t today_day = 0;
};

std::string pain_chart_svg(const std::vector<DiaryEntry>& diary);
std::string weekly_km_chart_svg(const std::vector<PastRun>& runs, std::int64_t today, int weeks);

std::string render_report_md(const ReportData& d);
std::string render_report_html(const ReportData& d);

}  // namespace rk::plan
