// The physio report (issue 14 item 6): a golden HTML and Markdown file from fixed data, the
// order of its sections, no Markdown in the HTML, and "not enough entries yet" for a short diary.

#include "plan/report.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "util/file_io.h"

namespace rk::plan {
namespace {

ReportData fixed_report() {
  ReportData d;
  d.today = "2026-11-25";
  d.today_day = *day_number("2026-11-25");
  ReportAssessment a;
  a.date = "2026-11-20";
  a.urgency_label = "See a clinician (GP or physiotherapist) within the next few days";
  a.urgency_reasons = {"Pain for 12 weeks or more should be checked."};
  a.picture = {{"Did the pain start suddenly or gradually?", "gradually, over runs or days"},
               {"Where does it hurt?", "inside of the knee, below the joint line"},
               {"Pain during running (0-10)", "4"},
               {"Pain after running (0-10)", "5"},
               {"Pain the next morning (0-10)", "2"},
               {"How many weeks have you had this pain?", "12"},
               {"Is it getting better, the same or worse?", "worse"}};
  a.warning_signs = {{"Is the knee swollen?", "no"},
                     {"Does the knee lock?", "yes", true},
                     {"Is the knee hot and red?", "not answered"}};
  a.red_flags = {"The knee locks. See a clinician within days."};
  a.medicine_answers = {{"A past stomach ulcer or bleed?", "yes", true}};
  a.medicines = {{"Paracetamol", "suitable: 1 g; at most 4 g in 24 hours"},
                 {"Ibuprofen tablets", "avoid: a past stomach ulcer or bleed", true}};
  a.causes = {{"Overuse and load spikes", "strong fit: the long run grew by 50%"}};
  a.conditions = {{"Pes anserine bursitis", "some fit; a clinician may check: tenderness"}};
  a.spike = "Sunday 2026-11-15: 21.0 km, 50% longer than the longest run of the previous 30 days "
            "(14.0 km).";
  d.assessment = a;
  for (int i = 1; i <= 20; ++i) d.runs.push_back({d.today_day - 3 * i, 8.0 + i % 3, 48});
  for (const char* date : {"2026-11-21", "2026-11-22", "2026-11-24"}) {
    DiaryEntry e;
    e.date = date;
    e.pain_during = 3;
    e.pain_after = 4;
    e.pain_morning = 2;
    e.run_km = 8;
    d.diary.push_back(e);
  }
  d.diary[1].swelling = true;
  KoosScore before, after;
  before.subscales = {{"pain", "Pain", 9, 9, 61.1}, {"symptoms", "Symptoms", 7, 7, 71.4}};
  after.subscales = {{"pain", "Pain", 9, 9, 75.0}, {"symptoms", "Symptoms", 7, 7, 75.0}};
  d.koos = {{"2026-10-01", before}, {"2026-11-20", after}};
  d.koos_threshold = 10;
  d.plan.headline = "Cleared to train: starting at 'Walk/run stage 2'";
  PlanWeek w;
  w.index = 1;
  w.start_date = "2026-11-25";
  w.stage_title = "Walk/run stage 2";
  w.planned_km = 6;
  Session run;
  run.date = "2026-11-25";
  run.title = "Walk/run";
  run.details = "6 x (2 min run, 3 min walk)";
  run.distance_km = 3.0;
  run.why = "Small steps back to running.";
  Session strength;
  strength.date = "2026-11-26";
  strength.kind = SessionKind::kStrength;
  strength.title = "Hip, glute and thigh strengthening";
  strength.exercises = {{"clamshell", "Clamshells", 3, 15, "reps", {}, ""},
                        {"side_plank", "Side plank", 3, 20, "s hold", {}, ""}};
  strength.why = "Strong hips help control the knee.";
  w.sessions = {run, strength};
  d.plan.weeks = {w};
  DecisionRecord hold;
  hold.date = "2026-11-22";
  hold.decision = Decision::kHold;
  hold.stage_before = hold.stage_after = 2;
  hold.reason = "pain after 4/10: hold";
  hold.rule = "plan.pain_after_max";
  hold.citation = "silbernagel2007";
  d.decisions = {hold};
  return d;
}

void expect_golden(const std::string& got, const std::string& name) {
  const std::string path = std::string(RUNKNEE_TESTDATA) + "/present/" + name;
  if (std::getenv("RUNKNEE_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << got;
    GTEST_SKIP() << "wrote " << path;
  }
  auto want = read_file_text(path);
  ASSERT_TRUE(want) << path << " (RUNKNEE_UPDATE_GOLDEN=1 writes it)";
  EXPECT_EQ(got, *want) << "differs from " << path;
}

TEST(PhysioReport, HtmlMatchesTheGoldenFile) {
  expect_golden(render_report_html(fixed_report()), "report.golden.html");
}

TEST(PhysioReport, MarkdownMatchesTheGoldenFile) {
  expect_golden(render_report_md(fixed_report()), "report.golden.md");
}

TEST(PhysioReport, LeadsWithTheClinicalPictureThenUrgencyLoadDiaryKoosPlan) {
  const std::string html = render_report_html(fixed_report());
  std::size_t at = 0;
  for (const char* h : {"<h2>Clinical picture</h2>", "<h2>Warning signs asked</h2>",
                        "<h2>Medicines and contraindications</h2>", "<h2>Urgency and reasons</h2>",
                        "<h2>Load around the onset</h2>", "<h2>Pain diary and adherence</h2>",
                        "<h2>KOOS</h2>", "<h2>Plan and its decisions</h2>"}) {
    const auto p = html.find(h, at);
    ASSERT_NE(p, std::string::npos) << h << " missing or out of order";
    at = p;
  }
  for (const char* want : {"gradually, over runs or days", "Pain the next morning (0-10)",
                           "<tr class=\"flag\"><td>Does the knee lock?</td><td>yes</td>",
                           "Is the knee hot and red?</td><td>not answered",
                           "A past stomach ulcer or bleed?", "Ibuprofen tablets",
                           "50% longer than the longest run", "Clamshells: 3 × 15",
                           "Side plank: 3 × 20 s hold", "+13.9, meaningful", "@media print",
                           "prefers-color-scheme:dark", "aria-label=\"Pain over time\"",
                           "Diary entries on 3 of the last 28 days"})
    EXPECT_NE(html.find(want), std::string::npos) << want;
  // No Markdown leaks into the HTML.
  for (const char* md : {"**", "*Why:*", "`", "\n- ", "\n## ", "|---"})
    EXPECT_EQ(html.find(md), std::string::npos) << md;
}

TEST(PhysioReport, ShortDiaryAndNoRunsSayNotEnoughInsteadOfEmptyCharts) {
  ReportData d = fixed_report();
  d.diary.resize(1);
  d.runs.clear();
  const std::string html = render_report_html(d);
  EXPECT_NE(html.find("Not enough entries yet for a pain chart (1 with a pain score"),
            std::string::npos);
  EXPECT_EQ(html.find("aria-label=\"Pain over time\""), std::string::npos);
  EXPECT_NE(html.find("No runs stored yet, so there is no load chart."), std::string::npos);
  EXPECT_EQ(html.find("aria-label=\"Weekly running distance\""), std::string::npos);
}

TEST(PhysioReport, CommandsQuotedInThePlanLeaveNoBackticks) {
  ReportData d = fixed_report();
  d.plan.weeks[0].sessions[0].details = "Log it: `runknee log --walk-ok yes|no`.";
  for (const std::string& out : {render_report_html(d), render_report_md(d)})
    EXPECT_EQ(out.find('`'), std::string::npos);
}

TEST(PhysioReport, WithoutAKneeCheckSaysSo) {
  ReportData d = fixed_report();
  d.assessment.reset();
  const std::string html = render_report_html(d);
  EXPECT_NE(html.find("No knee check saved yet."), std::string::npos);
  EXPECT_EQ(html.find("runknee assess"), std::string::npos) << "no CLI syntax in the report";
}

}  // namespace
}  // namespace rk::plan
