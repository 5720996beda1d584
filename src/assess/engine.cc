#include "assess/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "model/urgency.h"

namespace rk {
namespace {

int severity(std::string_view level) {  // lower is more urgent: the order of Urgency
  return static_cast<int>(parse_urgency(level).value_or(Urgency::kSelfCare));
}

double round2(double v) {
  return std::round(v * 100) / 100;
}

struct Hit {
  int severity;
  Reason reason;
};

Truth all_of(Truth a, Truth b) {
  if (a == Truth::kFalse || b == Truth::kFalse) return Truth::kFalse;
  if (a == Truth::kUnknown || b == Truth::kUnknown) return Truth::kUnknown;
  return Truth::kTrue;
}

Truth any_of(Truth a, Truth b) {
  if (a == Truth::kTrue || b == Truth::kTrue) return Truth::kTrue;
  if (a == Truth::kUnknown || b == Truth::kUnknown) return Truth::kUnknown;
  return Truth::kFalse;
}

Truth truth(bool b) {
  return b ? Truth::kTrue : Truth::kFalse;
}

void add_unique(std::vector<std::string>& out, const std::string& id) {
  if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
}

/// Three-valued evaluation; `open` (when given) collects the unanswered questions behind an
/// unknown result.
class Eval3 {
 public:
  Eval3(const KnowledgeBase& kb, const Facts& facts, const DerivedTruth* derived)
      : kb_(kb), facts_(facts), derived_(derived) {}

  Truth operator()(const Predicate& p, std::vector<std::string>* open = nullptr) const {
    using Op = Predicate::Op;
    switch (p.op) {
      case Op::kAll:
      case Op::kAny: {
        const bool all = p.op == Op::kAll;
        const Truth decisive = all ? Truth::kFalse : Truth::kTrue;
        Truth t = all ? Truth::kTrue : Truth::kFalse;
        for (const auto& c : p.children) {
          t = all ? all_of(t, (*this)(c)) : any_of(t, (*this)(c));
          if (t == decisive) return t;
        }
        if (t == Truth::kUnknown && open)
          for (const auto& c : p.children)
            if ((*this)(c) == Truth::kUnknown) (*this)(c, open);
        return t;
      }
      case Op::kNot: {
        const Truth t = (*this)(p.children.front(), open);
        return t == Truth::kUnknown ? t : truth(t == Truth::kFalse);
      }
      default:
        return leaf(p, open);
    }
  }

 private:
  /// Whether the question may still be asked: its ask_if is not known to be false.
  bool possibly_asked(const Question& q) const {
    return !q.ask_if || (*this)(*q.ask_if) != Truth::kFalse;
  }

  bool open_question(const std::string& id) const {
    const Question* q = kb_.question(id);
    return q && !facts_.count(id) && possibly_asked(*q);
  }

  Truth leaf(const Predicate& p, std::vector<std::string>* open) const {
    const bool two = evaluate(p, facts_);
    if (derived_) {
      if (auto it = derived_->truth.find(p.subject); it != derived_->truth.end()) {
        if (it->second != Truth::kUnknown) return truth(two);
        if (open)
          if (auto q = derived_->open_questions.find(p.subject);
              q != derived_->open_questions.end())
            for (const auto& id : q->second) add_unique(*open, id);
        return Truth::kUnknown;
      }
    }
    if (p.op == Predicate::Op::kAnswered) return truth(two);
    if (const auto* sources = derived_sources(p.subject)) {
      std::vector<std::string> missing;
      for (const auto& id : *sources)
        if (open_question(id)) missing.push_back(id);
      if (missing.empty()) return truth(two);
      // More answers only raise the highest pain, so a reached threshold stays reached.
      const bool rises = p.op == Predicate::Op::kGt || p.op == Predicate::Op::kGte;
      if (two && rises && p.subject == "max_pain") return Truth::kTrue;
      if (open)
        for (const auto& id : missing) add_unique(*open, id);
      return Truth::kUnknown;
    }
    if (facts_.count(p.subject) || !open_question(p.subject)) return truth(two);
    if (open) add_unique(*open, p.subject);
    return Truth::kUnknown;
  }

