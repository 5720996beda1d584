#include "plan/report.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/dose_format.h"
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

// The report as a list of blocks, rendered once to Markdown and once to HTML: no Markdown
// syntax is ever written into the HTML.
struct Block {
  enum Kind { kHeading, kPara, kNote, kList, kTable, kSvg } kind = kPara;
  std::string text = {};                            // heading, paragraph, note, SVG
  std::vector<std::string> items = {};              // list
  std::vector<std::string> header = {};             // table
  std::vector<std::vector<std::string>> rows = {};  // table
  std::vector<bool> flagged = {};                   // list items or table rows to stand out
};

struct Doc {
  std::vector<Block> blocks;
  void heading(std::string t) { blocks.push_back({Block::kHeading, std::move(t)}); }
  void para(std::string t) { blocks.push_back({Block::kPara, std::move(t)}); }
  void note(std::string t) { blocks.push_back({Block::kNote, std::move(t)}); }
  void svg(std::string t) { blocks.push_back({Block::kSvg, std::move(t)}); }
  void list(std::vector<std::string> items, std::vector<bool> flagged = {}) {
    Block b{Block::kList};
    b.items = std::move(items);
    b.flagged = std::move(flagged);
    blocks.push_back(std::move(b));
  }
  void table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows,
             std::vector<bool> flagged = {}) {
    Block b{Block::kTable};
    b.header = std::move(header);
    b.rows = std::move(rows);
    b.flagged = std::move(flagged);
    blocks.push_back(std::move(b));
  }
  void rows(const std::vector<ReportRow>& rs, const char* left, const char* right) {
    std::vector<std::vector<std::string>> out;
    std::vector<bool> flags;
    for (const auto& r : rs) {
      out.push_back({r.label, r.value});
      flags.push_back(r.flagged);
    }
    table({left, right}, std::move(out), std::move(flags));
  }
};

std::string pain_text(const std::optional<int>& v) { return v ? fmt::format("{}/10", *v) : "-"; }

void clinical_picture(Doc& doc, const ReportData& d) {
  doc.heading("Clinical picture");
  if (!d.assessment) {
    doc.para("No knee check saved yet.");
    return;
  }
  const auto& a = *d.assessment;
  doc.para(fmt::format("From the knee check of {} (the runner's own answers).", a.date));
  if (a.picture.empty())
    doc.para("No answers about the pain were given.");
  else
    doc.rows(a.picture, "Question", "Answer");
  doc.heading("Warning signs asked");
  if (a.red_flags.empty()) {
    doc.para("None of the warning signs answered holds.");
  } else {
    doc.para("Warning signs that hold:");
    doc.list(a.red_flags, std::vector<bool>(a.red_flags.size(), true));
  }
  if (!a.warning_signs.empty()) doc.rows(a.warning_signs, "Warning-sign question", "Answer");
  doc.heading("Medicines and contraindications");
  if (a.medicine_answers.empty())
    doc.para("No painkiller-safety question was answered yes.");
  else
    doc.rows(a.medicine_answers, "Painkiller-safety question answered yes", "Answer");
  if (!a.medicines.empty()) doc.rows(a.medicines, "Medicine", "By the answers given");
}

void urgency(Doc& doc, const ReportData& d) {
  if (!d.assessment) return;
  const auto& a = *d.assessment;
  doc.heading("Urgency and reasons");
  doc.para(a.urgency_label);
  if (!a.urgency_reasons.empty()) doc.list(a.urgency_reasons);
  if (!a.causes.empty()) {
    doc.para("Likely contributing causes (a rule-based fit to the answers, not a diagnosis):");
    doc.rows(a.causes, "Cause", "Fit and main reason");
  }
  if (!a.conditions.empty()) {
    doc.para("Conditions the picture is consistent with, for the clinician to check:");
    doc.rows(a.conditions, "Condition", "Fit");
  }
}

