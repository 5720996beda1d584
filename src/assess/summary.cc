// The one-screen assessment summary (see summary.h).

#include "assess/summary.h"

#include <fmt/format.h>

#include <algorithm>

#include "assess/engine.h"
#include "knowledge/learn.h"
#include "util/dose_format.h"
#include "util/json_get.h"

namespace rk {
namespace {

using nlohmann::json;

constexpr int kWidth = 80;
constexpr std::size_t kCauses = 3, kTodaySteps = 3, kAvoidSteps = 2, kAvoidMedicines = 2;

std::string str(const json& j, const char* key) {
  return json_string(j, key);
}
const json& list(const json& j, const char* key) {
  return json_list(j, key);
}

std::size_t columns(std::string_view s) {  // UTF-8 code points
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

/// `text` cut at a word boundary to fit `width` columns, with "…" when cut.
std::string fit_line(std::string_view text, std::size_t width) {
  if (columns(text) <= width) return std::string(text);
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find(' ', pos + 1);
    if (end == std::string_view::npos) end = text.size();
    std::string next(text.substr(0, end));
    if (columns(next) + 1 > width) break;
    out = std::move(next);
    pos = end;
  }
  if (out.empty()) out = std::string(text.substr(0, width - 1));
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':'))
    out.pop_back();
  return out + "…";
}

const Medication* find_medication(const KnowledgeBase& kb, const std::string& id) {
  for (const auto& m : kb.data().medications)
    if (m.id == id) return &m;
  return nullptr;
}

std::string medicine_line(const KnowledgeBase& kb, const json& m) {
  std::string dose = str(m, "dose_text");
  if (dose.empty())
    dose = medicine_dose_text(str(m, "dose"), str(m, "interval"), str(m, "daily_max"));
  std::string name = str(m, "name");
  if (name.empty())
    if (const Medication* med = find_medication(kb, str(m, "id"))) name = med->name;
  return fmt::format("If you need a painkiller: {}, {}", name, dose);
}

std::string medicine_name(const KnowledgeBase& kb, const json& m) {
  std::string name = str(m, "name");
  if (name.empty())
    if (const Medication* med = find_medication(kb, str(m, "id"))) name = med->name;
  return name.empty() ? "a painkiller" : name;
}

}  // namespace

json assessment_summary(const KnowledgeBase& kb, const json& r,
                        const std::vector<std::string>& plan_today) {
  json s;
  const json& u = r.is_object() && r.contains("urgency") ? r.at("urgency") : json::object();
  s["level"] = str(u, "level");
  s["label"] = str(u, "label");
  const json& why = list(u, "reasons");
  s["why"] = why.empty() ? "" : str(why.front(), "text");
  s["more_reasons"] = why.empty() ? 0 : why.size() - 1;

  // Causes with a strong or some fit, best first; the best one whatever its fit if none has.
  json causes = json::array();
  for (const auto& c : list(r, "causes")) {
    std::string fit = str(c, "fit");
    if (fit.empty()) fit = fit_word(kb, c.value("score", 0.0));
    if (causes.size() >= kCauses || (fit == "weak" && !causes.empty())) break;
    const json& rs = list(c, "reasons");
    causes.push_back(
        {{"name", str(c, "name")}, {"fit", fit}, {"reason", rs.empty() ? "" : str(rs[0], "text")}});
  }
  s["causes"] = causes;

  const json relief = r.is_object() ? r.value("relief", json::object()) : json::object();
  const json med = relief.value("medication", json::object());
  json today = json::array(), avoid = json::array();
  for (const auto& line : plan_today) today.push_back(line);
  std::size_t steps = 0;
  for (const auto& step : list(relief, "steps")) {
    if (steps++ >= kTodaySteps) break;
    std::string line = str(step, "summary");
    today.push_back(line.empty() ? str(step, "title") : line);
  }
  if (!list(med, "recommended").empty()) {
    today.push_back(medicine_line(kb, list(med, "recommended").front()));
  } else if (!list(med, "check_first").empty()) {
    std::string names;
    for (const auto& m : list(med, "check_first"))
      names += fmt::format("{}{}", names.empty() ? "" : ", ", medicine_name(kb, m));
    today.push_back(fmt::format("Painkillers: ask a pharmacist or doctor first ({})", names));
  }
  for (const auto& step : list(relief, "steps")) {
    if (avoid.size() >= kAvoidSteps) break;
    if (const std::string a = str(step, "avoid"); !a.empty()) avoid.push_back(a);
  }
  std::size_t medicines = 0;
  for (const auto& m : list(med, "avoid")) {
    if (medicines++ >= kAvoidMedicines) break;
    avoid.push_back(fmt::format("{}: {}", medicine_name(kb, m), str(m, "reason")));
  }
  s["today"] = today;
  s["avoid"] = avoid;
  s["disclaimer"] = str(r, "disclaimer");
  return s;
}

