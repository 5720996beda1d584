// Building the activities once the whole file is read: one per session (or per part of a
// chained file without sessions), with the records of its time span, its laps, and what the
// session did not say filled in from the samples.
#include <algorithm>
#include <cmath>
#include <limits>

#include "formats/fit/fit_builder.h"

namespace rk::fit::detail {
namespace {

std::uint32_t session_start(const SummaryMsg& s) {
  if (!std::isnan(s.v[kStart])) return static_cast<std::uint32_t>(s.v[kStart]);
  if (!std::isnan(s.v[kElapsed]) && s.v[kElapsed] <= s.timestamp) {
    return static_cast<std::uint32_t>(s.timestamp - s.v[kElapsed]);
  }
  return s.timestamp;
}

template <class T>
void take(std::vector<T>& src, std::vector<T>& dst, std::size_t b, std::size_t e, bool move) {
  if (move) {
    dst = std::move(src);
  } else if (e > b && e <= src.size()) {
    dst.assign(src.begin() + static_cast<std::ptrdiff_t>(b),
               src.begin() + static_cast<std::ptrdiff_t>(e));
  }
}

template <class T>
void drop_if_empty(std::vector<T>& col) {
  for (const T x : col) {
    if (!std::isnan(x)) return;
  }
  col.clear();
  col.shrink_to_fit();
}

struct Mean {
  double sum = 0;
  std::size_t n = 0;
  double max = -std::numeric_limits<double>::infinity();
  void add(double x) {
    if (std::isnan(x)) return;
    sum += x;
    ++n;
    max = std::max(max, x);
  }
  std::optional<double> mean() const {
    return n ? std::optional(sum / static_cast<double>(n)) : std::nullopt;
  }
  std::optional<double> maximum() const { return n ? std::optional(max) : std::nullopt; }
};

template <class T>
Mean mean_of(const std::vector<T>& col, bool skip_zero = false) {
  Mean m;
  for (const T x : col) {
    if (!(skip_zero && x == 0)) m.add(static_cast<double>(x));
  }
  return m;
}

}  // namespace

FitDecoded Builder::finish(ScanResult scan) {
  out_.decoded.warnings = std::move(scan.warnings);
  out_.messages = scan.messages;
  out_.files = scan.files;
  out_.records = ts_.size();
  part_record_start_.push_back(ts_.size());
  for (std::size_t part = 1; part <= part_; ++part) {
    const std::size_t rb = part_record_start_[part - 1];
    const std::size_t re = part_record_start_[part];
    std::vector<const SummaryMsg*> sess;
    for (const SummaryMsg& m : sessions_) {
      if (m.part == part) sess.push_back(&m);
    }
    if (sess.empty()) {
      if (re > rb) {
        out_.decoded.activities.push_back(
            build(rb, re, nullptr, part, 0, std::numeric_limits<std::uint32_t>::max()));
      }
      continue;
    }
    std::stable_sort(sess.begin(), sess.end(), [](const SummaryMsg* x, const SummaryMsg* y) {
      return session_start(*x) < session_start(*y);
    });
    std::size_t b = rb;
    for (std::size_t i = 0; i < sess.size(); ++i) {
      std::size_t e = re;
      std::uint32_t hi = std::numeric_limits<std::uint32_t>::max();
      if (i + 1 < sess.size()) {
        hi = session_start(*sess[i + 1]);
        e = b;
        while (e < re && ts_[e] < hi) ++e;
      }
      const std::uint32_t lo = i == 0 ? 0 : session_start(*sess[i]);
      out_.decoded.activities.push_back(build(b, e, sess[i], part, lo, hi));
      b = e;
    }
  }
  return std::move(out_);
}

std::string Builder::part_sport(std::size_t part, bool sub) const {
  const Slot slot = sub ? kSubSport : kSport;
  for (const auto* list : {&sports_, &laps_}) {
    for (const SummaryMsg& m : *list) {
      if (m.part == part && !std::isnan(m.v[slot])) {
        const auto n = static_cast<unsigned>(m.v[slot]);
        return sub ? sub_sport_name(n) : sport_name(n);
      }
    }
  }
  return sub ? "" : "generic";
}

Activity Builder::build(std::size_t b, std::size_t e, const SummaryMsg* session, std::size_t part,
                        std::uint32_t lo, std::uint32_t hi) {
  Activity a;
  a.source.name = std::string(name_);
  a.source.size = bytes_.size();
  a.source.format = "fit";
  if (!out_.file_ids.empty()) {
    const FileId& id = out_.file_ids.front();
    a.source.device = id.product.empty() ? id.manufacturer : id.manufacturer + " " + id.product;
  }
  const double sport = session ? session->v[kSport] : kNaN;
  const double sub_sport = session ? session->v[kSubSport] : kNaN;
  a.sport = std::isnan(sport) ? part_sport(part, false) : sport_name(static_cast<unsigned>(sport));
  a.sub_sport = std::isnan(sub_sport) ? part_sport(part, true)
                                      : sub_sport_name(static_cast<unsigned>(sub_sport));
  const std::uint32_t start = session ? session_start(*session) : (e > b ? ts_[b] : 0);
  a.start_utc = start + kFitEpoch;
  a.local_offset_s = local_offset_;

  // Streams: a file with one activity hands its columns over whole.
  const bool move = b == 0 && e == ts_.size() && !streams_moved_;
  streams_moved_ = streams_moved_ || move;
  Streams& s = a.streams;
  s.time_s.resize(e - b);
  for (std::size_t i = b; i < e; ++i) {
    s.time_s[i - b] =
        static_cast<float>(static_cast<std::int64_t>(ts_[i]) - static_cast<std::int64_t>(start));
  }
  take(streams_.lat_deg, s.lat_deg, b, e, move);
  take(streams_.lon_deg, s.lon_deg, b, e, move);
  take(streams_.distance_m, s.distance_m, b, e, move);
  take(streams_.speed_mps, s.speed_mps, b, e, move);
  take(streams_.altitude_m, s.altitude_m, b, e, move);
  take(streams_.heart_rate_bpm, s.heart_rate_bpm, b, e, move);
  take(streams_.cadence_spm, s.cadence_spm, b, e, move);
  take(streams_.step_length_m, s.step_length_m, b, e, move);
  take(streams_.vertical_oscillation_mm, s.vertical_oscillation_mm, b, e, move);
  take(streams_.stance_time_ms, s.stance_time_ms, b, e, move);
  const double cad_mult = doubles_cadence(a.sport) ? 2.0 : 1.0;
  if (cad_mult != 1.0) {
    for (float& c : s.cadence_spm) c *= 2.0F;
  }
  drop_if_empty(s.lat_deg);
  drop_if_empty(s.lon_deg);
  drop_if_empty(s.distance_m);
  drop_if_empty(s.speed_mps);
  drop_if_empty(s.altitude_m);
  drop_if_empty(s.heart_rate_bpm);
  drop_if_empty(s.cadence_spm);
  drop_if_empty(s.step_length_m);
  drop_if_empty(s.vertical_oscillation_mm);
  drop_if_empty(s.stance_time_ms);

  for (const SummaryMsg& lap : laps_) {
    if (lap.part != part) continue;
    const std::uint32_t lap_start = session_start(lap);
    if (lap_start < lo || lap_start >= hi) continue;
    Lap l;
    l.start_utc = lap_start + kFitEpoch;
    l.elapsed_s = std::isnan(lap.v[kElapsed]) ? 0 : lap.v[kElapsed];
    l.timer_s = std::isnan(lap.v[kTimer]) ? l.elapsed_s : lap.v[kTimer];
    l.distance_m = std::isnan(lap.v[kTotalDist]) ? 0 : lap.v[kTotalDist];
    l.avg_heart_rate = opt(lap.v[kAvgHr]);
    l.max_heart_rate = opt(lap.v[kMaxHr]);
    if (!std::isnan(lap.v[kAvgCad])) {
      const double frac = std::isnan(lap.v[kAvgFracCad]) ? 0 : lap.v[kAvgFracCad];
      l.avg_cadence_spm = (lap.v[kAvgCad] + frac) * cad_mult;
    }
    a.laps.push_back(l);
  }

  if (session) {
    const SummaryMsg& m = *session;
    a.elapsed_s = std::isnan(m.v[kElapsed]) ? 0 : m.v[kElapsed];
    a.moving_s = std::isnan(m.v[kTimer]) ? a.elapsed_s : m.v[kTimer];
    a.distance_m = std::isnan(m.v[kTotalDist]) ? 0 : m.v[kTotalDist];
    a.ascent_m = opt(m.v[kAscent]);
    a.descent_m = opt(m.v[kDescent]);
    a.avg_heart_rate = opt(m.v[kAvgHr]);
    a.max_heart_rate = opt(m.v[kMaxHr]);
    if (!std::isnan(m.v[kAvgCad])) {
      const double frac = std::isnan(m.v[kAvgFracCad]) ? 0 : m.v[kAvgFracCad];
      a.avg_cadence_spm = (m.v[kAvgCad] + frac) * cad_mult;
    }
    if (!std::isnan(m.v[kAvgStepLen])) a.avg_step_length_m = m.v[kAvgStepLen] / 1000.0;
    a.avg_vertical_oscillation_mm = opt(m.v[kAvgVo]);
    a.avg_stance_time_ms = opt(m.v[kAvgStance]);
  }
  summary_from_records(a, b, e);
  return a;
}

// Fills what the session did not say (or everything, without a session) from the samples.
void Builder::summary_from_records(Activity& a, std::size_t b, std::size_t e) const {
  const Streams& s = a.streams;
  if (!a.avg_heart_rate) a.avg_heart_rate = mean_of(s.heart_rate_bpm).mean();
  if (!a.max_heart_rate) a.max_heart_rate = mean_of(s.heart_rate_bpm).maximum();
  if (!a.avg_cadence_spm) a.avg_cadence_spm = mean_of(s.cadence_spm, true).mean();
  if (!a.avg_step_length_m) a.avg_step_length_m = mean_of(s.step_length_m, true).mean();
  if (!a.avg_vertical_oscillation_mm) {
    a.avg_vertical_oscillation_mm = mean_of(s.vertical_oscillation_mm, true).mean();
  }
  if (!a.avg_stance_time_ms) a.avg_stance_time_ms = mean_of(s.stance_time_ms, true).mean();
  if (e <= b) return;
  if (a.elapsed_s <= 0) a.elapsed_s = static_cast<double>(ts_[e - 1]) - ts_[b];
  if (a.distance_m <= 0 && !s.distance_m.empty()) {
    a.distance_m = std::max(0.0, mean_of(s.distance_m).maximum().value_or(0));
  }
  if (a.moving_s <= 0) {
    // Timer start/stop pairs inside the records' span, else every step of at most 10 s.
    double timer = 0;
    bool running = false;
    std::uint32_t since = 0;
    for (const auto& [t, is_start] : timer_events_) {
      if (t < ts_[b] || t > ts_[e - 1]) continue;
      if (is_start && !running) running = true, since = t;
      if (!is_start && running) {
        timer += t - since;
        running = false;
      }
    }
    if (running) timer += ts_[e - 1] - since;
    if (timer <= 0) {
      for (std::size_t i = b + 1; i < e; ++i) {
        const std::int64_t dt = static_cast<std::int64_t>(ts_[i]) - ts_[i - 1];
        if (dt > 0 && dt <= 10) timer += static_cast<double>(dt);
      }
    }
    a.moving_s = std::min(timer, a.elapsed_s);
  }
  if (!a.ascent_m && !s.altitude_m.empty()) {
    // Climb counted in steps of at least 3 m, so that barometer noise does not add up.
    double up = 0, down = 0;
    double ref = kNaN;
    for (const float x : s.altitude_m) {
      if (std::isnan(x)) continue;
      if (std::isnan(ref)) ref = x;
      if (x - ref >= 3) up += x - ref, ref = x;
      if (ref - x >= 3) down += ref - x, ref = x;
    }
    a.ascent_m = up;
    a.descent_m = down;
  }
}

}  // namespace rk::fit::detail