void load(Doc& doc, const ReportData& d) {
  doc.heading("Load around the onset");
  if (d.runs.empty()) {
    doc.note("No runs stored yet, so there is no load chart.");
  } else {
    doc.svg(d.load_chart_svg.empty() ? weekly_km_chart_svg(d.runs, d.today_day, 12, d.units)
                                     : d.load_chart_svg);
  }
  if (d.assessment && !d.assessment->spike.empty())
    doc.para("Largest single-run spike before the knee check: " + d.assessment->spike);
}

void diary(Doc& doc, const ReportData& d) {
  doc.heading("Pain diary and adherence");
  std::size_t with_pain = 0;
  for (const auto& e : d.diary) with_pain += e.worst_pain() ? 1 : 0;
  if (with_pain < kPainChartMinEntries) {
    doc.note(fmt::format("Not enough entries yet for a pain chart ({} with a pain score; the chart "
                         "needs {}).",
                         with_pain, kPainChartMinEntries));
  } else {
    doc.svg(pain_chart_svg(d.diary));
    doc.note("Lines: red = during the run, orange = after, blue = next morning (0-10).");
  }
  // Adherence: how many of the last 28 days have an entry, and how many runs have pain logged.
  int days = 0, runs = 0, runs_logged = 0;
  for (const auto& e : d.diary) {
    const auto day = day_number(e.date);
    if (day && *day > d.today_day - 28 && *day <= d.today_day) ++days;
  }
  for (const auto& r : d.runs) {
    if (r.day <= d.today_day - 28 || r.day > d.today_day) continue;
    ++runs;
    for (const auto& e : d.diary)
      if (day_number(e.date) == r.day && (e.pain_during || e.pain_after)) {
        ++runs_logged;
        break;
      }
  }
  doc.para(fmt::format("Diary entries on {} of the last 28 days; pain logged for {} of the {} "
                       "stored run{} in that time.",
                       days, runs_logged, runs, runs == 1 ? "" : "s"));
  if (!d.exercise_adherence.empty()) doc.para(d.exercise_adherence);
  if (d.diary.empty()) return;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> flags;
  const std::size_t first = d.diary.size() > 14 ? d.diary.size() - 14 : 0;
  for (std::size_t i = first; i < d.diary.size(); ++i) {
    const auto& e = d.diary[i];
    std::string notes;
    auto add = [&notes](bool on, const char* what) {
      if (!on) return;
      if (!notes.empty()) notes += ", ";
      notes += what;
    };
    add(e.swelling, "swelling");
    add(e.catching, "catching");
    add(e.locking, "locking");
    add(e.giving_way, e.fell ? "gave way with a fall" : "gave way");
    add(e.night_pain, "night pain");
    add(e.cannot_bear_weight, "could not bear weight");
    add(e.hot_red, "hot and red");
    add(e.fever, "fever");
    add(e.calf_swelling, "swollen calf");
    add(e.numbness, "numbness");
    rows.push_back({e.date, pain_text(e.pain_during), pain_text(e.pain_after),
                    pain_text(e.pain_morning),
                    e.run_km > 0 ? format_distance(e.run_km, d.units, 1) : "-", notes});
    flags.push_back(!diary_red_flags(e).empty());
  }
  doc.table({"Date", "During", "After", "Next morning", "Run", "Symptoms"}, std::move(rows),
            std::move(flags));
}

void koos(Doc& doc, const ReportData& d) {
  doc.heading("KOOS");
  if (d.koos.empty()) {
    doc.para("No KOOS taken yet.");
    return;
  }
  std::vector<std::string> header = {"Date"};
  for (const auto& s : d.koos.front().second.subscales) header.push_back(s.name);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < d.koos.size(); ++i) {
    std::vector<std::string> row = {d.koos[i].first};
    const auto changes =
        i > 0 ? koos_changes(d.koos[i - 1].second, d.koos[i].second, d.koos_threshold)
              : std::vector<KoosChange>{};
    for (std::size_t k = 0; k < d.koos[i].second.subscales.size(); ++k) {
      const auto& sc = d.koos[i].second.subscales[k];
      std::string cell = sc.score ? fmt::format("{:.1f}", *sc.score) : "n/a";
      if (k < changes.size() && changes[k].delta)
        cell += fmt::format(" ({:+.1f}{})", *changes[k].delta,
                            changes[k].meaningful ? ", meaningful" : "");
      row.push_back(cell);
    }
    rows.push_back(std::move(row));
  }
  doc.table(std::move(header), std::move(rows));
  doc.note(fmt::format("0-100, 100 = no problems. A change of {:.0f} points or more is marked "
                       "meaningful; smaller changes are within noise.",
                       d.koos_threshold));
}

