#include "knowledge/learn.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "util/dose_format.h"
#include "util/error.h"

namespace rk {
namespace {

/// Collects the citations a page uses, so that it can end with the full references.
class Page {
 public:
  explicit Page(const KnowledgeBase& kb) : kb_(kb) {}
  void heading(std::string_view title) {
    out_ += fmt::format("{}\n{}\n\n", title, std::string(title.size(), '='));
  }
  void item(std::string_view title) { out_ += fmt::format("* {}\n", title); }
  void para(std::string_view text, const std::string& citation = {}, int indent = 2) {
    std::string body(text);
    if (!citation.empty()) {
      body += fmt::format(" [{}]", citation);
      if (std::find(cited_.begin(), cited_.end(), citation) == cited_.end())
        cited_.push_back(citation);
    }
    out_ += wrap_text(body, indent);
  }
  void blank() { out_ += "\n"; }
  std::string finish() { return out_ + "\n" + render_sources(kb_, cited_); }

 private:
  const KnowledgeBase& kb_;
  std::string out_;
  std::vector<std::string> cited_;
};

std::string anatomy(const KnowledgeBase& kb) {
  Page p(kb);
  p.heading("The inner (medial) knee");
  for (const auto& a : kb.anatomy()) {
    p.item(a.name);
    p.para(a.what);
    p.para(a.how_it_hurts, a.citation);
    p.blank();
  }
  return p.finish();
}

std::string causes(const KnowledgeBase& kb) {
  Page p(kb);
  p.heading("Five common causes of inner knee pain in runners");
  for (const auto& c : kb.causes()) {
    p.item(fmt::format("{} ({})", c.name, c.id));
    p.para(c.summary, c.citation);
    p.blank();
  }
  p.para("`runknee assess` scores each cause from your answers and imported runs.", {}, 0);
  return p.finish();
}

std::string conditions(const KnowledgeBase& kb) {
  Page p(kb);
  p.heading("Conditions a clinician would tell apart");
  for (const auto& c : kb.conditions()) {
    p.item(c.name);
    p.para(c.summary, c.citation);
    for (const auto& check : c.clinician_checks) p.para("- a clinician checks: " + check, {}, 4);
    p.blank();
  }
  p.para("runknee only says which of these a picture is consistent with; it never diagnoses.", {},
         0);
  return p.finish();
}

std::string relief(const KnowledgeBase& kb) {
  Page p(kb);
  const KnowledgeData& d = kb.data();
  p.heading("Instant relief");
  for (const auto& s : d.relief_steps) {
    p.item(s.title);
    p.para(s.how);
    p.para("When: " + s.timing, s.citation);
    p.para("Why: " + s.why);
    p.blank();
  }
  p.heading("Painkillers (adult doses)");
  for (const auto& m : d.medications) {
    p.item(m.name);
    p.para("Dose: " + medicine_dose_text(m.dose, m.interval, m.daily_max) + ".", m.citation);
    p.para(m.notes);
    std::string reasons;
    for (const auto& c : m.contraindications) reasons += (reasons.empty() ? "" : "; ") + c.reason;
    if (!reasons.empty()) p.para("Not for you if: " + reasons, m.citation, 4);
    p.blank();
  }
  if (d.caveat) p.para(d.caveat->text, d.caveat->citation, 0);
  return p.finish();
}

std::string prevention(const KnowledgeBase& kb) {
  Page p(kb);
  p.heading("Long-term strategies");
  for (const auto& s : kb.strategies()) {
    p.item(s.title);
    p.para(s.why, s.citation);
    if (!s.exercises.empty()) {
      std::string names;
      for (const auto& id : s.exercises)
        if (const Exercise* x = kb.exercise(id)) names += (names.empty() ? "" : ", ") + x->name;
      p.para("Exercises: " + names + " (see `runknee learn exercises`)", {}, 4);
    }
    p.blank();
  }
  return p.finish();
}

std::string exercises(const KnowledgeBase& kb) {
  Page p(kb);
  p.heading("Exercises");
  for (const auto& x : kb.exercises()) {
    const std::string dose = x.reps ? fmt::format("{} sets of {} reps", x.sets, *x.reps)
                                    : fmt::format("{} sets, hold {} s", x.sets, *x.hold_s);
    p.item(fmt::format("{} ({}): {}", x.name, x.target, dose));
    p.para(x.how);
    p.para("Progression: " + x.progression, x.citation);
    p.blank();
  }
  return p.finish();
}

std::string red_flags(const KnowledgeBase& kb) {
  Page p(kb);
  const KnowledgeData& d = kb.data();
  p.heading("Warning signs: when to get help");
  for (const auto& level : d.urgency_levels) {
    bool any = false;
    for (const auto& f : d.red_flags) {
      if (f.urgency != level.id) continue;
      if (!any) p.para(level.label + ":", {}, 0);
      any = true;
      p.para("- " + f.text + " " + f.action, f.citation);
    }
    if (any) p.blank();
  }
  if (d.ottawa) {
    p.heading("After an injury: the Ottawa knee rule");
    p.para(d.ottawa->text, d.ottawa->citation, 0);
    for (const auto& item : d.ottawa->items) p.para("- " + item.text, item.citation);
    p.para(d.ottawa->action, {}, 0);
  }
  return p.finish();
}

}  // namespace

const std::vector<LearnTopic>& learn_topics() {
  static const std::vector<LearnTopic> topics = {
      {"anatomy", "The structures of the inner knee"},
      {"causes", "The five common causes in runners"},
      {"conditions", "Conditions a clinician would tell apart"},
      {"relief", "Instant relief: RICE, stretching, painkillers"},
      {"prevention", "Long-term strategies"},
      {"exercises", "Strength exercises with dosage"},
      {"red-flags", "Warning signs and the Ottawa knee rule"}};
  return topics;
}

Expected<std::string> render_learn(const KnowledgeBase& kb, std::string_view topic) {
  if (topic.empty()) {
    std::string out = "Topics (runknee learn TOPIC):\n\n";
    for (const auto& t : learn_topics()) out += fmt::format("  {:<12} {}\n", t.id, t.title);
    out += "\nAlso: runknee faq\n";
    return out;
  }
  if (topic == "anatomy") return anatomy(kb);
  if (topic == "causes") return causes(kb);
  if (topic == "conditions") return conditions(kb);
  if (topic == "relief") return relief(kb);
  if (topic == "prevention") return prevention(kb);
  if (topic == "exercises") return exercises(kb);
  if (topic == "red-flags") return red_flags(kb);
  std::string names;
  for (const auto& t : learn_topics()) names += (names.empty() ? "" : ", ") + t.id;
  return fail("unknown topic '{}' (topics: {})", topic, names);
}

std::string render_faq(const KnowledgeBase& kb) {
  Page p(kb);
  p.heading("Frequently asked questions");
  for (const auto& f : kb.faq()) {
    p.item(f.question);
    p.para(f.answer, f.citation);
    p.blank();
  }
  return p.finish();
}

std::string wrap_text(std::string_view text, int indent, int width) {
  std::istringstream words{std::string(text)};
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  std::string out, line;
  for (std::string w; words >> w;) {
    if (!line.empty() && static_cast<int>(pad.size() + line.size() + 1 + w.size()) > width) {
      out += pad + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + w;
  }
  if (!line.empty()) out += pad + line + "\n";
  return out;
}

std::string render_sources(const KnowledgeBase& kb, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  std::string out = "Sources:\n";
  for (const auto& id : ids) {
    const Citation* c = kb.citation(id);
    out += wrap_text(fmt::format("[{}] {}", id, c ? c->text : "(unknown citation)"), 2);
  }
  return out;
}

}  // namespace rk