  const KnowledgeBase& kb_;
  const Facts& facts_;
  const DerivedTruth* derived_;
};

std::string level_label(const KnowledgeBase& kb, const std::string& level) {
  const UrgencyLevel* u = kb.urgency_level(level);
  return u ? u->label : level;
}

/// Adds the reasons of the rules that hold and returns the sum of their weights.
double apply_rules(const std::vector<Rule>& rules, const Facts& facts, std::vector<Reason>& out) {
  double sum = 0;
  for (const Rule& r : rules) {
    if (!evaluate(r.when, facts)) continue;
    sum += r.weight;
    out.push_back({fill_template(r.reason, facts), "answer", r.id, r.citation});
  }
  return sum;
}

/// "Not answered: <prompt>" for questions that would have raised the score.
std::vector<std::string> unanswered_hints(const KnowledgeBase& kb, const std::vector<Rule>& rules,
                                          const Facts& facts) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const Rule& r : rules) {
    if (r.weight <= 0) continue;
    std::vector<std::string> ids;
    collect_subjects(r.when, ids);
    for (const auto& id : ids) {
      const Question* q = kb.question(id);
      if (!q || facts.count(id) || !seen.insert(id).second || !should_ask(*q, facts)) continue;
      out.push_back("Not answered yet: \"" + q->prompt + "\"");
    }
  }
  return out;
}

std::vector<ScoredCause> score_causes(const KnowledgeBase& kb, const Facts& facts,
                                      const std::optional<TrainingSummary>& training) {
  std::vector<ScoredCause> out;
  for (const Cause& c : kb.causes()) {
    ScoredCause s{c.id, c.name, 0, {}, c.would_change};
    double score = c.base + apply_rules(c.rules, facts, s.reasons);
    if (training) {
      for (const auto& h : history_reasons(kb, c.id, *training, facts)) {
        score += h.weight;
        s.reasons.push_back(h.reason);
      }
    } else if (c.id == "overuse" || c.id == "poor_form") {
      s.would_change.push_back(
          "Imported runs would let runknee check your recent load and form directly.");
    }
    for (auto& hint : unanswered_hints(kb, c.rules, facts)) s.would_change.push_back(hint);
    s.score = round2(std::clamp(score, 0.0, 1.0));
    s.fit = fit_word(kb, s.score);
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ScoredCause& a, const ScoredCause& b) { return a.score > b.score; });
  return out;
}

std::vector<ScoredCondition> score_conditions(const KnowledgeBase& kb, const Facts& facts) {
  const double min_score = kb.threshold_or("assess.condition_min_score", 0.25);
  std::vector<ScoredCondition> out;
  for (const Condition& c : kb.conditions()) {
    ScoredCondition s{c.id, c.name, 0, {}, c.clinician_checks};
    s.score = round2(std::clamp(c.base + apply_rules(c.rules, facts, s.reasons), 0.0, 1.0));
    s.fit = fit_word(kb, s.score);
    if (s.score >= min_score) out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const ScoredCondition& a, const ScoredCondition& b) {
    return a.score > b.score;
  });
  return out;
}

std::string prompt_of(const KnowledgeBase& kb, const std::string& id) {
  const Question* q = kb.question(id);
  return q ? "\"" + q->prompt + "\"" : id;
}

/// "not answered yet: ..." naming the painkiller questions and counting the warning signs.
std::string unanswered_text(const KnowledgeBase& kb, const std::vector<std::string>& ids) {
  std::string named;
  int warning_signs = 0;
  for (const auto& id : ids) {
    const Question* q = kb.question(id);
    if (q && q->section != "Painkiller safety") {
      ++warning_signs;
      continue;
    }
    named += (named.empty() ? "" : "; ") + prompt_of(kb, id);
  }
  std::string out;
  if (!named.empty()) out = "not answered yet: " + named;
  if (warning_signs > 0) {
    if (!out.empty()) out += "; ";
    out += fmt::format(
        "{} warning-sign question{} not answered, so anti-inflammatory tablets cannot be judged "
        "safe yet",
        warning_signs, warning_signs == 1 ? " was" : "s were");
  }
  return out;
}

