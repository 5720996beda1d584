#pragma once
// The one-screen summary of an assessment: urgency and what to do, the top causes with one
// reason each, what to do today and what to avoid. Built from the stored result JSON (so saved
// assessments summarise the same way); the CLI prints it after the last answer (`--full` for
// everything) and the web shows the same items at the top of the result page.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/knowledge_base.h"

namespace rk {

/// {"level", "label", "why", "more_reasons", "causes": [{"name", "fit", "reason"}],
///  "today": [text], "avoid": [text], "disclaimer"}: plain sentences, no ids. `plan_today`
/// (what the plan says about today, app::plan_today_lines) leads "today": the plan alone decides
/// whether the runner runs today (hazard H8), the relief steps follow it.
/// How the plan's headline starts in `plan_today`; the text summary never cuts that line short.
inline constexpr std::string_view kSummaryPlanLead = "Your plan:";
nlohmann::json assessment_summary(const KnowledgeBase& kb, const nlohmann::json& result,
                                  const std::vector<std::string>& plan_today = {});

/// The summary as terminal text: at most kSummaryMaxLines lines of at most 80 columns.
/// `more` says how to see everything (e.g. "runknee show-assessment 3 --full").
inline constexpr int kSummaryMaxLines = 25;
std::string render_summary_text(const KnowledgeBase& kb, const nlohmann::json& result,
                                const std::string& more,
                                const std::vector<std::string>& plan_today = {});

}  // namespace rk
