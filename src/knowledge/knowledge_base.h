#pragma once
// The knowledge base: every health statement, rule, question, exercise and citation runknee
// uses, loaded from data/*.yaml (compiled into the binary, or a folder given with --knowledge)
// and validated as a whole before anything runs. A bad entry is reported as
// "causes.yaml:42: cause 'overuse': missing field 'name'"; all problems are listed at once.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/predicate.h"
#include "util/expected.h"

namespace rk {

struct Citation {
  std::string id, text, kind;
};

struct Threshold {
  std::string id;
  double value = 0;
  std::string unit, meaning, citation;
};

enum class QuestionType { kBool, kInt, kNumber, kEnum, kMulti, kText };
std::string_view to_string(QuestionType t);

struct Choice {
  std::string id, label;
};

struct Question {
  std::string id, section, prompt, help;
  QuestionType type = QuestionType::kBool;
  std::vector<Choice> values;      // enum and multi
  std::optional<double> min, max;  // int and number; max is the length limit for text
  std::optional<Predicate> ask_if;
  bool required = false;
  // Asked only when runs pre-fill the Training answers (is the store missing runs?): a question
  // about the stored runs means nothing to a runner who has imported none.
  bool only_with_runs = false;
};

/// What the questions say about one of their sections: why it matters (said before it), and
/// what skipping answers there means (`skipped_notice`, with the number of skipped answers as
/// {count}).
struct QuestionSection {
  std::string section, intro, skipped_notice;
  // Training answers pre-filled from the runner's stored runs (issue 12): the label shown with
  // a pre-filled value, and the note when an answer and the runs disagree ({question},
  // {answer}, {runs}, {unit}).
  std::string from_runs_label, runs_used_note;
};

struct DerivedFact {
  std::string id, meaning;
  QuestionType type = QuestionType::kNumber;  // number, or bool for the facts triage sets
};

/// One scoring rule: when `when` holds, `weight` is added and `reason` is shown.
struct Rule {
  std::string id;
  Predicate when;
  double weight = 0;
  std::string reason, citation;
};

/// What causes and conditions share: a base score plus weighted rules over the answers.
struct ScoredItem {
  std::string id, name, summary, citation;
  double base = 0;
  std::vector<Rule> rules;
};

struct Cause : ScoredItem {
  std::vector<std::string> would_change;
};

struct Condition : ScoredItem {
  std::vector<std::string> clinician_checks;
};

struct UrgencyLevel {
  std::string id, label;
};

struct RedFlag {
  std::string id, text;
  Predicate when;
  std::string urgency, action, citation;
  /// What the flag may mean (fracture, bone_stress, haemarthrosis, dvt, infection, ...).
  std::string kind;
  /// True when, whatever the urgency, the advice must become "until you are seen" (no running,
  /// no stretching or reloading, no anti-inflammatory tablets).
  bool until_seen = false;
};

struct UrgencyRule {
  std::string id, text;
  Predicate when;
  std::string urgency, citation;
};

struct OttawaItem {
  std::string id, text;
  Predicate when;
  std::string citation;
};

struct OttawaRule {
  std::string id, text;
  Predicate applies_when;  // when a positive item counts (unknown timing still counts)
  std::string urgency, action, citation;
  std::vector<OttawaItem> items;
  /// The reassurance, said only when `negative_when` holds and every item was answered "no".
  Predicate negative_when;
  std::string negative_text, negative_citation;
};

struct ReliefStep {
  std::string id, title, how, timing, citation;
  std::string why;      // why the step helps (shown with it)
  std::string summary;  // its one line on the one-screen summary
  std::string avoid;    // what it asks the runner not to do (may be empty)
  std::optional<Predicate> skip_if;
  std::optional<Predicate> first_if;  // shown ahead of the others when it holds
};

struct Caveat {
  std::string text, citation;
};

struct Contraindication {
  std::string id;
  Predicate when;
  std::string reason, citation;
};

struct Caution {
  std::string id;
  Predicate when;
  std::string note, citation;
};

struct Medication {
  std::string id, name, kind, dose, interval, daily_max, notes, citation;  // kind: oral_nsaid...
  std::vector<Contraindication> contraindications;  // holds -> avoid; unanswered -> check_first
  std::vector<Contraindication> check_first;        // holds -> ask a pharmacist or doctor first
  std::vector<Caution> cautions;
};

/// A statement about painkillers shown when `when` holds (e.g. no aspirin under 16).
struct MedicationNote {
  std::string id;
  Predicate when;
  std::string text, citation;
};

/// A warning sign in a pain-diary entry (data/diary.yaml): when `when` holds over the entry's
/// yes/no fields (`diary_fields`), the plan stops and `text` says why.
struct DiaryRedFlagRule {
  std::string id, text;
  Predicate when;
  std::string urgency, citation;
};

struct Strategy {
  std::string id, title, why;
  std::vector<std::string> for_causes;
  bool always = false;
  std::string citation;
  std::vector<std::string> exercises;
  std::optional<Predicate> skip_if;
};

struct Exercise {
  std::string id, name, target, how;
  int sets = 0;
  std::optional<int> reps, hold_s;
  std::string progression, citation;
};

struct AnatomyEntry {
  std::string id, name, what, how_it_hurts, citation;
};

struct FaqEntry {
  std::string id, question, answer, citation;
};

/// Everything the data files hold, in file order.
struct KnowledgeData {
  std::vector<Citation> citations;
  std::vector<Threshold> thresholds;
  std::vector<Question> questions;
  std::vector<QuestionSection> question_sections;
  std::vector<DerivedFact> derived;
  std::vector<Cause> causes;
  std::vector<Condition> conditions;
  std::vector<UrgencyLevel> urgency_levels;
  std::vector<RedFlag> red_flags;
  std::optional<OttawaRule> ottawa;
  std::vector<UrgencyRule> urgency_rules;
  std::vector<ReliefStep> relief_steps;
  std::optional<Caveat> caveat;
  std::vector<Medication> medications;
  std::vector<MedicationNote> medication_notes;
  std::vector<std::string> diary_fields;  ///< the diary entry's yes/no fields rules may name
  std::vector<DiaryRedFlagRule> diary_red_flags;
  std::vector<Strategy> strategies;
  std::vector<Exercise> exercises;
  std::vector<AnatomyEntry> anatomy;
  std::vector<FaqEntry> faq;
  std::string disclaimer;
  std::string version;  ///< data/version.yaml: which rules produced a result
};

/// A named YAML text, e.g. {"causes.yaml", "..."}.
struct KnowledgeFile {
  std::string name;
  std::string text;
};

/// Thresholds the code reads without a fallback (one value per fact, in data/); a knowledge base
/// without one of them is refused.
const std::vector<std::string>& required_threshold_ids();

class KnowledgeBase {
 public:
  /// The files compiled into the binary (data/*.yaml at build time).
  static Expected<KnowledgeBase> load_embedded();
  /// Every *.yaml file in `dir`, in name order.
  static Expected<KnowledgeBase> load_dir(const std::filesystem::path& dir);
  /// Parses and validates; the error lists every problem, one "file:line: message" per line.
  static Expected<KnowledgeBase> load_files(const std::vector<KnowledgeFile>& files);