void fit_medication(const KnowledgeBase& kb, const Facts& facts, const DerivedTruth& derived,
                    Assessment& a) {
  const Eval3 eval(kb, facts, &derived);
  for (const Medication& m : kb.data().medications) {
    MedicationAvoid avoid{m.id, {}, {}, {}, m.name};
    MedicationCheck check{m.id, m.name, {}, {}, {}, {}};
    for (const auto& c : m.contraindications) {
      std::vector<std::string> open;
      const Truth t = eval(c.when, &open);
      if (t == Truth::kTrue) {
        avoid.reason += (avoid.reason.empty() ? "" : "; ") + c.reason;
        avoid.rules.push_back(c.id);
        if (avoid.citation.empty()) avoid.citation = c.citation;
      } else if (t == Truth::kUnknown) {
        check.rules.push_back(c.id);
        for (const auto& id : open) add_unique(check.unanswered, id);
        if (check.citation.empty()) check.citation = c.citation;
      }
    }
    if (!avoid.rules.empty()) {
      a.avoid.push_back(std::move(avoid));
      continue;
    }
    std::string reasons;
    for (const auto& c : m.check_first) {
      std::vector<std::string> open;
      const Truth t = eval(c.when, &open);
      if (t == Truth::kFalse) continue;
      check.rules.push_back(c.id);
      check.citation = check.citation.empty() || t == Truth::kTrue ? c.citation : check.citation;
      if (t == Truth::kTrue) reasons += (reasons.empty() ? "" : "; ") + c.reason;
      for (const auto& id : open) add_unique(check.unanswered, id);
    }
    if (!check.rules.empty()) {
      const std::string missing = unanswered_text(kb, check.unanswered);
      check.reason = reasons;
      if (!missing.empty()) check.reason += (reasons.empty() ? "" : "; ") + missing;
      a.check_first.push_back(std::move(check));
      continue;
    }
    MedicationOut out{m.id, m.name, m.dose, m.interval, m.daily_max, m.notes, m.citation};
    for (const auto& c : m.cautions)
      if (evaluate(c.when, facts)) out.notes += " " + c.note;
    a.recommended.push_back(std::move(out));
  }
  for (const MedicationNote& n : kb.data().medication_notes)
    if (evaluate(n.when, facts)) a.medication_notes.push_back({n.id, n.text, n.citation});
  if (kb.data().caveat) {
    a.caveat = kb.data().caveat->text;
    a.caveat_citation = kb.data().caveat->citation;
  }
}

void fit_long_term(const KnowledgeBase& kb, const Facts& facts, Assessment& a) {
  auto skipped = [&](const Strategy& s) { return s.skip_if && evaluate(*s.skip_if, facts); };
  const double min_score = kb.threshold_or("assess.strategy_min_cause_score", 0.3);
  std::set<std::string> added;
  // Strategies follow the cause ranking, so the best-fitting advice comes first.
  for (std::size_t rank = 0; rank < a.causes.size(); ++rank) {
    const ScoredCause& c = a.causes[rank];
    const bool fits = c.score >= min_score || (rank == 0 && c.score > 0);
    if (!fits) continue;
    for (const Strategy& s : kb.strategies()) {
      if (s.always || added.count(s.id) || skipped(s)) continue;
      if (std::find(s.for_causes.begin(), s.for_causes.end(), c.id) == s.for_causes.end()) continue;
      added.insert(s.id);
      a.long_term.push_back({s.id, s.title, s.why, s.for_causes, s.citation, s.exercises});
    }
  }
  for (const Strategy& s : kb.strategies())
    if (s.always && !skipped(s))
      a.long_term.push_back({s.id, s.title, s.why, s.for_causes, s.citation, s.exercises});
}

}  // namespace

