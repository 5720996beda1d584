#pragma once
// The assessment: triage (urgency), the five causes, the conditions the picture is consistent
// with, an instant-relief protocol with painkillers fitted to the person, and long-term
// strategies. Deterministic: the same answers, history and knowledge base give the same
// result, and every statement names the rule and the citation behind it. The JSON form is the
// stable contract documented in docs/assessment.md (schema_version 1).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "assess/answers.h"
#include "knowledge/knowledge_base.h"
#include "load/summary.h"

namespace rk {

struct Reason {
  std::string text;
  std::string source;  // "answer" or "history"
  std::string rule;
  std::string citation;
};

struct UrgencyResult {
  std::string level;  // emergency | urgent | soon | self_care
  std::string label;
  std::vector<Reason> reasons;  // the rules at the winning level
};

struct RedFlagHit {
  std::string id, text, action, citation;
};

struct ScoredCause {
  std::string id, name;
  double score = 0;
  std::vector<Reason> reasons;
  std::vector<std::string> would_change;
};

struct ScoredCondition {
  std::string id, name;
  double score = 0;
  std::vector<Reason> reasons;
  std::vector<std::string> clinician_checks;
};

struct ReliefStepOut {
  std::string id, title, how, timing, citation;
};

struct MedicationOut {
  std::string id, name, dose, interval, daily_max, notes, citation;
};

struct MedicationAvoid {
  std::string id, reason;
  std::vector<std::string> rules;
  std::string citation;
};

struct LongTermOut {
  std::string id, title, why;
  std::vector<std::string> for_causes;
  std::string citation;
  std::vector<std::string> exercises;
};

struct Assessment {
  std::int64_t created_utc = 0;
  std::string disclaimer;
  UrgencyResult urgency;
  std::vector<RedFlagHit> red_flags;
  std::vector<ScoredCause> causes;          // all five, best first
  std::vector<ScoredCondition> conditions;  // those at or above the listing threshold
  std::vector<ReliefStepOut> relief_steps;
  std::vector<MedicationOut> recommended;
  std::vector<MedicationAvoid> avoid;
  std::string caveat, caveat_citation;
  std::vector<LongTermOut> long_term;
  std::optional<TrainingSummary> training;
  Answers answers;
};

struct AssessmentInput {
  Answers answers;
  std::optional<TrainingSummary> training;  // from imported runs; answers override it
  std::int64_t created_utc = 0;
};

Assessment assess(const KnowledgeBase& kb, const AssessmentInput& input);

nlohmann::json to_json(const KnowledgeBase& kb, const Assessment& a);
nlohmann::json training_to_json(const TrainingSummary& t);

/// Readable terminal text from the JSON (so saved assessments re-render the same way):
/// urgency banner first, the disclaimer always, citations listed at the end.
std::string render_text(const KnowledgeBase& kb, const nlohmann::json& result);

// Exposed for tests: the pieces assess() is built from.
UrgencyResult triage(const KnowledgeBase& kb, const Facts& facts,
                     std::vector<RedFlagHit>* red_flags);
/// Ottawa items that hold (empty without an acute injury, whatever the answers).
std::vector<std::string> ottawa_positive_items(const KnowledgeBase& kb, const Facts& facts);
/// Reasons from the training history for one cause (overuse, poor_form), with score deltas.
struct HistoryReason {
  Reason reason;
  double weight = 0;
};
std::vector<HistoryReason> history_reasons(const KnowledgeBase& kb, std::string_view cause_id,
                                           const TrainingSummary& t, const Facts& facts);

}  // namespace rk