std::string render_summary_text(const KnowledgeBase& kb, const json& result,
                                const std::string& more,
                                const std::vector<std::string>& plan_today) {
  const json s = assessment_summary(kb, result, plan_today);
  std::string level = s["level"].get<std::string>();
  for (auto& ch : level) ch = ch == '_' ? ' ' : static_cast<char>(std::toupper(ch));
  const std::string rule(78, level == "SELF CARE" ? '-' : '!');

  // Fixed parts first; the item lists then share what is left of the screen.
  std::vector<std::string> head = {rule};
  auto add_wrapped = [](std::vector<std::string>& out, const std::string& text, int indent,
                        std::size_t max_lines) {
    const std::string wrapped = wrap_text(text, indent, kWidth - 2);
    std::vector<std::string> lines;
    for (std::size_t a = 0; a < wrapped.size();) {
      auto b = wrapped.find('\n', a);
      lines.push_back(wrapped.substr(a, b - a));
      a = b + 1;
    }
    if (lines.size() > max_lines) {
      lines.resize(max_lines);
      lines.back() = fit_line(fmt::format("{} …", lines.back()), kWidth - 2);
    }
    out.insert(out.end(), lines.begin(), lines.end());
  };
  add_wrapped(head, fmt::format("{}: {}", level, s["label"].get<std::string>()), 1, 3);
  head.push_back(rule);
  std::string why = s["why"].get<std::string>();
  if (s["more_reasons"].get<std::size_t>() > 0)
    why += fmt::format(" (+{} more)", s["more_reasons"].get<std::size_t>());
  if (!why.empty()) add_wrapped(head, fmt::format("Why: {}", why), 1, 2);

  std::vector<std::string> tail;
  // Answers the stored runs contradicted (issue 12): the count here, both values in the full text.
  if (const auto n = result.value("answers_and_runs", json::array()).size(); n > 0)
    add_wrapped(tail,
                fmt::format("Answers and runs: {} answer{} differed from your runs; the runs "
                            "were used (the full result shows both and why).",
                            n, n == 1 ? "" : "s"),
                1, 2);
  add_wrapped(tail, s["disclaimer"].get<std::string>(), 1, 3);
  tail.push_back(fit_line(fmt::format(" Everything else: {}", more), kWidth - 2));

  struct Block {
    std::string title;
    std::vector<std::string> items;
  };
  std::vector<Block> blocks;
  Block causes{"Likely causes (a rule-based fit, not a diagnosis):", {}};
  for (const auto& c : s["causes"]) {
    std::string line =
        fmt::format("{} ({} fit)", c["name"].get<std::string>(), c["fit"].get<std::string>());
    if (!c["reason"].get<std::string>().empty())
      line += fmt::format(": {}", c["reason"].get<std::string>());
    causes.items.push_back(line);
  }
  Block today{"What to do today:", s["today"].get<std::vector<std::string>>()};
  Block avoid{"What to avoid:", s["avoid"].get<std::vector<std::string>>()};
  for (Block* b : {&causes, &today, &avoid})
    if (!b->items.empty()) blocks.push_back(std::move(*b));

  // An item takes up to `lines` lines (then is cut with "…"); a painkiller line keeps its dose
  // and cap (up to 3 lines). Over budget: causes and avoid items go down to one line each, then
  // the last item of the longest list goes, until the screen fits.
  std::size_t cause_lines = 2, avoid_lines = 2;
  auto item_lines = [&](std::vector<std::string>& out, const std::string& item,
                        std::size_t max_lines) {
    std::vector<std::string> lines;
    add_wrapped(lines, item, 4, max_lines);
    if (lines.empty()) return;
    lines.front().replace(0, 4, "  - ");
    out.insert(out.end(), lines.begin(), lines.end());
  };
  auto render_block = [&](const Block& b) {
    std::vector<std::string> out = {fmt::format(" {}", b.title)};
    for (const auto& item : b.items) {
      const std::size_t max_lines = item.rfind(kSummaryPlanLead, 0) == 0 ? 6  // never cut short
                                    : item.rfind("If you need a painkiller", 0) == 0 ? 3
                                    : b.title.rfind("Likely causes", 0) == 0         ? cause_lines
                                    : b.title == "What to avoid:"                    ? avoid_lines
                                                                                     : 1;
      item_lines(out, item, max_lines);
    }
    return out;
  };
  auto total = [&] {
    std::size_t n = head.size() + tail.size();
    for (const auto& b : blocks) n += render_block(b).size();
    return n;
  };
  const auto budget = static_cast<std::size_t>(kSummaryMaxLines);
  if (total() > budget) avoid_lines = 1;
  if (total() > budget) cause_lines = 1;
  while (total() > budget) {
    auto longest = std::max_element(
        blocks.begin(), blocks.end(),
        [](const Block& a, const Block& b) { return a.items.size() < b.items.size(); });
    if (longest == blocks.end() || longest->items.size() <= 1) break;
    longest->items.pop_back();
  }
  std::string out;
  for (const auto& l : head) out += l + "\n";
  for (const auto& b : blocks)
    for (const auto& l : render_block(b)) out += l + "\n";
  for (const auto& l : tail) out += l + "\n";
  return out;
}

}  // namespace rk