std::vector<std::string> ottawa_positive_items(const KnowledgeBase& kb, const Facts& facts) {
  std::vector<std::string> out;
  const auto& ottawa = kb.data().ottawa;
  if (!ottawa || !evaluate(ottawa->applies_when, facts)) return out;  // acute injuries only
  for (const auto& item : ottawa->items)
    if (evaluate(item.when, facts)) out.push_back(item.id);
  return out;
}

Truth evaluate3(const KnowledgeBase& kb, const Predicate& p, const Facts& facts,
                const DerivedTruth* derived) {
  return Eval3(kb, facts, derived)(p);
}

std::vector<std::string> unknown_questions(const KnowledgeBase& kb, const Predicate& p,
                                           const Facts& facts, const DerivedTruth* derived) {
  std::vector<std::string> open;
  if (Eval3(kb, facts, derived)(p, &open) != Truth::kUnknown) open.clear();
  return open;
}

std::string fit_word(const KnowledgeBase& kb, double score) {
  if (score >= kb.threshold_or("assess.fit_strong_min", 0.6)) return "strong";
  if (score >= kb.threshold_or("assess.fit_some_min", 0.35)) return "some";
  return "weak";
}

namespace {

/// A triage rule seen three-valued: which urgency it reaches and whether it gates the advice.
struct TriageRule3 {
  int severity;
  bool until_seen;
  Truth truth;
  std::vector<std::string> open;
};

std::vector<TriageRule3> triage_rules3(const KnowledgeBase& kb, const Facts& facts) {
  const KnowledgeData& d = kb.data();
  const Eval3 eval(kb, facts, nullptr);
  std::vector<TriageRule3> out;
  for (const RedFlag& f : d.red_flags) {
    TriageRule3 r{severity(f.urgency), f.until_seen, Truth::kFalse, {}};
    // A rule that fires on the answers as given (an unanswered `ne` counts) is true.
    r.truth = evaluate(f.when, facts) ? Truth::kTrue : eval(f.when, &r.open);
    out.push_back(std::move(r));
  }
  if (d.ottawa) {
    TriageRule3 r{severity(d.ottawa->urgency), true, Truth::kFalse, {}};
    std::vector<std::string> open;
    Truth items = Truth::kFalse;
    for (const auto& item : d.ottawa->items) items = any_of(items, eval(item.when));
    r.truth = all_of(eval(d.ottawa->applies_when), items);
    if (!ottawa_positive_items(kb, facts).empty()) r.truth = Truth::kTrue;
    if (r.truth == Truth::kUnknown) {
      eval(d.ottawa->applies_when, &r.open);
      for (const auto& item : d.ottawa->items) eval(item.when, &r.open);
    }
    out.push_back(std::move(r));
  }
  return out;
}

/// until_seen and any_red_flag, three-valued, from the triage rules.
DerivedTruth triage_truth(const std::vector<TriageRule3>& rules) {
  DerivedTruth d;
  auto fold = [&](const char* id, auto counts) {
    Truth t = Truth::kFalse;
    std::vector<std::string> open;
    for (const auto& r : rules) {
      if (!counts(r)) continue;
      t = any_of(t, r.truth);
      if (r.truth == Truth::kUnknown)
        for (const auto& q : r.open) add_unique(open, q);
    }
    d.truth[id] = t;
    if (t == Truth::kUnknown) d.open_questions[id] = std::move(open);
  };
  fold("until_seen", [](const TriageRule3& r) { return r.until_seen || r.severity <= 1; });
  fold("any_red_flag", [](const TriageRule3&) { return true; });
  return d;
}

/// Whether every Ottawa item was answered and none holds, within a week of a named injury.
bool ottawa_negative(const KnowledgeBase& kb, const Facts& facts) {
  const auto& o = kb.data().ottawa;
  if (!o || !evaluate(o->negative_when, facts)) return false;
  for (const auto& item : o->items) {
    std::vector<std::string> subjects;
    collect_subjects(item.when, subjects);
    for (const auto& id : subjects)
      if (!facts.count(id)) return false;
    if (evaluate(item.when, facts)) return false;
  }
  return true;
}

}  // namespace

