#pragma once
// Answers to the assessment's questions (data/questions.yaml), validated against the question
// catalogue. Both front ends produce them: a JSON object {"question_id": value, ...} (answers
// file, web form) and the interactive questionnaire (one typed line per question).

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "util/expected.h"

namespace rk {

/// bool for bool questions, double for int and number, string for enum and text, a list of
/// value ids for multi.
using AnswerValue = std::variant<bool, double, std::string, std::vector<std::string>>;

/// Answers plus derived facts (weekly_change_pct, ...), keyed by id. Absent = not answered.
using Facts = std::map<std::string, AnswerValue>;

struct Answers {
  std::map<std::string, AnswerValue> values;
  const AnswerValue* find(std::string_view id) const;
};

/// Validates a JSON object of answers. Every problem is one line of the error:
/// "answers.json: 'age': 200 is out of range (5 to 110)". Answers to questions whose ask_if
/// does not hold (e.g. Ottawa items without an injury) are dropped, never used.
Expected<Answers> answers_from_json(const KnowledgeBase& kb, const nlohmann::json& j,
                                    std::string_view source);
/// Parses and validates a JSON text (syntax errors read "source: line 3, column 5: ...").
Expected<Answers> answers_from_text(const KnowledgeBase& kb, std::string_view text,
                                    std::string_view source);
nlohmann::json answers_to_json(const KnowledgeBase& kb, const Answers& a);

/// One interactive reply: "y", "3", "joint_line,2"... nullopt for an empty reply (skip).
/// The Error explains what is allowed.
Expected<std::optional<AnswerValue>> parse_reply(const Question& q, std::string_view reply);
/// Whether `q` is asked given the answers so far.
bool should_ask(const Question& q, const Facts& facts);

/// The answers plus the derived facts rules may use.
Facts compute_facts(const Answers& a);
/// The questions a fact computed by compute_facts() is made from (nullptr for an answer or a
/// fact set elsewhere).
const std::vector<std::string>* derived_sources(std::string_view fact);
/// Evaluates a knowledge-base predicate; comparisons with an unanswered question are false
/// (except `ne`, true, and `answered: false`).
bool evaluate(const Predicate& p, const Facts& facts);

/// "34", "19.6", "yes", "joint_line, below_joint_line": for reasons and the text rendering.
std::string format_value(const AnswerValue& v);
/// Replaces {id} in `text` with the fact's value ("?" when absent).
std::string fill_template(std::string_view text, const Facts& facts);

/// The answers schema for `runknee assess --questions --format json` and docs/assessment.md.
nlohmann::json questions_schema(const KnowledgeBase& kb);

}  // namespace rk
