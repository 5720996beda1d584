#include "plan/report.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/xml_escape.h"

namespace rk::plan {
namespace {

constexpr int kW = 640, kH = 200, kPad = 30;

std::string polyline(const std::vector<std::pair<double, double>>& pts, const char* color) {
  if (pts.empty()) return "";
  std::string p;
  for (const auto& [x, y] : pts) p += fmt::format("{:.1f},{:.1f} ", x, y);
  return fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>",
                     color, p);
}

// The sections, as (title, markdown-ish body with inline HTML where needed).
struct Section {
  std::string title, body;
};

std::string assessment_section(const ReportData& d) {
  if (!d.assessment_json) return "No assessment saved yet (`runknee assess`).\n";
  auto j = nlohmann::json::parse(*d.assessment_json, nullptr, false);
  if (j.is_discarded()) return "The saved assessment could not be read.\n";
  std::string out = fmt::format("Saved {}. Urgency: **{}**", d.assessment_date,
                                j["urgency"].value("label", j["urgency"].value("level", "?")));
  out += "\n\n";
  if (j.contains("red_flags") && j["red_flags"].is_array()) {
    for (const auto& f : j["red_flags"]) out += "- Red flag: " + f.value("text", "") + "\n";
  }
  if (j.contains("causes") && j["causes"].is_array()) {
    out += "\nLikely contributing causes (consistent with the answers, not a diagnosis):\n\n";
    for (const auto& c : j["causes"]) {
      out += fmt::format("- {} (score {:.2f})\n", c.value("name", c.value("id", "")),
                         c.value("score", 0.0));
    }
  }
  if (j.contains("conditions") && j["conditions"].is_array()) {
    out += "\nConditions the pattern is consistent with (for the clinician to check):\n\n";
    for (const auto& c : j["conditions"]) {
      out += fmt::format("- {} (score {:.2f})\n", c.value("name", c.value("id", "")),
                         c.value("score", 0.0));
    }
  }
  return out;
}

std::string koos_section(const ReportData& d) {
  if (d.koos.empty()) return "No KOOS taken yet (`runknee koos`).\n";
  std::string out = "| Date |";
  for (const auto& s : d.koos.front().second.subscales) out += " " + s.name + " |";
  out += "\n|---|";
  for (std::size_t i = 0; i < d.koos.front().second.subscales.size(); ++i) out += "---|";
  out += "\n";
  for (std::size_t i = 0; i < d.koos.size(); ++i) {
    out += "| " + d.koos[i].first + " |";
    const auto changes =
        i > 0 ? koos_changes(d.koos[i - 1].second, d.koos[i].second, d.koos_threshold)
              : std::vector<KoosChange>{};
    for (std::size_t k = 0; k < d.koos[i].second.subscales.size(); ++k) {
      const auto& sc = d.koos[i].second.subscales[k];
      std::string cell = sc.score ? fmt::format("{:.1f}", *sc.score) : "n/a";
      if (k < changes.size() && changes[k].delta) {
        cell += fmt::format(" ({:+.1f}{})", *changes[k].delta, changes[k].meaningful ? " *" : "");
      }
      out += " " + cell + " |";
    }
    out += "\n";
  }
  out += fmt::format(
      "\n0-100, 100 = no problems. * = a change of {:.0f} points or more "
      "(meaningful); smaller changes are within noise.\n",
      d.koos_threshold);
  return out;
}

std::string plan_section(const ReportData& d) {
  const auto& p = d.plan;
  std::string out = p.headline + "\n\n";
  for (const auto& r : p.not_cleared_reasons) out += "- Not cleared: " + r + "\n";
  for (const auto& w : p.weeks) {
    out += fmt::format("\n**Week {}** (from {}): {}{}\n\n", w.index, w.start_date, w.stage_title,
                       w.planned_km > 0 ? fmt::format(", {:.2f} km", w.planned_km) : "");
    for (const auto& s : w.sessions) {
      out += fmt::format("- {} {}{}: {} *Why:* {} [{}]\n", s.date, s.title,
                         s.distance_km ? fmt::format(" ({:.2f} km)", *s.distance_km) : "",
                         s.details, s.why, s.citation);
    }
  }
  if (!d.decisions.empty()) {
    out += "\nDecisions from the pain diary:\n\n";
    for (const auto& dec : d.decisions) {
      out += fmt::format("- {}: {} - {} [{}]\n", dec.date, decision_name(dec.decision), dec.reason,
                         dec.citation);
    }
  }
  out += "\nRules:\n\n";
  for (const auto& r : p.rules) {
    out += fmt::format("- {} = {} {}: {} [{}]\n", r.id, r.value, r.unit, r.meaning, r.citation);
  }
  return out;
}

std::vector<Section> sections(const ReportData& d) {
  return {
      {"Latest assessment", assessment_section(d)},
      {"Training load (weekly km)",
       d.load_chart_svg.empty() ? weekly_km_chart_svg(d.runs, d.today_day, 12) : d.load_chart_svg},
      {"Pain diary", pain_chart_svg(d.diary) + "\n\n" +
                         "Lines: red = during the run, orange = after, blue = next morning "
                         "(0-10).\n"},
      {"KOOS history", koos_section(d)},
      {"Plan", plan_section(d)}};
}

std::string md_to_html_light(const std::string& md) {
  // Enough for our own output: paragraphs, "- " lists, **bold**, tables, inline SVG kept.
  std::string out;
  std::size_t pos = 0;
  bool in_list = false, in_table = false;
  while (pos <= md.size()) {
    auto end = md.find('\n', pos);
    if (end == std::string::npos) end = md.size();
    std::string line = md.substr(pos, end - pos);
    pos = end + 1;
    const bool is_item = line.rfind("- ", 0) == 0;
    const bool is_row = line.rfind("|", 0) == 0;
    if (in_list && !is_item) out += "</ul>\n", in_list = false;
    if (in_table && !is_row) out += "</table>\n", in_table = false;
    if (line.rfind("<svg", 0) == 0) {
      out += line + "\n";
      continue;
    }
    std::string text = xml_escape(is_item ? line.substr(2) : line);
    for (int bold = 0;;) {
      auto b = text.find("**");
      if (b == std::string::npos) break;
      text.replace(b, 2, bold++ % 2 == 0 ? "<b>" : "</b>");
    }
    if (is_item) {
      if (!in_list) out += "<ul>\n", in_list = true;
      out += "<li>" + text + "</li>\n";
    } else if (is_row) {
      if (line.find("---") != std::string::npos) continue;
      if (!in_table) out += "<table>\n", in_table = true;
      out += "<tr>";
      std::size_t a = 1;
      while (a < line.size()) {
        auto b = line.find('|', a);
        if (b == std::string::npos) break;
        out += "<td>" + xml_escape(line.substr(a, b - a)) + "</td>";
        a = b + 1;
      }
      out += "</tr>\n";
    } else if (!line.empty()) {
      out += "<p>" + text + "</p>\n";
    }
    if (end == md.size()) break;
  }
  if (in_list) out += "</ul>\n";
  if (in_table) out += "</table>\n";
  return out;
}

}  // namespace

