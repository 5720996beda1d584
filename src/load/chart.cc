#include "load/chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/calendar.h"
#include "load/fitness.h"

namespace rk {
namespace {

constexpr double kLeft = 60, kRight = 60, kTop = 44, kBottom = 48;
constexpr std::uint32_t kBar = 0x7aa6c2, kSpikeWeek = 0xe6a06f, kAxis = 0x999999, kGrid = 0xe5e5e5,
                        kAcwr = 0x555555, kDot = 0x2f6f94;

std::uint32_t category_color(SpikeCategory c) {
  switch (c) {
    case SpikeCategory::kSmall:
      return 0xf0b429;
    case SpikeCategory::kModerate:
      return 0xe07b39;
    case SpikeCategory::kLarge:
      return 0xc0392b;
    default:
      return kAxis;
  }
}

Shape text(double x, double y, std::string s, double size = 11, int anchor = 0,
           std::uint32_t fill = 0x333333) {
  Shape t;
  t.kind = Shape::Kind::kText;
  t.points = {{x, y}};
  t.text = std::move(s);
  t.font_size = size;
  t.anchor = anchor;
  t.fill = fill;
  return t;
}

Shape line(double x0, double y0, double x1, double y1, std::uint32_t stroke, double w = 1) {
  Shape l;
  l.points = {{x0, y0}, {x1, y1}};
  l.stroke = stroke;
  l.stroke_width = w;
  return l;
}

Shape rect(double x0, double y0, double x1, double y1, std::uint32_t fill) {
  Shape r;
  r.kind = Shape::Kind::kRect;
  r.points = {{x0, y0}, {x1, y1}};
  r.fill = fill;
  return r;
}

Shape dot(double x, double y, double r, std::uint32_t fill) {
  Shape c;
  c.kind = Shape::Kind::kCircle;
  c.points = {{x, y}};
  c.radius = r;
  c.fill = fill;
  return c;
}

/// A round axis maximum: 1, 2 or 5 times a power of ten at or above `v`.
double nice_max(double v) {
  if (v <= 0) return 1;
  const double p = std::pow(10, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

/// Horizontal grid lines with labels on the left axis between y_top and y_bottom.
void left_axis(Scene& s, double y_top, double y_bottom, double lo, double hi, int ticks,
               const char* unit) {
  for (int i = 0; i <= ticks; ++i) {
    const double v = lo + (hi - lo) * i / ticks;
    const double y = y_bottom - (y_bottom - y_top) * i / ticks;
    s.shapes.push_back(line(kLeft, y, s.width - kRight, y, kGrid));
    s.shapes.push_back(text(kLeft - 6, y + 4, fmt::format("{:g}", v), 10, 1));
  }
  s.shapes.push_back(text(14, y_top - 10, unit, 10, -1));
}

std::vector<const WeekRow*> weeks_in(const LoadReport& rep, std::int64_t from, std::int64_t to) {
  std::vector<const WeekRow*> out;
  for (const WeekRow& w : rep.weeks)
    if (w.load.monday + 6 >= from && w.load.monday <= to) out.push_back(&w);
  return out;
}

std::optional<double> week_acwr(const LoadReport& rep, const WeekRow& w) {
  const std::int64_t last = std::min<std::int64_t>(
      w.load.monday + 6, rep.first_day + static_cast<std::int64_t>(rep.days.size()) - 1);
  const std::int64_t i = last - rep.first_day;
  if (i < 0 || i >= static_cast<std::int64_t>(rep.days.size())) return std::nullopt;
  return rep.days[static_cast<std::size_t>(i)].acwr_ewma;
}

void load_legend(Scene& s, const DistanceUnit& u, const LoadThresholds& t) {
  const double y = 26;
  s.shapes.push_back(rect(kLeft, y - 9, kLeft + 12, y + 1, kBar));
  s.shapes.push_back(text(kLeft + 16, y, fmt::format("weekly running {}", u.name), 11, -1));
  s.shapes.push_back(rect(kLeft + 140, y - 9, kLeft + 152, y + 1, kSpikeWeek));
  s.shapes.push_back(text(kLeft + 156, y,
                          fmt::format("week with a run >{:g}% over the {:g}-day longest",
                                      t.spike_none_max_pct, t.spike_window_days),
                          11, -1));
  Shape l = line(kLeft + 440, y - 4, kLeft + 470, y - 4, kAcwr, 1.5);
  l.dashed = true;
  s.shapes.push_back(l);
  s.shapes.push_back(text(kLeft + 474, y, "ACWR (EWMA), context only", 11, -1));
}

}  // namespace

Scene load_chart(const LoadReport& rep, std::int64_t from_day, std::int64_t to_day,
                 const DistanceUnit& u) {
  Scene s;
  s.title = "Weekly running distance, single-run spikes and ACWR context";
  const auto weeks = weeks_in(rep, from_day, to_day);
  const double plot_w = s.width - kLeft - kRight, y0 = s.height - kBottom, y1 = kTop;
  double max_km = 0, max_ratio = 2;
  for (const WeekRow* w : weeks) {
    max_km = std::max(max_km, w->load.running.distance_m / u.metres);
    if (auto r = week_acwr(rep, *w)) max_ratio = std::max(max_ratio, std::ceil(*r));
  }
  const double top_km = nice_max(max_km * 1.1);
  left_axis(s, y1, y0, 0, top_km, 5, u.name.c_str());
  load_legend(s, u, rep.thresholds);
  if (weeks.empty()) {
    s.shapes.push_back(text(s.width / 2, s.height / 2, "no runs in this period", 13));
    return s;
  }
  const double bw = plot_w / static_cast<double>(weeks.size());
  auto y_km = [&](double km) { return y0 - (y0 - y1) * km / top_km; };
  auto y_ratio = [&](double r) { return y0 - (y0 - y1) * r / max_ratio; };
  Shape acwr;
  acwr.kind = Shape::Kind::kPolyline;
  acwr.stroke = kAcwr;
  acwr.stroke_width = 1.5;
  acwr.dashed = true;
  const std::size_t label_every = std::max<std::size_t>(1, (weeks.size() + 6) / 7);
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    const WeekRow& w = *weeks[i];
    const double x = kLeft + bw * static_cast<double>(i), km = w.load.running.distance_m / u.metres;
    bool spike = false;
    for (const Flag& f : w.flags) spike = spike || f.id.rfind("spike.", 0) == 0;
    for (std::int64_t d = w.load.monday; d < w.load.monday + 7; ++d) {
      const std::int64_t k = d - rep.first_day;
      if (k >= 0 && k < static_cast<std::int64_t>(rep.days.size()))
        for (const Flag& f : rep.days[static_cast<std::size_t>(k)].flags)
          spike = spike || f.id.rfind("spike.", 0) == 0;
    }
    s.shapes.push_back(rect(x + bw * 0.1, y_km(km), x + bw * 0.9, y0, spike ? kSpikeWeek : kBar));
    if (auto r = week_acwr(rep, w)) acwr.points.emplace_back(x + bw / 2, y_ratio(*r));
    if (i % label_every == 0)
      s.shapes.push_back(text(x + bw / 2, y0 + 16, day_label(w.load.monday), 9));
  }
  for (const RunLoad& r : rep.runs) {
    if (r.day < from_day || r.day > to_day || r.category <= SpikeCategory::kNone) continue;
    const auto wi = std::find_if(weeks.begin(), weeks.end(), [&](const WeekRow* w) {
      return w->load.monday == week_start(r.day);
    });
    if (wi == weeks.end()) continue;
    const double x = kLeft + bw * (static_cast<double>(wi - weeks.begin()) + 0.5);
    s.shapes.push_back(
        dot(x, y_km((*wi)->load.running.distance_m / u.metres) - 6, 4, category_color(r.category)));
  }
  if (acwr.points.size() > 1) s.shapes.push_back(acwr);
  for (double r = 0; r <= max_ratio; r += 1)
    s.shapes.push_back(
        text(s.width - kRight + 6, y_ratio(r) + 4, fmt::format("{:.1f}", r), 10, -1));
  s.shapes.push_back(text(s.width - 14, y1 - 10, "ACWR", 10, 1));
  s.shapes.push_back(line(kLeft, y0, s.width - kRight, y0, kAxis));
  return s;
}

Scene form_chart(const FormReport& rep, std::int64_t from_day, std::int64_t to_day,
                 const DistanceUnit& u) {
  Scene s;
  s.title = "Cadence and step length per run";
  std::vector<const RunForm*> runs;
  for (const RunForm& r : rep.runs)
    if (r.day >= from_day && r.day <= to_day && r.cadence_spm) runs.push_back(&r);
  s.shapes.push_back(text(kLeft, 26,
                          "cadence (steps/min, top) and step length (" + u.short_name +
                              ", bottom), one dot per run",
                          11, -1));
  if (runs.empty()) {
    s.shapes.push_back(text(s.width / 2, s.height / 2, "no cadence in this period", 13));
    return s;
  }
  const double mid = (kTop + s.height - kBottom) / 2;
  const double plot_w = s.width - kLeft - kRight;
  const double span =
      static_cast<double>(std::max<std::int64_t>(1, runs.back()->day - runs.front()->day));
  auto x_of = [&](std::int64_t day) {
    return kLeft + plot_w * static_cast<double>(day - runs.front()->day) / span;
  };
  double c_lo = 1e9, c_hi = 0, l_lo = 1e9, l_hi = 0;
  for (const RunForm* r : runs) {
    c_lo = std::min(c_lo, *r->cadence_spm);
    c_hi = std::max(c_hi, *r->cadence_spm);
    if (r->step_length_m) {
      l_lo = std::min(l_lo, *r->step_length_m / u.short_metres);
      l_hi = std::max(l_hi, *r->step_length_m / u.short_metres);
    }
  }
  c_lo = std::floor(c_lo / 10) * 10, c_hi = std::ceil(c_hi / 10) * 10 + (c_hi == c_lo ? 10 : 0);
  if (l_hi < l_lo) l_lo = 0, l_hi = 1;
  l_lo = std::floor(l_lo * 10) / 10, l_hi = std::ceil(l_hi * 10) / 10 + 0.1;
  left_axis(s, kTop, mid - 12, c_lo, c_hi, 2, "spm");
  left_axis(s, mid + 12, s.height - kBottom, l_lo, l_hi, 2, "");
  for (const RunForm* r : runs) {
    const double x = x_of(r->day);
    s.shapes.push_back(
        dot(x, mid - 12 - (mid - 12 - kTop) * (*r->cadence_spm - c_lo) / (c_hi - c_lo), 2.5, kDot));
    if (r->step_length_m)
      s.shapes.push_back(
          dot(x,
              s.height - kBottom -
                  (s.height - kBottom - mid - 12) *
                      (*r->step_length_m / u.short_metres - l_lo) / (l_hi - l_lo),
              2.5, 0xe07b39));
  }
  s.shapes.push_back(text(kLeft, s.height - kBottom + 16, day_label(runs.front()->day), 9, -1));
  s.shapes.push_back(
      text(s.width - kRight, s.height - kBottom + 16, day_label(runs.back()->day), 9, 1));
  return s;
}

}  // namespace rk
