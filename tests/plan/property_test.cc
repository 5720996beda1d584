// Property test: for many generated histories, diaries, assessments and plan states, no plan
// ever breaks its own caps.

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include "plan/generator.h"
#include "test_helpers.h"

namespace rk::plan {
namespace {

using testing::kToday;
using testing::rules;

struct Case {
  PlanInputs in;
  PlanState state;
  int weeks = 6;
};

Case random_case(std::mt19937& rng) {
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
  Case c;
  c.in.has_assessment = true;
  c.in.today = kToday;
  const Urgency levels[] = {Urgency::kSelfCare, Urgency::kSelfCare, Urgency::kSelfCare,
                            Urgency::kSoon,     Urgency::kUrgent,   Urgency::kEmergency};
  c.in.urgency = levels[pick(0, 5)];
  c.in.assessment_red_flags = pick(0, 4) == 0;
  for (const char* id : {"overuse", "poor_form", "hip_weakness", "foot_mechanics"}) {
    if (pick(0, 1)) c.in.causes.push_back({id, uni(0, 1)});
  }
  if (pick(0, 1)) c.in.cadence_spm = uni(150, 185);
  const int runs = pick(0, 40);
  for (int i = 0; i < runs; ++i) {
    const double km = uni(1, 30);
    c.in.runs.push_back({kToday - pick(1, 70), km, km * uni(4.5, 8)});
  }
  std::sort(c.in.runs.begin(), c.in.runs.end(),
            [](const PastRun& a, const PastRun& b) { return a.day < b.day; });
  std::set<std::int64_t> days;
  for (int i = 0, n = pick(0, 15); i < n; ++i) days.insert(kToday - pick(0, 30));
  for (auto d : days) {
    DiaryEntry e;
    e.date = date_of_day(d);
    e.ran = pick(0, 3) > 0;
    if (e.ran) {
      const bool flare = pick(0, 5) == 0;  // mostly low pain, sometimes a flare
      e.pain_during = flare ? pick(0, 8) : pick(0, 3);
      e.pain_after = flare ? pick(0, 8) : pick(0, 3);
    }
    if (pick(0, 3) > 0) e.pain_morning = pick(0, 6);
    if (pick(0, 2) == 0) e.stiffness_min = pick(0, 40);
    e.swelling = pick(0, 9) == 0;
    e.locking = pick(0, 40) == 0;
    e.night_pain = pick(0, 40) == 0;
    if (pick(0, 4) == 0) {
      e.brisk_walk_pain_free = pick(0, 3) > 0;
      e.hop_pain_free = pick(0, 3) > 0;
    }
    c.in.diary.push_back(e);
  }
  c.state.stage = pick(-1, rules().build_stage());
  c.weeks = pick(1, 12);
  return c;
}

double longest_before(const std::vector<PastRun>& runs, std::int64_t day) {
  double m = 0;
  for (const auto& r : runs) {
    if (r.day >= day - 30 && r.day < day) m = std::max(m, r.km);
  }
  return m;
}

std::set<std::string> citation_ids() {
  std::ifstream f(std::string(RUNKNEE_SOURCE_DIR) + "/data/citations.yaml");
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string text = ss.str();
  std::set<std::string> ids;
  const std::regex re("- id: ([a-z0-9_]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    ids.insert((*it)[1]);
  }
  return ids;
}

TEST(PlanProperty, NeverBreaksItsOwnCaps) {
  std::mt19937 rng(20251125);
  const auto cites = citation_ids();
  int running_plans = 0, capped_runs = 0;
  for (int n = 0; n < 500; ++n) {
    auto c = random_case(rng);
    update_state(c.state, c.in, rules());
    const auto plan = generate_plan(c.in, c.state, rules(), c.weeks);
    SCOPED_TRACE(::testing::Message() << "case " << n << " urgency " << urgency_name(c.in.urgency));
    auto runs = c.in.runs;
    // Weeks are Monday weeks; the first one's runs before today count towards it.
    const auto monday = kToday - weekday_of(kToday);
    double prev_week = 0, done = 0;
    for (const auto& r : c.in.runs) {
      if (r.day >= monday - 7 && r.day < monday) prev_week += r.km;
      if (r.day >= monday && r.day < kToday) done += r.km;
    }
    bool any_run = false;
    for (const auto& w : plan.weeks) {
      EXPECT_EQ(weekday_of(*day_number(w.start_date)), 0) << w.start_date;  // a Monday
      double week_km = w.index == 1 ? done : 0;
      for (const auto& s : w.sessions) {
        EXPECT_FALSE(s.why.empty());
        EXPECT_TRUE(cites.empty() || cites.count(s.citation)) << s.citation;
        if (!s.is_running()) continue;
        any_run = true;
        ASSERT_TRUE(plan.cleared) << "running planned while not cleared";
        ASSERT_TRUE(s.distance_km);
        const double longest = longest_before(runs, s.day);
        if (longest > 0) {
          EXPECT_LE(*s.distance_km, longest * 1.10 + 1e-9) << s.date;
        }
        capped_runs += s.capped;
        runs.push_back({s.day, *s.distance_km, 0});
        week_km += *s.distance_km;
      }
      if (prev_week > 0) {
        // Runs already done this week cannot be undone; nothing is planned on top of them
        // once they reach the cap.
        const double floor = w.index == 1 ? done : 0;
        EXPECT_LE(week_km, std::max(prev_week * 1.10, floor) + 1e-9) << "week " << w.index;
      }
      for (const auto& s : w.sessions) {
        EXPECT_GE(s.day, kToday) << "no session on a past day";
        EXPECT_LT(s.day, *day_number(w.start_date) + 7) << "sessions stay in their week";
      }
      prev_week = week_km;
    }
    running_plans += any_run;
  }
  // The generator must actually be exercised: many plans run, and the caps bite sometimes.
  EXPECT_GT(running_plans, 100);
  EXPECT_GT(capped_runs, 0);
}

}  // namespace
}  // namespace rk::plan