namespace {

UrgencyResult triage_with(const KnowledgeBase& kb, const Facts& facts,
                          std::vector<RedFlagHit>* red_flags,
                          const std::vector<TriageRule3>& rules3) {
  const KnowledgeData& d = kb.data();
  std::vector<Hit> hits;
  for (const RedFlag& f : d.red_flags) {
    if (!evaluate(f.when, facts)) continue;
    hits.push_back({severity(f.urgency), {f.text + " " + f.action, "answer", f.id, f.citation}});
    if (red_flags)
      red_flags->push_back({f.id, f.text, f.action, f.citation, f.urgency, f.kind, f.until_seen});
  }
  const auto ottawa_items = ottawa_positive_items(kb, facts);
  if (d.ottawa && !ottawa_items.empty()) {
    std::string items;
    for (const auto& item : d.ottawa->items)
      if (std::find(ottawa_items.begin(), ottawa_items.end(), item.id) != ottawa_items.end()) {
        items += (items.empty() ? "" : "; ") + item.text;
        hits.push_back({severity(d.ottawa->urgency),
                        {"Ottawa knee rule: " + item.text + ". " + d.ottawa->action, "answer",
                         item.id, item.citation}});
      }
    if (red_flags)
      red_flags->push_back(
          {d.ottawa->id, "Ottawa knee rule positive after an injury: " + items + ".",
           d.ottawa->action, d.ottawa->citation, d.ottawa->urgency, "fracture", true});
  }
  for (const UrgencyRule& r : d.urgency_rules)
    if (evaluate(r.when, facts))
      hits.push_back(
          {severity(r.urgency), {fill_template(r.text, facts), "answer", r.id, r.citation}});

  UrgencyResult u;
  int best = 3;
  for (const Hit& h : hits) best = std::min(best, h.severity);
  u.level = std::string(urgency_name(static_cast<Urgency>(best)));
  u.label = level_label(kb, u.level);
  for (const Hit& h : hits)
    if (h.severity == best) u.reasons.push_back(h.reason);
  if (best == 3) {
    // Reassure only about what was answered: a skipped warning sign is not a "no".
    std::vector<std::string> open;
    for (const auto& r : rules3)
      if (r.truth == Truth::kUnknown)
        for (const auto& q : r.open) add_unique(open, q);
    if (open.empty()) {
      u.reasons.push_back({"None of your answers is a warning sign.", "answer",
                           "triage.no_red_flags", "nhs_knee_pain"});
    } else {
      std::string prompts;
      for (const auto& id : open) {
        const Question* q = kb.question(id);
        prompts += (prompts.empty() ? "" : "; ") + (q ? "\"" + q->prompt + "\"" : id);
      }
      u.reasons.push_back(
          {fmt::format("None of the warning signs you answered applies, but {} warning-sign "
                       "question{} not answered, so this is not a full check: {}. Answer "
                       "{}, or get checked if you are unsure.",
                       open.size(), open.size() == 1 ? " was" : "s were", prompts,
                       open.size() == 1 ? "it" : "them"),
           "answer", "triage.unanswered_warning_signs", "nhs_knee_pain"});
    }
    if (ottawa_negative(kb, facts))
      u.reasons.push_back(
          {d.ottawa->negative_text, "answer", "ottawa.negative", d.ottawa->negative_citation});
  }
  return u;
}

}  // namespace

UrgencyResult triage(const KnowledgeBase& kb, const Facts& facts,
                     std::vector<RedFlagHit>* red_flags) {
  return triage_with(kb, facts, red_flags, triage_rules3(kb, facts));
}

