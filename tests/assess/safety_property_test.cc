// Metamorphic and property tests of the assessment's safety rules over random answer sets
// generated from the answers schema (data/questions.yaml). A careless rule change that lets a
// skipped question count as "no", offers ibuprofen in an urgent case or lowers the urgency when
// a warning sign is added fails here even if every hand-written vignette still passes.
// docs/clinical-safety.md names these tests as the proof of its controls.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "assess/engine.h"
#include "support/knowledge.h"

namespace rk {
namespace {

using nlohmann::json;

// At least 100,000 answer sets (issue 10); each is assessed four times (as generated, plus one
// warning sign added, one contraindication answered "yes" and one answer removed).
constexpr int kRandomAnswerSets = 100'000;
constexpr std::uint64_t kSeed = 20261130;

const KnowledgeBase& kb() { return rk::testing::embedded_knowledge(); }

int severity(const std::string& level) {
  if (level == "emergency") return 0;
  if (level == "urgent") return 1;
  if (level == "soon") return 2;
  return 3;
}

/// One answer that a rule treats as alarming or as a contraindication: {question, value}.
struct Trigger {
  std::string question;
  json value;  // for a multi question: the single value id to add
  std::string owner;
};

json value_json(const Question& q, const std::string& raw) {
  switch (q.type) {
    case QuestionType::kBool:
      return raw == "true" || raw == "yes";
    case QuestionType::kInt:
    case QuestionType::kNumber:
      return std::strtod(raw.c_str(), nullptr);
    default:
      return raw;
  }
}

/// The `eq` and `has` leaves of a predicate that name a question, as triggers.
void collect_triggers(const Predicate& p, const std::string& owner, std::vector<Trigger>& out) {
  using Op = Predicate::Op;
  if (p.op == Op::kAll || p.op == Op::kAny) {
    for (const auto& c : p.children) collect_triggers(c, owner, out);
    return;
  }
  if (p.op != Op::kEq && p.op != Op::kHas) return;
  const Question* q = kb().question(p.subject);
  if (!q) return;
  out.push_back({q->id, value_json(*q, p.values.front()), owner});
}

const std::vector<Trigger>& red_flag_triggers() {
  static const std::vector<Trigger> t = [] {
    std::vector<Trigger> out;
    for (const RedFlag& f : kb().red_flags()) collect_triggers(f.when, f.id, out);
    if (kb().data().ottawa)
      for (const auto& item : kb().data().ottawa->items) collect_triggers(item.when, item.id, out);
    return out;
  }();
  return t;
}

/// Contraindications whose `when` is a single answer (so "yes" alone must mean avoid).
const std::vector<Trigger>& contraindication_triggers() {
  static const std::vector<Trigger> t = [] {
    std::vector<Trigger> out;
    for (const Medication& m : kb().data().medications)
      for (const auto& c : m.contraindications) {
        std::vector<Trigger> leaves;
        collect_triggers(c.when, m.id, leaves);
        if (leaves.size() == 1 && c.when.op != Predicate::Op::kAll &&
            c.when.op != Predicate::Op::kAny)
          out.push_back(leaves.front());
      }
    return out;
  }();
  return t;
}

std::set<std::string> oral_nsaids() {
  std::set<std::string> out;
  for (const Medication& m : kb().data().medications)
    if (m.kind == "oral_nsaid") out.insert(m.id);
  return out;
}

/// Every anti-inflammatory, tablets and gels (issue 10 review: no gel until seen either).
std::set<std::string> all_nsaids() {
  std::set<std::string> out;
  for (const Medication& m : kb().data().medications)
    if (m.kind == "oral_nsaid" || m.kind == "topical_nsaid") out.insert(m.id);
  return out;
}

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  json answers() {
    json j = json::object();
    // Vary how complete the answers are: from mostly skipped to nearly all answered.
    static constexpr double kAnswerRates[] = {0.2, 0.6, 0.9, 1.0};
    const double rate = kAnswerRates[pick(4)];
    for (const Question& q : kb().questions()) {
      if (q.type == QuestionType::kText) continue;
      if (!q.required && !chance(rate)) continue;
      j[q.id] = value(q);
    }
    return j;
  }

  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

