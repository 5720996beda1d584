#include "assess/engine.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace rk {
namespace {

int severity(std::string_view level) {  // lower is more urgent
  if (level == "emergency") return 0;
  if (level == "urgent") return 1;
  if (level == "soon") return 2;
  return 3;
}

double round2(double v) {
  return std::round(v * 100) / 100;
}

struct Hit {
  int severity;
  Reason reason;
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
    if (s.score >= min_score) out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const ScoredCondition& a, const ScoredCondition& b) {
    return a.score > b.score;
  });
  return out;
}

void fit_medication(const KnowledgeBase& kb, const Facts& facts, Assessment& a) {
  for (const Medication& m : kb.data().medications) {
    MedicationAvoid avoid{m.id, {}, {}, {}};
    for (const auto& c : m.contraindications) {
      if (!evaluate(c.when, facts)) continue;
      avoid.reason += (avoid.reason.empty() ? "" : "; ") + c.reason;
      avoid.rules.push_back(c.id);
      if (avoid.citation.empty()) avoid.citation = c.citation;
    }
    if (!avoid.rules.empty()) {
      a.avoid.push_back(std::move(avoid));
      continue;
    }
    MedicationOut out{m.id, m.name, m.dose, m.interval, m.daily_max, m.notes, m.citation};
    for (const auto& c : m.cautions)
      if (evaluate(c.when, facts)) out.notes += " " + c.note;
    a.recommended.push_back(std::move(out));
  }
  if (kb.data().caveat) {
    a.caveat = kb.data().caveat->text;
    a.caveat_citation = kb.data().caveat->citation;
  }
}

void fit_long_term(const KnowledgeBase& kb, Assessment& a) {
  const double min_score = kb.threshold_or("assess.strategy_min_cause_score", 0.3);
  std::set<std::string> added;
  // Strategies follow the cause ranking, so the best-fitting advice comes first.
  for (std::size_t rank = 0; rank < a.causes.size(); ++rank) {
    const ScoredCause& c = a.causes[rank];
    const bool fits = c.score >= min_score || (rank == 0 && c.score > 0);
    if (!fits) continue;
    for (const Strategy& s : kb.strategies()) {
      if (s.always || added.count(s.id)) continue;
      if (std::find(s.for_causes.begin(), s.for_causes.end(), c.id) == s.for_causes.end()) continue;
      added.insert(s.id);
      a.long_term.push_back({s.id, s.title, s.why, s.for_causes, s.citation, s.exercises});
    }
  }
  for (const Strategy& s : kb.strategies())
    if (s.always)
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

UrgencyResult triage(const KnowledgeBase& kb, const Facts& facts,
                     std::vector<RedFlagHit>* red_flags) {
  const KnowledgeData& d = kb.data();
  std::vector<Hit> hits;
  for (const RedFlag& f : d.red_flags) {
    if (!evaluate(f.when, facts)) continue;
    hits.push_back({severity(f.urgency), {f.text + " " + f.action, "answer", f.id, f.citation}});
    if (red_flags) red_flags->push_back({f.id, f.text, f.action, f.citation});
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
      red_flags->push_back({d.ottawa->id,
                            "Ottawa knee rule positive after an injury: " + items + ".",
                            d.ottawa->action, d.ottawa->citation});
  }
  for (const UrgencyRule& r : d.urgency_rules)
    if (evaluate(r.when, facts))
      hits.push_back(
          {severity(r.urgency), {fill_template(r.text, facts), "answer", r.id, r.citation}});

  UrgencyResult u;
  int best = 3;
  for (const Hit& h : hits) best = std::min(best, h.severity);
  static const char* const kLevels[] = {"emergency", "urgent", "soon", "self_care"};
  u.level = kLevels[best];
  u.label = level_label(kb, u.level);
  for (const Hit& h : hits)
    if (h.severity == best) u.reasons.push_back(h.reason);
  if (best == 3) {
    u.reasons.push_back({"None of your answers is a warning sign.", "answer", "triage.no_red_flags",
                         "nhs_knee_pain"});
    if (d.ottawa && evaluate(d.ottawa->applies_when, facts))
      u.reasons.push_back(
          {"After your injury no Ottawa knee rule item applies, so a fracture is "
           "very unlikely.",
           "answer", "ottawa.negative", "bachmann2004"});
  }
  return u;
}

Assessment assess(const KnowledgeBase& kb, const AssessmentInput& input) {
  Assessment a;
  a.created_utc = input.created_utc;
  a.disclaimer = kb.data().disclaimer;
  a.answers = input.answers;
  a.training = input.training;
  const Facts facts = compute_facts(input.answers);
  a.urgency = triage(kb, facts, &a.red_flags);
  a.causes = score_causes(kb, facts, input.training);
  a.conditions = score_conditions(kb, facts);
  for (const ReliefStep& s : kb.data().relief_steps)
    if (!s.skip_if || !evaluate(*s.skip_if, facts))
      a.relief_steps.push_back({s.id, s.title, s.how, s.timing, s.citation});
  fit_medication(kb, facts, a);
  fit_long_term(kb, a);
  return a;
}

}  // namespace rk