void plan_section(Doc& doc, const ReportData& d) {
  const auto& p = d.plan;
  doc.heading("Plan and its decisions");
  doc.para(p.headline);
  if (!p.not_cleared_reasons.empty()) doc.list(p.not_cleared_reasons);
  for (const auto& w : p.weeks) {
    std::vector<std::string> items;
    for (const auto& s : w.sessions) {
      std::string item = fmt::format("{} {}", s.date, s.title);
      if (s.distance_km) item += fmt::format(" ({})", format_distance(*s.distance_km, d.units, 1));
      if (!s.details.empty()) {
        // The plan's details may quote a command in backticks; no Markdown in the report.
        std::string details = s.details;
        details.erase(std::remove(details.begin(), details.end(), '`'), details.end());
        item += ": " + details;
      }
      for (const auto& e : s.exercises)
        item += fmt::format(" {}: {}.", e.name, exercise_dose_text({e.sets, e.amount, e.unit}));
      if (!s.why.empty()) item += " Why: " + s.why;
      items.push_back(std::move(item));
    }
    doc.para(fmt::format("Week {} from {}: {}{}", w.index, w.start_date, w.stage_title,
                         w.planned_km > 0
                             ? fmt::format(", {} planned", format_distance(w.planned_km, d.units, 1))
                                          : ""));
    if (!items.empty()) doc.list(std::move(items));
  }
  doc.para("Decisions from the pain diary:");
  if (d.decisions.empty()) {
    doc.note("No decisions yet: they follow the pain logged after runs.");
    return;
  }
  std::vector<std::string> items;
  for (const auto& dec : d.decisions)
    items.push_back(fmt::format("{}: {}, {}", dec.date, decision_words(dec.decision), dec.reason));
  doc.list(std::move(items));
}

