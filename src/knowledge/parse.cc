#include "knowledge/parse.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace rk::knowledge {
namespace {

int line_of(const YAML::Node& n) {
  const int line = n.Mark().line;
  return line < 0 ? 1 : line + 1;  // yaml-cpp counts from 0; null nodes have no mark
}

struct Ctx {
  std::string file;
  KnowledgeData& data;
  CrossRefs& refs;
  Diagnostics& diag;
  Loc loc(const YAML::Node& n) const { return {file, line_of(n)}; }
};

/// One YAML map describing an entry. Every accessor marks its key as known, so finish() can
/// report the keys nobody asked for; missing fields are reported at the entry's first line.
class Entry {
 public:
  Entry(Ctx& ctx, const YAML::Node& node, std::string kind)
      : ctx_(ctx), node_(node), kind_(std::move(kind)), line_(line_of(node)) {
    ok_ = node.IsMap();
    if (!ok_) ctx_.diag.add(ctx_.file, line_, "{}: expected a map of fields", kind_);
  }

  bool ok() const { return ok_; }
  int line() const { return line_; }
  std::string label() const { return id_.empty() ? kind_ : fmt::format("{} '{}'", kind_, id_); }

  /// Reads the required `id` and registers it in the id namespace `ns`.
  std::string id(const std::string& ns) {
    id_ = text("id");
    if (!id_.empty()) ctx_.refs.defs.push_back({{ctx_.file, line_}, ns, id_});
    return id_;
  }

  YAML::Node child(const char* key, bool required) {
    used_.insert(key);
    if (!ok_) return YAML::Node();
    const YAML::Node& map = node_;  // const lookup never inserts a key
    YAML::Node n = map[key];
    if (!n.IsDefined() || n.IsNull()) {
      if (required) missing(key);
      return YAML::Node();
    }
    return n;
  }

  std::string text(const char* key, bool required = true) {
    YAML::Node n = child(key, required);
    if (!n.IsDefined() || n.IsNull()) return {};
    if (!n.IsScalar() || n.Scalar().empty()) {
      bad(n, key, "expected a non-empty text");
      return {};
    }
    return n.Scalar();
  }

  std::optional<double> number(const char* key, double lo, double hi, bool required = true) {
    YAML::Node n = child(key, required);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v)) {
      bad(n, key, "expected a number");
      return std::nullopt;
    }
    if (v < lo || v > hi) {
      bad(n, key, fmt::format("{} is out of range ({} to {})", n.Scalar(), lo, hi));
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> integer(const char* key, int lo, int hi, bool required = true) {
    YAML::Node n = child(key, required);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    int v = 0;
    if (!n.IsScalar() || !YAML::convert<int>::decode(n, v)) {
      bad(n, key, "expected a whole number");
      return std::nullopt;
    }
    if (v < lo || v > hi) {
      bad(n, key, fmt::format("{} is out of range ({} to {})", v, lo, hi));
      return std::nullopt;
    }
    return v;
  }

  bool boolean(const char* key, bool fallback) {
    YAML::Node n = child(key, false);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    bool v = fallback;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) bad(n, key, "expected true or false");
    return v;
  }

