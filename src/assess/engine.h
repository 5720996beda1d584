#pragma once
// The assessment: triage (urgency), the five causes, the conditions the picture is consistent
// with, an instant-relief protocol with painkillers fitted to the person, and long-term
// strategies. Deterministic: the same answers, history and knowledge base give the same
// result, and every statement names the rule and the citation behind it. The JSON form is the
// stable contract documented in docs/assessment.md (schema_version 1).

#include <cstdint>
#include <map>
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
  std::string urgency, kind;
  bool until_seen = false;
};

struct ScoredCause {
  std::string id, name;
  double score = 0;
  std::vector<Reason> reasons;
  std::vector<std::string> would_change;
  std::string fit = {};  // strong | some | weak: shown instead of the number
};

struct ScoredCondition {
  std::string id, name;
  double score = 0;
  std::vector<Reason> reasons;
  std::vector<std::string> clinician_checks;
  std::string fit = {};
};

struct ReliefStepOut {
  std::string id, title, how, timing, citation;
  std::string why, summary, avoid;
};

struct MedicationOut {
  std::string id, name, dose, interval, daily_max, notes, citation;
};

struct MedicationAvoid {
  std::string id, reason;
  std::vector<std::string> rules;
  std::string citation;
  std::string name = {};  // what the user reads (the id never reaches a user)
};

/// A medicine to check with a pharmacist or doctor first: a check_first rule holds (a child's
/// dose, liver disease for paracetamol) or a question a contraindication depends on was not
/// answered. No dose is given: the reasons say what to ask.
struct MedicationCheck {
  std::string id, name, reason;
  std::vector<std::string> rules;       // the check_first and unresolved contraindication ids
  std::vector<std::string> unanswered;  // question ids whose answers would settle it
  std::string citation;
};

struct MedicationNoteOut {
  std::string id, text, citation;
};

/// What the plan's clearance and the front ends need, in one typed place (JSON "safety").
struct SafetySummary {
  bool until_seen = false;    // advice is "until you are seen"
  bool any_red_flag = false;  // a red flag or an Ottawa item holds
  std::vector<std::string> red_flag_kinds;
  std::optional<double> pain_during, pain_after, pain_morning, max_pain;
  std::optional<bool> limp;  // weight_bearing limp or cannot; nullopt when not answered
  bool cannot_bear_weight = false;
  std::optional<bool> locking, catching;
  std::optional<std::string> giving_way;  // never | sometimes | caused_fall
  bool mechanical_symptoms = false;       // locking, catching with giving way, or a fall
  bool bone_stress_suspected = false;     // a bone_stress or fracture flag holds
  /// Warning-sign questions left unanswered whose answer could change the urgency.
  std::vector<std::string> unanswered_warning_signs;
  /// Painkiller-safety questions left unanswered (they keep medicines under check_first).
  std::vector<std::string> unanswered_painkiller_questions;
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
  std::vector<MedicationCheck> check_first;
  std::vector<MedicationAvoid> avoid;
  std::vector<MedicationNoteOut> medication_notes;
  SafetySummary safety;
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

/// Readable terminal text from the JSON (so saved assessments re-render the same way):
/// urgency banner first, the disclaimer always, citations listed at the end.
std::string render_text(const KnowledgeBase& kb, const nlohmann::json& result);

// Exposed for tests: the pieces assess() is built from.
UrgencyResult triage(const KnowledgeBase& kb, const Facts& facts,
                     std::vector<RedFlagHit>* red_flags);

/// Three-valued truth of a rule over partial answers: kUnknown when a question the rule needs
/// was not answered (and could still be asked) and its answer could decide the rule.
enum class Truth { kFalse, kTrue, kUnknown };
/// The three-valued facts triage sets (until_seen, any_red_flag) and, when unknown, the
/// unanswered questions that leave them open.
struct DerivedTruth {
  std::map<std::string, Truth> truth;
  std::map<std::string, std::vector<std::string>> open_questions;
};
Truth evaluate3(const KnowledgeBase& kb, const Predicate& p, const Facts& facts,
                const DerivedTruth* derived = nullptr);
/// The unanswered question ids that make `p` unknown (empty unless evaluate3 gives kUnknown).
std::vector<std::string> unknown_questions(const KnowledgeBase& kb, const Predicate& p,
                                           const Facts& facts,
                                           const DerivedTruth* derived = nullptr);
/// "strong", "some" or "weak" for a rule score (thresholds in data/scoring.yaml).
std::string fit_word(const KnowledgeBase& kb, double score);
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