Doc build(const ReportData& d) {
  Doc doc;
  clinical_picture(doc, d);
  urgency(doc, d);
  load(doc, d);
  diary(doc, d);
  koos(doc, d);
  plan_section(doc, d);
  return doc;
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

constexpr const char* kTitle = "Knee report for a physiotherapist";
constexpr const char* kLead =
    "Self-reported answers and diary, with rule-based suggestions from runknee; not a diagnosis.";

constexpr const char* kStyle =
    ":root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#555;--line:#bbb;--flag:#8a1c1c;"
    "--flag-bg:#fde8e8}"
    "@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#16181d;--muted:#b8b8b8;"
    "--line:#555;--flag:#ffb3b3;--flag-bg:#3a1f1f}}"
    "body{font-family:system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:52em;"
    "margin:1.5em auto;padding:0 1em;line-height:1.45}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0}"
    "th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}"
    ".flag td{color:var(--flag);background:var(--flag-bg);font-weight:600}"
    "li.flag{color:var(--flag);font-weight:600}.note{color:var(--muted)}"
    "svg{max-width:100%;height:auto}.table-wrap{overflow-x:auto}"
    "@media print{:root{--fg:#000;--bg:#fff;--muted:#333;--flag:#000;--flag-bg:#eee}"
    "body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}"
    "tr,li,svg{break-inside:avoid}.no-print{display:none}}";

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

std::string weekly_km_chart_svg(const std::vector<PastRun>& runs, std::int64_t today, int weeks,
                                Units u) {
  const double per_unit = u == Units::kMi ? 1.609344 : 1.0;  // km in one unit
  std::vector<double> km(static_cast<std::size_t>(weeks), 0.0);
  for (const auto& r : runs) {
    const auto back = (today - 1 - r.day) / 7;  // 0 = the last 7 days
    if (r.day < today && back >= 0 && back < weeks) {
      km[static_cast<std::size_t>(weeks - 1 - back)] += r.km / per_unit;
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
      "<text x=\"{}\" y=\"{}\" font-size=\"10\">{} per week, last {} weeks "
      "(right = the last 7 days)</text>",
      kPad, kH - 8, units_name(u), weeks);
  return out + "</svg>";
}

std::string render_report_md(const ReportData& d) {
  std::string out = fmt::format("# {}\n\nGenerated {}. {}\n", kTitle, d.today, kLead);
  for (const auto& b : build(d).blocks) {
    switch (b.kind) {
      case Block::kHeading:
        out += fmt::format("\n## {}\n", b.text);
        break;
      case Block::kPara:
      case Block::kNote:
        out += fmt::format("\n{}\n", b.text);
        break;
      case Block::kSvg:
        out += fmt::format("\n{}\n", b.text);
        break;
      case Block::kList:
        out += "\n";
        for (std::size_t i = 0; i < b.items.size(); ++i)
          out += fmt::format("- {}{}\n", i < b.flagged.size() && b.flagged[i] ? "WARNING: " : "",
                             b.items[i]);
        break;
      case Block::kTable: {
        out += "\n|";
        for (const auto& h : b.header) {
          out += " ";
          out += md_cell(h);
          out += " |";
        }
        out += "\n|";
        for (std::size_t i = 0; i < b.header.size(); ++i) out += "---|";
        out += "\n";
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
          out += "|";
          for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
            const bool flag = c == 0 && r < b.flagged.size() && b.flagged[r];
            out += flag ? " WARNING: " : " ";
            out += md_cell(b.rows[r][c]);
            out += " |";
          }
          out += "\n";
        }
        break;
      }
    }
  }
  return out;
}

std::string render_report_html(const ReportData& d) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{}</title><style>{}</style></head><body>\n<main>\n<h1>{}</h1>\n"
      "<p>Generated {}. {}</p>\n",
      kTitle, kStyle, kTitle, xml_escape(d.today), xml_escape(kLead));
  for (const auto& b : build(d).blocks) {
    switch (b.kind) {
      case Block::kHeading:
        out += "<h2>";
        out += xml_escape(b.text);
        out += "</h2>\n";
        break;
      case Block::kPara:
        out += "<p>";
        out += xml_escape(b.text);
        out += "</p>\n";
        break;
      case Block::kNote:
        out += "<p class=\"note\">";
        out += xml_escape(b.text);
        out += "</p>\n";
        break;
      case Block::kSvg:
        out += fmt::format("<figure>{}</figure>\n", b.text);  // our own SVG, built above
        break;
      case Block::kList:
        out += "<ul>\n";
        for (std::size_t i = 0; i < b.items.size(); ++i)
          out += fmt::format("<li{}>{}</li>\n",
                             i < b.flagged.size() && b.flagged[i] ? " class=\"flag\"" : "",
                             xml_escape(b.items[i]));
        out += "</ul>\n";
        break;
      case Block::kTable: {
        // Scrolls sideways on a phone: focusable and named so a keyboard can scroll it.
        out += fmt::format(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table>\n"
            "<thead><tr>",
            xml_escape(b.header.size() < 2 ? std::string("Table")
                                           : fmt::format("{}, {}", b.header[0], b.header[1])));
        for (const auto& h : b.header) out += fmt::format("<th scope=\"col\">{}</th>", xml_escape(h));
        out += "</tr></thead>\n<tbody>\n";
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
          out += r < b.flagged.size() && b.flagged[r] ? "<tr class=\"flag\">" : "<tr>";
          for (const auto& c : b.rows[r]) out += fmt::format("<td>{}</td>", xml_escape(c));
          out += "</tr>\n";
        }
        out += "</tbody></table></div>\n";
        break;
      }
    }
  }
  return out + "</main>\n</body></html>\n";
}

}  // namespace rk::plan