 private:
  json value(const Question& q) {
    switch (q.type) {
      case QuestionType::kBool:
        // Warning signs and contraindications are rare, so most cases are not urgent.
        return chance(q.section == "Warning signs" || q.section == "Painkiller safety" ? 0.12
                                                                                       : 0.5);
      case QuestionType::kInt: {
        const int lo = static_cast<int>(q.min.value_or(0)),
                  hi = static_cast<int>(q.max.value_or(100));
        return std::uniform_int_distribution<int>(lo, hi)(rng_);
      }
      case QuestionType::kNumber: {
        const double lo = q.min.value_or(0);
        // Half the time a small value (days after an injury, weeks of pain, km), else any.
        const double hi =
            chance(0.5) ? std::min(q.max.value_or(100), lo + 20) : q.max.value_or(100);
        return std::round(std::uniform_real_distribution<double>(lo, hi)(rng_) * 2) / 2;
      }
      case QuestionType::kEnum:
        return q.values[pick(q.values.size())].id;
      case QuestionType::kMulti: {
        json list = json::array();
        for (const auto& c : q.values)
          if (chance(0.25)) list.push_back(c.id);
        if (list.empty()) list.push_back(q.values[pick(q.values.size())].id);
        return list;
      }
      case QuestionType::kText:
        break;
    }
    return nullptr;
  }