  const Threshold* threshold(std::string_view id) const;  // nullptr when absent
  const Citation* citation(std::string_view id) const;
  const Question* question(std::string_view id) const;
  /// What data/questions.yaml says about a section of questions; nullptr when nothing.
  const QuestionSection* question_section(std::string_view section) const;
  const Cause* cause(std::string_view id) const;
  const Condition* condition(std::string_view id) const;
  const Exercise* exercise(std::string_view id) const;
  const UrgencyLevel* urgency_level(std::string_view id) const;
  /// threshold(id)->value, or `fallback` when the threshold is absent.
  double threshold_or(std::string_view id, double fallback) const;

  const KnowledgeData& data() const { return data_; }
  /// The knowledge base's version (data/version.yaml), named by `--version` and in reports.
  const std::string& version() const { return data_.version; }
  const std::vector<Question>& questions() const { return data_.questions; }
  const std::vector<Cause>& causes() const { return data_.causes; }
  const std::vector<Condition>& conditions() const { return data_.conditions; }
  const std::vector<RedFlag>& red_flags() const { return data_.red_flags; }
  const std::vector<Exercise>& exercises() const { return data_.exercises; }
  const std::vector<Strategy>& strategies() const { return data_.strategies; }
  const std::vector<FaqEntry>& faq() const { return data_.faq; }
  const std::vector<AnatomyEntry>& anatomy() const { return data_.anatomy; }

 private:
  explicit KnowledgeBase(KnowledgeData data);
  KnowledgeData data_;
  // Question id -> index into data_.questions: the assessment looks questions up in hot loops.
  std::map<std::string, std::size_t, std::less<>> question_index_;
};

}  // namespace rk