  std::vector<std::string> strings(const char* key, bool required = true) {
    std::vector<std::string> out;
    YAML::Node n = child(key, required);
    if (!n.IsDefined() || n.IsNull()) return out;
    if (!n.IsSequence()) {
      bad(n, key, "expected a list of texts");
      return out;
    }
    for (const auto& item : n) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        bad(item, key, "expected a non-empty text");
        continue;
      }
      out.push_back(item.Scalar());
    }
    return out;
  }

  /// A citation id; checked against citations.yaml once every file is read.
  std::string citation(const char* key = "citation") {
    YAML::Node n = child(key, true);
    std::string id = n.IsDefined() && n.IsScalar() ? n.Scalar() : std::string();
    if (n.IsDefined() && !n.IsNull() && !n.IsScalar()) bad(n, key, "expected a citation id");
    if (!id.empty()) ctx_.refs.refs.push_back({ctx_.loc(n), "citation", id, label()});
    return id;
  }

  /// Notes a reference to another entry (a cause id, an exercise id, an urgency level).
  void reference(const char* key, const std::string& kind, const std::string& id) {
    const YAML::Node& map = node_;
    YAML::Node n = ok_ ? map[key] : YAML::Node();
    ctx_.refs.refs.push_back(
        {n.IsDefined() ? ctx_.loc(n) : Loc{ctx_.file, line_}, kind, id, label()});
  }

  void bad(const YAML::Node& n, const char* key, const std::string& message) {
    ctx_.diag.add(ctx_.file, line_of(n), "{}: field '{}': {}", label(), key, message);
  }

  void missing(const char* key) {
    ctx_.diag.add(ctx_.file, line_, "{}: missing field '{}'", label(), key);
  }

  void finish() {
    if (!ok_) return;
    for (const auto& kv : node_) {
      const std::string key = kv.first.Scalar();
      if (!used_.count(key))
        ctx_.diag.add(ctx_.file, line_of(kv.first), "{}: unknown key '{}'", label(), key);
    }
  }

 private:
  Ctx& ctx_;
  YAML::Node node_;
  std::string kind_;
  std::string id_;
  std::set<std::string> used_;
  int line_;
  bool ok_ = false;
};

// --- Predicates ------------------------------------------------------------------------------

const std::map<std::string, Predicate::Op>& comparison_ops() {
  static const std::map<std::string, Predicate::Op> ops = {
      {"eq", Predicate::Op::kEq},          {"ne", Predicate::Op::kNe},
      {"lt", Predicate::Op::kLt},          {"lte", Predicate::Op::kLte},
      {"gt", Predicate::Op::kGt},          {"gte", Predicate::Op::kGte},
      {"in", Predicate::Op::kIn},          {"has", Predicate::Op::kHas},
      {"has_any", Predicate::Op::kHasAny}, {"answered", Predicate::Op::kAnswered}};
  return ops;
}

std::optional<Predicate> parse_predicate(Ctx& ctx, const YAML::Node& n, const std::string& owner);

std::optional<Predicate> parse_comparison(Ctx& ctx, const std::string& subject,
                                          const YAML::Node& value, const std::string& owner) {
  Predicate p;
  p.subject = subject;
  p.file = ctx.file;
  p.line = line_of(value);
  if (value.IsScalar()) {  // {onset: sudden}
    p.op = Predicate::Op::kEq;
    p.values.push_back(value.Scalar());
    return p;
  }
  if (!value.IsMap() || value.size() != 1) {
    ctx.diag.add(ctx.file, p.line, "{}: condition on '{}': expected a value or one operator", owner,
                 subject);
    return std::nullopt;
  }
  const auto kv = *value.begin();
  const std::string op = kv.first.Scalar();
  const auto found = comparison_ops().find(op);
  if (found == comparison_ops().end()) {
    ctx.diag.add(ctx.file, p.line, "{}: condition on '{}': unknown operator '{}'", owner, subject,
                 op);
    return std::nullopt;
  }
  p.op = found->second;
  const YAML::Node& arg = kv.second;
  const bool wants_list = p.op == Predicate::Op::kIn || p.op == Predicate::Op::kHasAny;
  const bool wants_number = p.op == Predicate::Op::kLt || p.op == Predicate::Op::kLte ||
                            p.op == Predicate::Op::kGt || p.op == Predicate::Op::kGte;
  if (wants_list) {
    if (!arg.IsSequence() || arg.size() == 0) {
      ctx.diag.add(ctx.file, p.line, "{}: condition on '{}': '{}' needs a list of values", owner,
                   subject, op);
      return std::nullopt;
    }
    for (const auto& v : arg) p.values.push_back(v.IsScalar() ? v.Scalar() : std::string());
    return p;
  }
  if (!arg.IsScalar()) {
    ctx.diag.add(ctx.file, p.line, "{}: condition on '{}': '{}' needs a single value", owner,
                 subject, op);
    return std::nullopt;
  }
  if (wants_number && !YAML::convert<double>::decode(arg, p.number)) {
    ctx.diag.add(ctx.file, p.line, "{}: condition on '{}': '{}' needs a number, got '{}'", owner,
                 subject, op, arg.Scalar());
    return std::nullopt;
  }
  p.values.push_back(arg.Scalar());
  return p;
}

