// Checks across files: every citation, cause, exercise and urgency level that is referred to
// exists; ids are unique within their kind; predicates name known questions with values of the
// right type; reason templates name known answers; the assessment's required entries exist.

#include <map>
#include <regex>
#include <set>

#include "knowledge/parse.h"

namespace rk::knowledge {
namespace {

struct Subject {
  QuestionType type;
  const Question* question;  // nullptr for a derived fact
};

using Subjects = std::map<std::string, Subject>;

Subjects subjects_of(const KnowledgeData& data) {
  Subjects s;
  for (const auto& q : data.questions) s[q.id] = {q.type, &q};
  for (const auto& d : data.derived) s[d.id] = {d.type, nullptr};
  return s;
}

bool is_bool_text(const std::string& v) {
  return v == "true" || v == "false" || v == "yes" || v == "no";
}

bool is_number_text(const std::string& v) {
  char* end = nullptr;
  std::strtod(v.c_str(), &end);
  return !v.empty() && end == v.c_str() + v.size();
}

void check_value(const Predicate& p, const Subject& s, const std::string& v, Diagnostics& diag) {
  switch (s.type) {
    case QuestionType::kBool:
      if (!is_bool_text(v))
        diag.add(p.file, p.line, "condition on '{}': '{}' is not true or false", p.subject, v);
      return;
    case QuestionType::kInt:
    case QuestionType::kNumber:
      if (!is_number_text(v))
        diag.add(p.file, p.line, "condition on '{}': '{}' is not a number", p.subject, v);
      return;
    case QuestionType::kEnum:
    case QuestionType::kMulti:
      for (const auto& c : s.question->values)
        if (c.id == v) return;
      diag.add(p.file, p.line, "condition on '{}': '{}' is not one of its values", p.subject, v);
      return;
    case QuestionType::kText:
      return;
  }
}

void check_predicate(const Predicate& p, const Subjects& subjects, Diagnostics& diag) {
  using Op = Predicate::Op;
  if (p.op == Op::kAll || p.op == Op::kAny || p.op == Op::kNot) {
    for (const auto& c : p.children) check_predicate(c, subjects, diag);
    return;
  }
  const auto it = subjects.find(p.subject);
  if (it == subjects.end()) {
    diag.add(p.file, p.line, "condition names unknown question '{}'", p.subject);
    return;
  }
  const Subject& s = it->second;
  const bool numeric = s.type == QuestionType::kInt || s.type == QuestionType::kNumber;
  const bool multi = s.type == QuestionType::kMulti;
  switch (p.op) {
    case Op::kLt:
    case Op::kLte:
    case Op::kGt:
    case Op::kGte:
      if (!numeric)
        diag.add(p.file, p.line, "condition on '{}': only numbers can be compared", p.subject);
      return;
    case Op::kHas:
    case Op::kHasAny:
      if (!multi)
        diag.add(p.file, p.line, "condition on '{}': 'has' needs a multi-choice question",
                 p.subject);
      break;
    case Op::kAnswered:
      if (p.values.empty() || !is_bool_text(p.values.front()))
        diag.add(p.file, p.line, "condition on '{}': 'answered' takes true or false", p.subject);
      return;
    default:
      if (multi)
        diag.add(p.file, p.line, "condition on '{}': use 'has' or 'has_any' for a multi-choice",
                 p.subject);
      break;
  }
  for (const auto& v : p.values) check_value(p, s, v, diag);
}

template <class Fn>
void for_each_predicate(const KnowledgeData& d, Fn fn) {
  for (const auto& q : d.questions)
    if (q.ask_if) fn(*q.ask_if);
  for (const auto& c : d.causes)
    for (const auto& r : c.rules) fn(r.when);
  for (const auto& c : d.conditions)
    for (const auto& r : c.rules) fn(r.when);
  for (const auto& f : d.red_flags) fn(f.when);
  for (const auto& r : d.urgency_rules) fn(r.when);
  if (d.ottawa) {
    fn(d.ottawa->applies_when);
    fn(d.ottawa->negative_when);
    for (const auto& i : d.ottawa->items) fn(i.when);
  }
  for (const auto& s : d.relief_steps) {
    if (s.skip_if) fn(*s.skip_if);
    if (s.first_if) fn(*s.first_if);
  }
  for (const auto& m : d.medications) {
    for (const auto& c : m.contraindications) fn(c.when);
    for (const auto& c : m.check_first) fn(c.when);
    for (const auto& c : m.cautions) fn(c.when);
  }
  for (const auto& n : d.medication_notes) fn(n.when);
  for (const auto& s : d.strategies)
    if (s.skip_if) fn(*s.skip_if);
}

void check_duplicates(const CrossRefs& refs, Diagnostics& diag) {
  std::map<std::pair<std::string, std::string>, Loc> seen;
  for (const auto& d : refs.defs) {
    auto [it, fresh] = seen.emplace(std::make_pair(d.kind, d.id), d.loc);
    if (!fresh)
      diag.add(d.loc.file, d.loc.line, "duplicate {} id '{}' (first defined at {}:{})", d.kind,
               d.id, it->second.file, it->second.line);
  }
}

void check_references(const KnowledgeData& data, const CrossRefs& refs, Diagnostics& diag) {
  std::map<std::string, std::set<std::string>> known;
  for (const auto& c : data.citations) known["citation"].insert(c.id);
  for (const auto& c : data.causes) known["cause"].insert(c.id);
  for (const auto& x : data.exercises) known["exercise"].insert(x.id);
  for (const auto& u : data.urgency_levels) known["urgency level"].insert(u.id);
  for (const auto& r : refs.refs)
    if (!known[r.kind].count(r.id))
      diag.add(r.loc.file, r.loc.line, "{}: unknown {} '{}'", r.owner, r.kind, r.id);
}

void check_ask_if_order(const KnowledgeData& data, const CrossRefs& refs, Diagnostics& diag) {
  std::set<std::string> earlier;
  for (std::size_t i = 0; i < data.questions.size(); ++i) {
    const Question& q = data.questions[i];
    if (q.ask_if) {
      std::vector<std::string> used;
      collect_subjects(*q.ask_if, used);
      for (const auto& u : used)
        if (!earlier.count(u) && i < refs.question_locs.size())
          diag.add(refs.question_locs[i].file, refs.question_locs[i].line,
                   "question '{}': ask_if uses '{}', which is not an earlier question", q.id, u);
    }
    earlier.insert(q.id);
  }
}

/// Triage rules and questions run before triage sets its own facts (until_seen, any_red_flag),
/// so they must not use them.
void check_triage_facts(const KnowledgeData& data, Diagnostics& diag) {
  std::set<std::string> late;
  for (const auto& d : data.derived)
    if (d.type == QuestionType::kBool) late.insert(d.id);
  auto check = [&](const Predicate& p) {
    std::vector<std::string> used;
    collect_subjects(p, used);
    for (const auto& u : used)
      if (late.count(u))
        diag.add(p.file, p.line, "'{}' is set after triage; triage rules and ask_if cannot use it",
                 u);
  };
  for (const auto& q : data.questions)
    if (q.ask_if) check(*q.ask_if);
  for (const auto& f : data.red_flags) check(f.when);
  for (const auto& r : data.urgency_rules) check(r.when);
  if (data.ottawa) {
    check(data.ottawa->applies_when);
    check(data.ottawa->negative_when);
    for (const auto& i : data.ottawa->items) check(i.when);
  }
}

void check_templates(const KnowledgeData& data, const CrossRefs& refs, Diagnostics& diag) {
  const Subjects subjects = subjects_of(data);
  static const std::regex field(R"(\{([a-z0-9_]+)\})");
  for (const auto& [loc, text] : refs.templates)
    for (std::sregex_iterator it(text.begin(), text.end(), field), end; it != end; ++it)
      if (!subjects.count((*it)[1].str()))
        diag.add(loc.file, loc.line, "text names unknown answer '{{{}}}'", (*it)[1].str());
}

/// Diary red flags are yes/no conditions over the diary entry's own fields, not the answers.
void check_diary_predicate(const Predicate& p, const std::set<std::string>& fields,
                           Diagnostics& diag) {
  using Op = Predicate::Op;
  if (p.op == Op::kAll || p.op == Op::kAny || p.op == Op::kNot) {
    for (const auto& c : p.children) check_diary_predicate(c, fields, diag);
    return;
  }
  if (!fields.count(p.subject)) {
    diag.add(p.file, p.line, "diary condition names '{}', which is not in 'diary_fields'",
             p.subject);
    return;
  }
  if (p.op != Op::kEq || p.values.size() != 1 || !is_bool_text(p.values.front()))
    diag.add(p.file, p.line, "diary condition on '{}': only '{}: true' or 'false' is allowed",
             p.subject, p.subject);
}

void check_sections(const KnowledgeData& data, Diagnostics& diag) {
  std::set<std::string> used;
  for (const auto& q : data.questions) used.insert(q.section);
  for (const auto& s : data.question_sections)
    if (!used.count(s.section))
      diag.add_plain(fmt::format("question_sections: no question is in section '{}'", s.section));
}

void check_diary(const KnowledgeData& data, Diagnostics& diag) {
  const std::set<std::string> fields(data.diary_fields.begin(), data.diary_fields.end());
  for (const auto& f : data.diary_red_flags) check_diary_predicate(f.when, fields, diag);
}

void check_required(const KnowledgeData& data, Diagnostics& diag) {
  static const char* const kCauses[] = {"overuse", "poor_form", "hip_weakness", "foot_mechanics",
                                        "direct_trauma"};
  for (const char* id : kCauses) {
    bool found = false;
    for (const auto& c : data.causes) found = found || c.id == id;
    if (!found) diag.add_plain(fmt::format("knowledge base: missing cause '{}'", id));
  }
  static const char* const kLevels[] = {"emergency", "urgent", "soon", "self_care"};
  for (const char* id : kLevels) {
    bool found = false;
    for (const auto& u : data.urgency_levels) found = found || u.id == id;
    if (!found) diag.add_plain(fmt::format("knowledge base: missing urgency level '{}'", id));
  }
  if (data.urgency_levels.size() > 4)
    diag.add_plain(
        "knowledge base: urgency levels must be exactly emergency, urgent, soon, "
        "self_care");
  if (data.disclaimer.empty()) diag.add_plain("knowledge base: missing 'disclaimer'");
  if (data.version.empty()) diag.add_plain("knowledge base: missing 'version' (data/version.yaml)");
  if (!data.ottawa) diag.add_plain("knowledge base: missing 'ottawa'");
  if (!data.caveat) diag.add_plain("knowledge base: missing 'caveat'");
  for (const char* id : {"age", "onset"}) {
    bool found = false;
    for (const auto& q : data.questions) found = found || q.id == id;
    if (!found) diag.add_plain(fmt::format("knowledge base: missing question '{}'", id));
  }
  for (const std::string& id : required_threshold_ids()) {
    bool found = false;
    for (const auto& t : data.thresholds) found = found || t.id == id;
    if (!found) diag.add_plain(fmt::format("knowledge base: missing threshold '{}'", id));
  }
}

}  // namespace

void validate(const KnowledgeData& data, const CrossRefs& refs, Diagnostics& diag) {
  check_duplicates(refs, diag);
  check_references(data, refs, diag);
  const Subjects subjects = subjects_of(data);
  for_each_predicate(data, [&](const Predicate& p) { check_predicate(p, subjects, diag); });
  check_ask_if_order(data, refs, diag);
  check_templates(data, refs, diag);
  check_triage_facts(data, diag);
  check_diary(data, diag);
  check_sections(data, diag);
  check_required(data, diag);
}

}  // namespace rk::knowledge