  std::mt19937_64 rng_;
};

std::optional<Assessment> assess_json(const json& j) {
  auto a = answers_from_json(kb(), j, "random");
  if (!a) return std::nullopt;
  return assess(kb(), {std::move(*a), std::nullopt, 0});
}

template <class T>
bool listed(const std::vector<T>& v, const std::string& id) {
  return std::any_of(v.begin(), v.end(), [&](const T& x) { return x.id == id; });
}

template <class T>
bool has_id(const std::vector<T>& v, const std::string& id) {
  return listed(v, id);
}

/// The safety properties every single assessment must hold; returns the first broken one.
std::string broken_invariant(const Assessment& a) {
  static const std::set<std::string> nsaids = oral_nsaids();
  static const std::set<std::string> any_nsaid = all_nsaids();
  const bool urgent = severity(a.urgency.level) <= 1;
  if (urgent && !a.safety.until_seen) return "urgent or emergency without 'until you are seen'";
  if (a.safety.until_seen) {
    for (const auto& m : a.recommended)
      if (nsaids.count(m.id)) return "oral NSAID recommended while it should wait until seen";
    for (const auto& m : a.recommended)
      if (any_nsaid.count(m.id)) return "anti-inflammatory gel recommended until seen";
    for (const char* id : {"load_gradually", "stretching", "foam_rolling", "mobilisation", "rest",
                           "rest_gradual", "ice_for_pain"})
      if (has_id(a.relief_steps, id)) return std::string("relief step '") + id + "' until seen";
    if (!has_id(a.relief_steps, "until_seen")) return "no 'until you are seen' step";
  }
  if (a.safety.any_red_flag || a.safety.until_seen) {
    for (const char* id : {"pain_monitoring", "return_to_run"})
      if (has_id(a.long_term, id)) return std::string("strategy '") + id + "' with a red flag";
    if (has_id(a.relief_steps, "load_gradually")) return "reload advice with a red flag";
  }
  for (const auto& m : a.recommended)
    if (has_id(a.check_first, m.id) || has_id(a.avoid, m.id)) return "medicine in two buckets";
  if (a.recommended.size() + a.check_first.size() + a.avoid.size() !=
      kb().data().medications.size())
    return "a medicine is missing from the buckets";
  for (const auto& r : a.urgency.reasons) {
    if (r.rule == "triage.no_red_flags" && !a.safety.unanswered_warning_signs.empty())
      return "'none of your answers is a warning sign' with warning signs unanswered";
    if (r.rule == "ottawa.negative") {
      for (const char* id :
           {"ottawa_four_steps", "ottawa_flex_90", "ottawa_fibular_head", "ottawa_patella_only"}) {
        const AnswerValue* v = a.answers.find(id);
        if (!v || !std::holds_alternative<bool>(*v) || std::get<bool>(*v))
          return std::string("Ottawa reassurance without '") + id + "' answered no";
      }
      const AnswerValue* age = a.answers.find("age");
      if (!age || std::get<double>(*age) >= 55) return "Ottawa reassurance at 55 or over";
      const AnswerValue* weeks = a.answers.find("duration_weeks");
      if (!weeks || std::get<double>(*weeks) >= 1) return "Ottawa reassurance a week or more on";
    }
  }
  return {};
}

TEST(SafetyProperties, HoldOverRandomAnswerSets) {
  ASSERT_FALSE(red_flag_triggers().empty());
  ASSERT_FALSE(contraindication_triggers().empty());
  Generator gen(kSeed);
  int assessed = 0, failures = 0, urgent = 0, with_check_first = 0;
  auto fail = [&](const std::string& what, const json& before, const json& after) {
    if (++failures <= 5)
      ADD_FAILURE() << what << "\nanswers: " << before.dump() << "\nchanged: " << after.dump();
  };
  for (int i = 0; i < kRandomAnswerSets && failures < 5; ++i) {
    const json base = gen.answers();
    const auto a = assess_json(base);
    ASSERT_TRUE(a) << base.dump();
    ++assessed;
    urgent += severity(a->urgency.level) <= 1;
    with_check_first += !a->check_first.empty();
    if (auto broken = broken_invariant(*a); !broken.empty()) fail(broken, base, base);

    // Adding a warning-sign answer never lowers the urgency.
    const Trigger& flag = red_flag_triggers()[gen.pick(red_flag_triggers().size())];
    json more = base;
    more[flag.question] = flag.value;
    if (auto b = assess_json(more)) {
      ++assessed;
      if (severity(b->urgency.level) > severity(a->urgency.level))
        fail("adding " + flag.question + " (" + flag.owner + ") lowered the urgency from " +
                 a->urgency.level + " to " + b->urgency.level,
             base, more);
      if (auto broken = broken_invariant(*b); !broken.empty()) fail(broken, base, more);
    }

    // Answering a contraindication "yes" never moves a medicine into recommended.
    const Trigger& contra =
        contraindication_triggers()[gen.pick(contraindication_triggers().size())];
    json yes = base;
    if (kb().question(contra.question)->type == QuestionType::kMulti) {
      json list = yes.contains(contra.question) ? yes[contra.question] : json::array();
      list.erase(std::remove(list.begin(), list.end(), json("none")), list.end());
      list.push_back(contra.value);
      yes[contra.question] = list;
    } else {
      yes[contra.question] = contra.value;
    }
    if (auto b = assess_json(yes)) {
      ++assessed;
      for (const auto& m : b->recommended)
        if (!listed(a->recommended, m.id))
          fail(contra.question + " = yes moved " + m.id + " into recommended", base, yes);
      const bool asked = b->answers.find(contra.question) != nullptr;
      if (asked && !listed(b->avoid, contra.owner))
        fail(contra.question + " = yes did not put " + contra.owner + " under avoid", base, yes);
      if (auto broken = broken_invariant(*b); !broken.empty()) fail(broken, base, yes);
    }

    // Un-answering a question never turns check_first or avoid into recommended.
    std::vector<std::string> optional;
    for (const auto& [id, v] : a->answers.values)
      if (!kb().question(id)->required) optional.push_back(id);
    if (!optional.empty()) {
      json fewer = base;
      const std::string dropped = optional[gen.pick(optional.size())];
      fewer.erase(dropped);
      if (auto b = assess_json(fewer)) {
        ++assessed;
        for (const auto& m : b->recommended)
          if (!listed(a->recommended, m.id))
            fail("skipping " + dropped + " moved " + m.id + " into recommended", base, fewer);
        if (auto broken = broken_invariant(*b); !broken.empty()) fail(broken, base, fewer);
      }
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GE(assessed, 4 * kRandomAnswerSets - kRandomAnswerSets / 10);
  // The generator must reach the interesting cases, or the properties prove little.
  EXPECT_GT(urgent, kRandomAnswerSets / 20);
  EXPECT_GT(with_check_first, kRandomAnswerSets / 4);
}

}  // namespace
}  // namespace rk