std::optional<Predicate> parse_group(Ctx& ctx, const std::string& key, const YAML::Node& value,
                                     const std::string& owner) {
  Predicate p;
  p.file = ctx.file;
  p.line = line_of(value);
  if (key == "not") {
    p.op = Predicate::Op::kNot;
    auto child = parse_predicate(ctx, value, owner);
    if (!child) return std::nullopt;
    p.children.push_back(std::move(*child));
    return p;
  }
  p.op = key == "all" ? Predicate::Op::kAll : Predicate::Op::kAny;
  if (!value.IsSequence() || value.size() == 0) {
    ctx.diag.add(ctx.file, p.line, "{}: '{}' needs a non-empty list of conditions", owner, key);
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& item : value) {
    auto child = parse_predicate(ctx, item, owner);
    if (child) p.children.push_back(std::move(*child));
    ok = ok && child.has_value();
  }
  if (!ok) return std::nullopt;
  return p;
}

std::optional<Predicate> parse_predicate(Ctx& ctx, const YAML::Node& n, const std::string& owner) {
  if (!n.IsMap() || n.size() == 0) {
    ctx.diag.add(ctx.file, line_of(n), "{}: expected a condition map such as {{onset: sudden}}",
                 owner);
    return std::nullopt;
  }
  Predicate all;
  all.op = Predicate::Op::kAll;
  all.file = ctx.file;
  all.line = line_of(n);
  bool ok = true;
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    auto part = (key == "all" || key == "any" || key == "not")
                    ? parse_group(ctx, key, kv.second, owner)
                    : parse_comparison(ctx, key, kv.second, owner);
    if (part) all.children.push_back(std::move(*part));
    ok = ok && part.has_value();
  }
  if (!ok) return std::nullopt;
  if (all.children.size() == 1) return std::move(all.children.front());
  return all;
}

std::optional<Predicate> predicate_field(Ctx& ctx, Entry& e, const char* key, bool required) {
  YAML::Node n = e.child(key, required);
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  return parse_predicate(ctx, n, e.label());
}

// --- Entries ---------------------------------------------------------------------------------

/// Calls `fn` for each item of the list under a top-level key.
void for_each_item(Ctx& ctx, const std::string& key, const YAML::Node& list,
                   const std::function<void(const YAML::Node&)>& fn) {
  if (!list.IsSequence()) {
    ctx.diag.add(ctx.file, line_of(list), "'{}' must be a list", key);
    return;
  }
  for (const auto& item : list) fn(item);
}

void parse_citation(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "citation");
  Citation c;
  c.id = e.id("citation");
  c.text = e.text("text");
  c.kind = e.text("kind", false);
  e.finish();
  if (e.ok()) ctx.data.citations.push_back(std::move(c));
}

void parse_threshold(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "threshold");
  Threshold t;
  t.id = e.id("threshold");
  t.value = e.number("value", -1e9, 1e9).value_or(0);
  t.unit = e.text("unit");
  t.meaning = e.text("meaning");
  t.citation = e.citation();
  e.finish();
  if (e.ok()) ctx.data.thresholds.push_back(std::move(t));
}

std::optional<QuestionType> question_type(std::string_view s) {
  if (s == "bool") return QuestionType::kBool;
  if (s == "int") return QuestionType::kInt;
  if (s == "number") return QuestionType::kNumber;
  if (s == "enum") return QuestionType::kEnum;
  if (s == "multi") return QuestionType::kMulti;
  if (s == "text") return QuestionType::kText;
  return std::nullopt;
}

std::vector<Choice> parse_choices(Ctx& ctx, Entry& e) {
  std::vector<Choice> out;
  YAML::Node list = e.child("values", false);
  if (!list.IsDefined() || list.IsNull()) return out;
  if (!list.IsSequence()) {
    e.bad(list, "values", "expected a list of {id, label}");
    return out;
  }
  std::set<std::string> seen;
  for (const auto& item : list) {
    Entry c(ctx, item, fmt::format("{} value", e.label()));
    Choice choice{c.text("id"), c.text("label")};
    c.finish();
    if (!choice.id.empty() && !seen.insert(choice.id).second)
      ctx.diag.add(ctx.file, c.line(), "{}: duplicate value '{}'", e.label(), choice.id);
    out.push_back(std::move(choice));
  }
  return out;
}

