#pragma once
// Shared helpers for the plan tests: rules from the compiled-in data, diary entries by day.

#include <gtest/gtest.h>

#include "plan/adapt.h"
#include "plan/rules.h"
#include "support/knowledge.h"

namespace rk::plan::testing {

inline const PlanRules& rules() {
  static const PlanRules r = [] {
    auto loaded = plan_rules(rk::testing::embedded_knowledge());
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return *loaded;
  }();
  return r;
}

inline constexpr std::int64_t kToday = 20417;  // 2025-11-25 is 20417; any day works

inline DiaryEntry run_entry(std::int64_t day, int during, int after, std::optional<int> morning) {
  DiaryEntry e;
  e.date = date_of_day(day);
  e.ran = true;
  e.pain_during = during;
  e.pain_after = after;
  e.pain_morning = morning;
  return e;
}

inline PlanInputs inputs_with(std::vector<DiaryEntry> diary) {
  PlanInputs in;
  in.has_assessment = true;  // an assessed runner: without a knee check there is no plan
  // ... whose knee check reported gradual pain of 0/10 (unknown pain or a sudden onset would
  // start with the return-to-run checks, hazard H5)
  in.assessment_pain = 0;
  in.answers["onset"] = {"gradual"};
  in.today = kToday;
  in.diary = std::move(diary);
  return in;
}

}  // namespace rk::plan::testing