std::string pain_chart_svg(const std::vector<DiaryEntry>& diary) {
  std::vector<const DiaryEntry*> es;
  for (const auto& e : diary) {
    if (e.worst_pain()) es.push_back(&e);
  }
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"Pain over time\"><rect width=\"100%\" height=\"100%\" fill=\"white\" "
      "stroke=\"#ccc\"/>",
      kW, kH);
  const double plot_h = kH - 2 * kPad;
  for (int v : {0, 5, 10}) {
    const double y = kH - kPad - plot_h * v / 10.0;
    out += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#eee\"/>"
        "<text x=\"4\" y=\"{:.1f}\" font-size=\"10\">{}</text>",
        kPad, kW - kPad, y, y, y + 3, v);
  }
  if (es.empty()) return out + "<text x=\"40\" y=\"100\">No pain logged yet</text></svg>";
  const auto first = *day_number(es.front()->date);
  const auto last = *day_number(es.back()->date);
  const double span = std::max<double>(1, static_cast<double>(last - first));
  const double plot_w = kW - 2 * kPad;
  auto series = [&](auto get, const char* color) {
    std::vector<std::pair<double, double>> pts;
    for (const auto* e : es) {
      const auto v = get(*e);
      if (!v) continue;
      pts.push_back({kPad + plot_w * static_cast<double>(*day_number(e->date) - first) / span,
                     kH - kPad - plot_h * *v / 10.0});
    }
    return polyline(pts, color);
  };
  out += series([](const DiaryEntry& e) { return e.pain_during; }, "#c0392b");
  out += series([](const DiaryEntry& e) { return e.pain_after; }, "#e67e22");
  out += series([](const DiaryEntry& e) { return e.pain_morning; }, "#2471a3");
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>", kPad, kH - 8,
                     es.front()->date);
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
                     kW - kPad, kH - 8, es.back()->date);
  return out + "</svg>";
}