void parse_question(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "question");
  Question q;
  q.id = e.id("question");
  q.section = e.text("section");
  q.prompt = e.text("prompt");
  q.help = e.text("help", false);
  const std::string type = e.text("type");
  if (auto t = question_type(type)) {
    q.type = *t;
  } else if (!type.empty()) {
    e.bad(e.child("type", true), "type",
          fmt::format("'{}' is not one of bool, int, number, enum, multi, text", type));
  }
  q.values = parse_choices(ctx, e);
  q.min = e.number("min", -1e9, 1e9, false);
  q.max = e.number("max", -1e9, 1e9, false);
  q.required = e.boolean("required", false);
  q.only_with_runs = e.boolean("only_with_runs", false);
  q.ask_if = predicate_field(ctx, e, "ask_if", false);
  const bool choices = q.type == QuestionType::kEnum || q.type == QuestionType::kMulti;
  if (choices && q.values.empty()) e.missing("values");
  if (!choices && !q.values.empty())
    e.bad(e.child("values", false), "values", "only enum and multi questions take values");
  if (q.min && q.max && *q.min > *q.max) e.bad(e.child("min", false), "min", "min is above max");
  e.finish();
  if (!e.ok()) return;
  ctx.refs.question_locs.push_back({ctx.file, e.line()});
  ctx.data.questions.push_back(std::move(q));
}

void parse_derived(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "derived fact");
  DerivedFact d;
  d.id = e.id("question");
  if (const std::string type = e.text("type"); type == "bool")
    d.type = QuestionType::kBool;
  else if (!type.empty() && type != "number")
    e.bad(e.child("type", true), "type", "derived facts are numbers or bools");
  d.meaning = e.text("meaning");
  e.finish();
  if (e.ok()) ctx.data.derived.push_back(std::move(d));
}

std::vector<Rule> parse_rules(Ctx& ctx, Entry& owner) {
  std::vector<Rule> out;
  YAML::Node list = owner.child("rules", true);
  if (!list.IsDefined() || list.IsNull()) return out;
  if (!list.IsSequence()) {
    owner.bad(list, "rules", "expected a list of rules");
    return out;
  }
  for (const auto& item : list) {
    Entry e(ctx, item, "rule");
    Rule r;
    r.id = e.id("rule");
    auto when = predicate_field(ctx, e, "when", true);
    r.weight = e.number("weight", -1, 1).value_or(0);
    r.reason = e.text("reason");
    r.citation = e.citation();
    e.finish();
    if (!e.ok() || !when) continue;
    r.when = std::move(*when);
    ctx.refs.templates.push_back({{ctx.file, e.line()}, r.reason});
    out.push_back(std::move(r));
  }
  return out;
}

void parse_scored(Ctx& ctx, Entry& e, const char* kind, ScoredItem& item) {
  item.id = e.id(kind);
  item.name = e.text("name");
  item.summary = e.text("summary");
  item.citation = e.citation();
  item.base = e.number("base", 0, 1).value_or(0);
  item.rules = parse_rules(ctx, e);
}

void parse_cause(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "cause");
  Cause c;
  parse_scored(ctx, e, "cause", c);
  c.would_change = e.strings("would_change");
  e.finish();
  if (e.ok()) ctx.data.causes.push_back(std::move(c));
}

void parse_condition(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "condition");
  Condition c;
  parse_scored(ctx, e, "condition", c);
  c.clinician_checks = e.strings("clinician_checks");
  e.finish();
  if (e.ok()) ctx.data.conditions.push_back(std::move(c));
}

void parse_urgency_level(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "urgency level");
  UrgencyLevel u;
  u.id = e.id("urgency level");
  u.label = e.text("label");
  e.finish();
  if (e.ok()) ctx.data.urgency_levels.push_back(std::move(u));
}

std::string urgency_field(Entry& e) {
  std::string level = e.text("urgency");
  if (!level.empty()) e.reference("urgency", "urgency level", level);
  return level;
}