namespace {

SafetySummary safety_summary(const KnowledgeBase& kb, const Facts& facts,
                             const DerivedTruth& derived, const Assessment& a) {
  SafetySummary s;
  s.until_seen = derived.truth.at("until_seen") == Truth::kTrue;
  s.any_red_flag = !a.red_flags.empty();
  for (const auto& f : a.red_flags) {
    if (!f.kind.empty()) add_unique(s.red_flag_kinds, f.kind);
    s.bone_stress_suspected = s.bone_stress_suspected || f.kind == "bone_stress";
  }
  auto number = [&](const char* id) -> std::optional<double> {
    auto it = facts.find(id);
    if (it == facts.end() || !std::holds_alternative<double>(it->second)) return std::nullopt;
    return std::get<double>(it->second);
  };
  auto flag = [&](const char* id) -> std::optional<bool> {
    auto it = facts.find(id);
    if (it == facts.end() || !std::holds_alternative<bool>(it->second)) return std::nullopt;
    return std::get<bool>(it->second);
  };
  auto text = [&](const char* id) -> std::optional<std::string> {
    auto it = facts.find(id);
    if (it == facts.end() || !std::holds_alternative<std::string>(it->second)) return std::nullopt;
    return std::get<std::string>(it->second);
  };
  s.pain_during = number("pain_during");
  s.pain_after = number("pain_after");
  s.pain_morning = number("pain_morning");
  s.max_pain = number("max_pain");
  if (auto wb = text("weight_bearing")) {
    s.limp = *wb != "normal";
    s.cannot_bear_weight = *wb == "cannot";
  }
  s.locking = flag("locking");
  s.catching = flag("catching");
  s.giving_way = text("giving_way");
  const bool gives_way = s.giving_way && *s.giving_way != "never";
  s.mechanical_symptoms = s.locking.value_or(false) || flag("locked_now").value_or(false) ||
                          (s.catching.value_or(false) && gives_way) ||
                          s.giving_way.value_or("") == "caused_fall";
  if (auto it = derived.open_questions.find("any_red_flag"); it != derived.open_questions.end())
    s.unanswered_warning_signs = it->second;
  for (const Question& q : kb.questions())
    if (q.section == "Painkiller safety" && !facts.count(q.id) &&
        evaluate3(kb, q.ask_if ? *q.ask_if : Predicate{}, facts) != Truth::kFalse)
      s.unanswered_painkiller_questions.push_back(q.id);
  return s;
}

}  // namespace

Assessment assess(const KnowledgeBase& kb, const AssessmentInput& input) {
  Assessment a;
  a.created_utc = input.created_utc;
  a.disclaimer = kb.data().disclaimer;
  a.answers = input.answers;
  a.training = input.training;
  Facts facts = compute_facts(input.answers);
  const std::vector<TriageRule3> rules3 = triage_rules3(kb, facts);
  a.urgency = triage_with(kb, facts, &a.red_flags, rules3);
  // Facts triage sets for the advice: "until you are seen" and "any red flag", each three-valued
  // so that a skipped warning sign keeps anti-inflammatory tablets under check_first.
  const DerivedTruth derived = triage_truth(rules3);
  facts["until_seen"] = derived.truth.at("until_seen") == Truth::kTrue;
  facts["any_red_flag"] = derived.truth.at("any_red_flag") == Truth::kTrue;
  a.causes = score_causes(kb, facts, input.training);
  a.conditions = score_conditions(kb, facts);
  // The steps that fit this picture; those whose first_if holds (what the assessment found,
  // e.g. swelling) lead, the rest keep the knowledge base's order.
  std::vector<ReliefStepOut> first, then;
  for (const ReliefStep& s : kb.data().relief_steps) {
    if (s.skip_if && evaluate(*s.skip_if, facts)) continue;
    const bool lead = s.first_if && evaluate(*s.first_if, facts);
    (lead ? first : then)
        .push_back({s.id, s.title, s.how, s.timing, s.citation, s.why, s.summary, s.avoid});
  }
  a.relief_steps = std::move(first);
  a.relief_steps.insert(a.relief_steps.end(), then.begin(), then.end());
  fit_medication(kb, facts, derived, a);
  fit_long_term(kb, facts, a);
  a.safety = safety_summary(kb, facts, derived, a);
  return a;
}

}  // namespace rk
