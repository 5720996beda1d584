// Terminal rendering of an assessment result (from its JSON, so saved results re-render).

#include <fmt/format.h>

#include "assess/engine.h"
#include "util/dose_format.h"
#include "knowledge/learn.h"

namespace rk {
namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string cite(const json& j) {
  const std::string c = str(j, "citation");
  return c.empty() ? "" : " [" + c + "]";
}

std::string banner(const json& urgency) {
  std::string level = str(urgency, "level");
  for (auto& ch : level) ch = ch == '_' ? ' ' : static_cast<char>(std::toupper(ch));
  const std::string line(78, level == "SELF CARE" ? '-' : '!');
  return fmt::format("{}\n{}{}", line, wrap_text(level + ": " + str(urgency, "label"), 1, 78),
                     line + "\n");
}

/// The fit word, or one made from the score for results saved before words were stored.
std::string fit_of(const KnowledgeBase& kb, const json& c) {
  std::string fit = str(c, "fit");
  return fit.empty() ? fit_word(kb, c.value("score", 0.0)) : fit;
}

/// The medicine's name (results saved before names were stored carry only the id).
std::string medicine_name(const KnowledgeBase& kb, const json& m) {
  if (std::string name = str(m, "name"); !name.empty()) return name;
  for (const auto& med : kb.data().medications)
    if (med.id == str(m, "id")) return med.name;
  return "this medicine";
}

void section(std::string& out, std::string_view title) {
  out += fmt::format("\n{}\n{}\n", title, std::string(title.size(), '-'));
}

void reasons(std::string& out, const json& list, int indent) {
  for (const auto& r : list) {
    const std::string tag = str(r, "source") == "history" ? "(from your runs) " : "";
    out += wrap_text("- " + tag + str(r, "text") + cite(r), indent);
  }
}

}  // namespace

std::string render_text(const KnowledgeBase& kb, const json& r) {
  std::string out = banner(r.at("urgency"));
  reasons(out, r.at("urgency").at("reasons"), 1);
  out += '\n';
  out += wrap_text(str(r, "disclaimer"), 1, 78);

  if (!r.at("red_flags").empty()) {
    section(out, "Warning signs");
    for (const auto& f : r.at("red_flags"))
      out += wrap_text("- " + str(f, "text") + " " + str(f, "action") + cite(f), 1);
  }
  section(out, "Likely causes (best first; a rule-based fit, not a probability)");
  for (const auto& c : r.at("causes")) {
    out += fmt::format(" {:<60} {} fit\n", str(c, "name"), fit_of(kb, c));
    reasons(out, c.at("reasons"), 3);
  }
  section(out, "The picture is consistent with (not a diagnosis)");
  if (r.at("conditions").empty()) out += " Nothing stands out from your answers.\n";
  for (const auto& c : r.at("conditions")) {
    out += fmt::format(" {} ({} fit)\n", str(c, "name"), fit_of(kb, c));
    reasons(out, c.at("reasons"), 3);
    for (const auto& check : c.at("clinician_checks"))
      out += wrap_text("a clinician would check: " + check.get<std::string>(), 5);
  }
  section(out, "Relief now");
  for (const auto& s : r.at("relief").at("steps")) {
    out += fmt::format(" * {}{}\n", str(s, "title"), cite(s));
    out += wrap_text(str(s, "how") + " " + str(s, "timing"), 3);
    if (const std::string why = str(s, "why"); !why.empty()) out += wrap_text("Why: " + why, 3);
  }
  const json& med = r.at("relief").at("medication");
  section(out, "Painkillers");
  if (const std::string notice = med.value("unanswered_notice", ""); !notice.empty())
    out += wrap_text(notice, 1);
  for (const auto& m : med.at("recommended"))
    out += wrap_text(fmt::format("OK: {}: {}. {}{}", str(m, "name"),
                                 medicine_dose_text(str(m, "dose"), str(m, "interval"),
                                                    str(m, "daily_max")),
                                 str(m, "notes"), cite(m)),
                     1);
  for (const auto& m : med.value("check_first", json::array()))
    out += wrap_text(fmt::format("CHECK FIRST with a pharmacist or doctor: {}: {}{}",
                                 str(m, "name"), str(m, "reason"), cite(m)),
                     1);
  for (const auto& m : med.at("avoid"))
    out += wrap_text(fmt::format("AVOID {}: {}{}", medicine_name(kb, m), str(m, "reason"), cite(m)),
                     1);
  for (const auto& n : med.value("notes", json::array()))
    out += wrap_text(str(n, "text") + cite(n), 1);
  out += wrap_text(str(med, "caveat") + " [" + str(med, "caveat_citation") + "]", 1);

  section(out, "Longer term");
  for (const auto& s : r.at("long_term")) {
    out += fmt::format(" * {}{}\n", str(s, "title"), cite(s));
    out += wrap_text(str(s, "why"), 3);
    if (!s.at("exercises").empty()) {
      std::string names;
      for (const auto& id : s.at("exercises"))
        if (const Exercise* x = kb.exercise(id.get<std::string>()))
          names += (names.empty() ? "" : ", ") + x->name;
      out += wrap_text("Exercises: " + names + " (runknee learn exercises)", 3);
    }
  }
  if (r.contains("training") && r.at("training").is_object()) {
    const std::string note = str(r.at("training"), "coverage_note");
    if (!note.empty()) {
      out += '\n';
      out += wrap_text("Training history: " + note, 1);
    }
  }
  if (r.contains("answers_and_runs") && !r.at("answers_and_runs").empty()) {
    section(out, "Your answers and your runs");
    for (const auto& n : r.at("answers_and_runs"))
      out += wrap_text(std::string("- ").append(str(n, "text")), 1);
  }
  std::vector<std::string> ids;
  for (const auto& c : r.value("citations", json::array())) ids.push_back(str(c, "id"));
  out += '\n';
  out += render_sources(kb, ids);
  return out;
}

}  // namespace rk