void parse_red_flag(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "red flag");
  RedFlag f;
  f.id = e.id("rule");
  f.text = e.text("text");
  auto when = predicate_field(ctx, e, "when", true);
  f.urgency = urgency_field(e);
  f.action = e.text("action");
  f.citation = e.citation();
  f.kind = e.text("kind", false);
  f.until_seen = e.boolean("until_seen", false);
  e.finish();
  if (!e.ok() || !when) return;
  f.when = std::move(*when);
  ctx.data.red_flags.push_back(std::move(f));
}

void parse_urgency_rule(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "urgency rule");
  UrgencyRule r;
  r.id = e.id("rule");
  r.text = e.text("text");
  auto when = predicate_field(ctx, e, "when", true);
  r.urgency = urgency_field(e);
  r.citation = e.citation();
  e.finish();
  if (!e.ok() || !when) return;
  r.when = std::move(*when);
  ctx.refs.templates.push_back({{ctx.file, e.line()}, r.text});
  ctx.data.urgency_rules.push_back(std::move(r));
}

void parse_ottawa(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "ottawa rule");
  OttawaRule o;
  o.id = e.id("rule");
  o.text = e.text("text");
  auto applies = predicate_field(ctx, e, "applies_when", true);
  o.urgency = urgency_field(e);
  o.action = e.text("action");
  o.citation = e.citation();
  auto negative = predicate_field(ctx, e, "negative_when", true);
  o.negative_text = e.text("negative_text");
  o.negative_citation = e.citation("negative_citation");
  YAML::Node items = e.child("items", true);
  if (items.IsDefined() && !items.IsNull()) {
    for_each_item(ctx, "items", items, [&](const YAML::Node& item) {
      Entry ie(ctx, item, "ottawa item");
      OttawaItem oi;
      oi.id = ie.id("rule");
      oi.text = ie.text("text");
      auto when = predicate_field(ctx, ie, "when", true);
      oi.citation = ie.citation();
      ie.finish();
      if (!ie.ok() || !when) return;
      oi.when = std::move(*when);
      o.items.push_back(std::move(oi));
    });
  }
  e.finish();
  if (!e.ok() || !applies || !negative) return;
  o.applies_when = std::move(*applies);
  o.negative_when = std::move(*negative);
  if (ctx.data.ottawa) ctx.diag.add(ctx.file, e.line(), "ottawa rule: defined more than once");
  ctx.data.ottawa = std::move(o);
}

void parse_relief_step(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "relief step");
  ReliefStep s;
  s.id = e.id("relief step");
  s.title = e.text("title");
  s.how = e.text("how");
  s.timing = e.text("timing");
  s.why = e.text("why");
  s.summary = e.text("summary");
  s.avoid = e.text("avoid", false);
  s.citation = e.citation();
  s.skip_if = predicate_field(ctx, e, "skip_if", false);
  s.first_if = predicate_field(ctx, e, "first_if", false);
  e.finish();
  if (e.ok()) ctx.data.relief_steps.push_back(std::move(s));
}

void parse_caveat(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "caveat");
  Caveat c{e.text("text"), e.citation()};
  e.finish();
  if (e.ok()) ctx.data.caveat = std::move(c);
}

void parse_medication(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "medication");
  Medication m;
  m.id = e.id("medication");
  m.name = e.text("name");
  m.kind = e.text("kind");
  m.dose = e.text("dose");
  m.interval = e.text("interval");
  m.daily_max = e.text("daily_max");
  m.notes = e.text("notes");
  m.citation = e.citation();
  auto rule_list = [&](const char* key, bool required, std::vector<Contraindication>& out) {
    YAML::Node list = e.child(key, required);
    if (!list.IsDefined() || list.IsNull()) return;
    for_each_item(ctx, key, list, [&](const YAML::Node& item) {
      Entry ce(ctx, item, "contraindication");
      Contraindication c;
      c.id = ce.id("rule");
      auto when = predicate_field(ctx, ce, "when", true);
      c.reason = ce.text("reason");
      c.citation = ce.citation();
      ce.finish();
      if (!ce.ok() || !when) return;
      c.when = std::move(*when);
      out.push_back(std::move(c));
    });
  };
  rule_list("contraindications", true, m.contraindications);
  rule_list("check_first", false, m.check_first);
  if (YAML::Node list = e.child("cautions", false); list.IsDefined() && !list.IsNull()) {
    for_each_item(ctx, "cautions", list, [&](const YAML::Node& item) {
      Entry ce(ctx, item, "caution");
      Caution c;
      c.id = ce.id("rule");
      auto when = predicate_field(ctx, ce, "when", true);
      c.note = ce.text("note");
      c.citation = ce.citation();
      ce.finish();
      if (!ce.ok() || !when) return;
      c.when = std::move(*when);
      m.cautions.push_back(std::move(c));
    });
  }
  e.finish();
  if (e.ok()) ctx.data.medications.push_back(std::move(m));
}