std::string weekly_km_chart_svg(const std::vector<PastRun>& runs, std::int64_t today, int weeks) {
  std::vector<double> km(static_cast<std::size_t>(weeks), 0.0);
  for (const auto& r : runs) {
    const auto back = (today - 1 - r.day) / 7;  // 0 = the last 7 days
    if (r.day < today && back >= 0 && back < weeks) {
      km[static_cast<std::size_t>(weeks - 1 - back)] += r.km;
    }
  }
  const double top = std::max(1.0, *std::max_element(km.begin(), km.end()));
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"Weekly running distance\"><rect width=\"100%\" height=\"100%\" "
      "fill=\"white\" stroke=\"#ccc\"/>",
      kW, kH);
  const double bw = (kW - 2.0 * kPad) / weeks;
  for (int i = 0; i < weeks; ++i) {
    const double h = (kH - 2.0 * kPad) * km[static_cast<std::size_t>(i)] / top;
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#5d8aa8\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" text-anchor=\"middle\">{:.0f}</text>",
        kPad + i * bw + 2, kH - kPad - h, bw - 4, h, kPad + (i + 0.5) * bw, kH - kPad - h - 3,
        km[static_cast<std::size_t>(i)]);
  }
  out += fmt::format(
      "<text x=\"{}\" y=\"{}\" font-size=\"10\">km per week, last {} weeks "
      "(right = the last 7 days)</text>",
      kPad, kH - 8, weeks);
  return out + "</svg>";
}

std::string render_report_md(const ReportData& d) {
  std::string out = fmt::format(
      "# runknee report for a physiotherapist\n\nGenerated {}. "
      "Self-reported data and rule-based suggestions; not a "
      "diagnosis.\n",
      d.today);
  for (const auto& s : sections(d)) out += "\n## " + s.title + "\n\n" + s.body + "\n";
  return out;
}

std::string render_report_html(const ReportData& d) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>runknee report</title><style>body{font-family:sans-serif;max-width:50em;"
      "margin:2em auto;line-height:1.4}table{border-collapse:collapse}td{border:1px solid #ccc;"
      "padding:2px 6px}@media print{h2{page-break-after:avoid}}</style></head><body>\n";
  out += fmt::format(
      "<h1>runknee report for a physiotherapist</h1>\n<p>Generated {}. "
      "Self-reported data and rule-based suggestions; not a diagnosis.</p>\n",
      xml_escape(d.today));
  for (const auto& s : sections(d)) {
    out += "<h2>" + xml_escape(s.title) + "</h2>\n" + md_to_html_light(s.body);
  }
  return out + "</body></html>\n";
}

}  // namespace rk::plan
