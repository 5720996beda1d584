#pragma once
// A printable report for a physiotherapist. It leads with the clinical picture (onset,
// mechanism, location, pain during/after/morning, duration and trend, every warning sign asked
// and its answer, medicines and their safety answers), then urgency and reasons, the load
// around the onset (chart and spike), the diary and adherence, KOOS with changes, and the plan
// and its decisions. Markdown or HTML (printable, with a print stylesheet), both built from one
// list of blocks so no Markdown reaches the HTML; a chart with too few points says so.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plan/generator.h"
#include "plan/koos.h"
#include "plan/report_assessment.h"
#include "plan/settings.h"

namespace rk::plan {

struct ReportData {
  std::string today;
  std::optional<ReportAssessment> assessment;  // the latest knee check, in words
  std::vector<PastRun> runs;
  std::vector<DiaryEntry> diary;
  std::vector<std::pair<std::string, KoosScore>> koos;  // date, score; oldest first
  double koos_threshold = 10;
  Plan plan;
  std::vector<DecisionRecord> decisions;
  std::string load_chart_svg;  // from the load module when available; else our weekly bars
  std::string exercise_adherence;  // the strengthening adherence sentence (plan/exercise.h)
  Units units = Units::kKm;         // distances in the runner's units (`config set units`)
  std::int64_t today_day = 0;
};

/// Entries with a pain score a chart needs before it draws a line.
inline constexpr std::size_t kPainChartMinEntries = 2;
std::string pain_chart_svg(const std::vector<DiaryEntry>& diary);
std::string weekly_km_chart_svg(const std::vector<PastRun>& runs, std::int64_t today, int weeks,
                                Units u = Units::kKm);

std::string render_report_md(const ReportData& d);
std::string render_report_html(const ReportData& d);

}  // namespace rk::plan