void parse_medication_note(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "medication note");
  MedicationNote m;
  m.id = e.id("rule");
  auto when = predicate_field(ctx, e, "when", true);
  m.text = e.text("text");
  m.citation = e.citation();
  e.finish();
  if (!e.ok() || !when) return;
  m.when = std::move(*when);
  ctx.data.medication_notes.push_back(std::move(m));
}

void parse_question_section(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "question section");
  QuestionSection q;
  q.section = e.text("section");
  q.intro = e.text("intro", false);
  q.skipped_notice = e.text("skipped_notice", false);
  q.from_runs_label = e.text("from_runs_label", false);
  q.runs_used_note = e.text("runs_used_note", false);
  e.finish();
  if (e.ok()) ctx.data.question_sections.push_back(std::move(q));
}

void parse_diary_red_flag(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "diary red flag");
  DiaryRedFlagRule f;
  f.id = e.id("rule");
  auto when = predicate_field(ctx, e, "when", true);
  f.text = e.text("text");
  f.urgency = urgency_field(e);
  f.citation = e.citation();
  e.finish();
  if (!e.ok() || !when) return;
  f.when = std::move(*when);
  ctx.data.diary_red_flags.push_back(std::move(f));
}

void parse_strategy(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "strategy");
  Strategy s;
  s.id = e.id("strategy");
  s.title = e.text("title");
  s.why = e.text("why");
  s.for_causes = e.strings("for_causes");
  s.always = e.boolean("always", false);
  s.citation = e.citation();
  s.exercises = e.strings("exercises", false);
  s.skip_if = predicate_field(ctx, e, "skip_if", false);
  for (const auto& c : s.for_causes) e.reference("for_causes", "cause", c);
  for (const auto& x : s.exercises) e.reference("exercises", "exercise", x);
  e.finish();
  if (e.ok()) ctx.data.strategies.push_back(std::move(s));
}

void parse_exercise(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "exercise");
  Exercise x;
  x.id = e.id("exercise");
  x.name = e.text("name");
  x.target = e.text("target");
  x.how = e.text("how");
  x.sets = e.integer("sets", 1, 10).value_or(0);
  x.reps = e.integer("reps", 1, 100, false);
  x.hold_s = e.integer("hold_s", 1, 600, false);
  x.progression = e.text("progression");
  x.citation = e.citation();
  if (e.ok() && x.reps.has_value() == x.hold_s.has_value())
    ctx.diag.add(ctx.file, e.line(), "{}: give exactly one of 'reps' and 'hold_s'", e.label());
  e.finish();
  if (e.ok()) ctx.data.exercises.push_back(std::move(x));
}

void parse_anatomy(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "anatomy entry");
  AnatomyEntry a;
  a.id = e.id("anatomy");
  a.name = e.text("name");
  a.what = e.text("what");
  a.how_it_hurts = e.text("how_it_hurts");
  a.citation = e.citation();
  e.finish();
  if (e.ok()) ctx.data.anatomy.push_back(std::move(a));
}

void parse_faq(Ctx& ctx, const YAML::Node& n) {
  Entry e(ctx, n, "faq entry");
  FaqEntry f;
  f.id = e.id("faq");
  f.question = e.text("question");
  f.answer = e.text("answer");
  f.citation = e.citation();
  e.finish();
  if (e.ok()) ctx.data.faq.push_back(std::move(f));
}

using ItemParser = void (*)(Ctx&, const YAML::Node&);

const std::map<std::string, ItemParser>& list_sections() {
  static const std::map<std::string, ItemParser> sections = {
      {"citations", parse_citation},
      {"thresholds", parse_threshold},
      {"questions", parse_question},
      {"question_sections", parse_question_section},
      {"derived", parse_derived},
      {"causes", parse_cause},
      {"conditions", parse_condition},
      {"urgency_levels", parse_urgency_level},
      {"red_flags", parse_red_flag},
      {"urgency_rules", parse_urgency_rule},
      {"relief_steps", parse_relief_step},
      {"medications", parse_medication},
      {"medication_notes", parse_medication_note},
      {"diary_red_flags", parse_diary_red_flag},
      {"strategies", parse_strategy},
      {"exercises", parse_exercise},
      {"anatomy", parse_anatomy},
      {"faq", parse_faq}};
  return sections;
}

void parse_root(Ctx& ctx, const YAML::Node& root) {
  if (root.IsNull()) return;  // an empty file holds nothing
  if (!root.IsMap()) {
    ctx.diag.add(ctx.file, line_of(root), "expected a map of sections at the top level");
    return;
  }
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (auto it = list_sections().find(key); it != list_sections().end()) {
      for_each_item(ctx, key, kv.second, [&](const YAML::Node& item) { it->second(ctx, item); });
    } else if (key == "ottawa") {
      parse_ottawa(ctx, kv.second);
    } else if (key == "caveat") {
      parse_caveat(ctx, kv.second);
    } else if (key == "diary_fields") {
      if (!kv.second.IsSequence())
        ctx.diag.add(ctx.file, line_of(kv.second), "'diary_fields' must be a list of names");
      else
        for (const auto& f : kv.second) ctx.data.diary_fields.push_back(f.Scalar());
    } else if (key == "version") {
      if (!kv.second.IsScalar() || kv.second.Scalar().empty())
        ctx.diag.add(ctx.file, line_of(kv.second), "'version' must be a non-empty text");
      else
        ctx.data.version = kv.second.Scalar();
    } else if (key == "disclaimer") {
      if (!kv.second.IsScalar() || kv.second.Scalar().empty())
        ctx.diag.add(ctx.file, line_of(kv.second), "'disclaimer' must be a non-empty text");
      else
        ctx.data.disclaimer = kv.second.Scalar();
    } else {
      ctx.diag.add(ctx.file, line_of(kv.first), "unknown top-level key '{}'", key);
    }
  }
}

}  // namespace

std::map<std::string, std::string> threshold_values(const std::vector<KnowledgeFile>& files) {
  std::map<std::string, std::string> values;
  for (const auto& f : files) {
    if (f.text.find("thresholds:") == std::string::npos) continue;  // parse only the few that can
    try {
      const YAML::Node root = YAML::Load(f.text);
      if (!root.IsMap() || !root["thresholds"].IsSequence()) continue;
      for (const auto& t : root["thresholds"])
        if (t.IsMap() && t["id"].IsScalar() && t["value"].IsScalar())
          values.emplace(t["id"].Scalar(), t["value"].Scalar());
    } catch (const YAML::Exception&) {  // parse_file reports it with its line
    }
  }
  return values;
}

std::string expand_thresholds(const KnowledgeFile& file,
                              const std::map<std::string, std::string>& values, Diagnostics& diag) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at; (at = file.text.find("${", from)) != std::string::npos;) {
    const std::size_t end = file.text.find('}', at);
    if (end == std::string::npos) break;
    out.append(file.text, from, at - from);
    const std::string id = file.text.substr(at + 2, end - at - 2);
    if (auto v = values.find(id); v != values.end()) {
      out += v->second;
    } else {
      const auto before = file.text.begin() + static_cast<std::ptrdiff_t>(at);
      const int line = 1 + static_cast<int>(std::count(file.text.begin(), before, '\n'));
      diag.add(file.name, line, "'${{{}}}' names no threshold", id);
      out += "0";
    }
    from = end + 1;
  }
  out.append(file.text, from);
  return out;
}

void parse_file(std::string_view name, std::string_view text, KnowledgeData& data, CrossRefs& refs,
                Diagnostics& diag) {
  Ctx ctx{std::string(name), data, refs, diag};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {  // the library's only way to report a syntax error
    diag.add(name, e.mark.line < 0 ? 1 : e.mark.line + 1, "YAML syntax error: {}", e.msg);
    return;
  }
  parse_root(ctx, root);
}

}  // namespace rk::knowledge
