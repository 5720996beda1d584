#include "store/activity_codec.h"

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "util/error.h"

namespace rk::codec {
namespace {

constexpr std::uint8_t kMagic[3] = {'R', 'K', 'S'};
constexpr std::uint8_t kVersion = 1;
// zlib level 1: streams are already small after delta coding; speed matters more on import.
constexpr int kZlibLevel = 1;
// Quantised values beyond this are not trusted to round-trip through doubles.
constexpr double kMaxQuantised = 9.0e15;

enum ColumnMode : std::uint8_t { kDelta = 0, kRawFloat = 1, kRawDouble = 2 };

class Writer {
 public:
  void byte(std::uint8_t b) { out_.push_back(b); }
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<std::uint8_t>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<std::uint8_t>(v));
  }
  void svarint(std::int64_t v) {
    varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
  }
  template <class T>
  void raw(T v) {
    std::uint8_t b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out_.insert(out_.end(), b, b + sizeof(T));
  }
  std::vector<std::uint8_t>& bytes() { return out_; }

 private:
  std::vector<std::uint8_t> out_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}
  bool byte(std::uint8_t& b) {
    if (pos_ >= in_.size()) return false;
    b = in_[pos_++];
    return true;
  }
  bool varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      std::uint8_t b;
      if (!byte(b)) return false;
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  bool svarint(std::int64_t& v) {
    std::uint64_t u;
    if (!varint(u)) return false;
    v = static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
    return true;
  }
  template <class T>
  bool raw(T& v) {
    if (in_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  std::size_t pos() const { return pos_; }
  std::size_t remaining() const { return in_.size() - pos_; }

 private:
  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
};

/// Columns in a fixed order with the resolution each is stored at (values per unit).
struct ColumnSpec {
  double scale;
  int order;  // 2: delta of deltas, for columns that change at a steady rate
};
// Lat/lon in FIT semicircles, so FIT positions round-trip exactly.
constexpr double kSemicircles = 2147483648.0 / 180.0;
constexpr ColumnSpec kSpecs[] = {
    {1000, 2},          // time_s: 1 ms
    {kSemicircles, 2},  // lat_deg
    {kSemicircles, 2},  // lon_deg
    {100, 2},           // distance_m: 1 cm
    {1000, 1},          // speed_mps: 1 mm/s
    {100, 1},           // altitude_m: 1 cm
    {10, 1},            // heart_rate_bpm: 0.1 bpm
    {64, 1},            // cadence_spm: FIT fractional cadence is 1/128 stride = 1/64 step
    {10000, 1},         // step_length_m: 0.1 mm
    {10, 1},            // vertical_oscillation_mm: 0.1 mm
    {10, 1},            // stance_time_ms: 0.1 ms
};
constexpr std::size_t kColumns = std::size(kSpecs);

template <class S, class F>
void for_each_column(S& s, F&& f) {
  f(0, s.time_s);
  f(1, s.lat_deg);
  f(2, s.lon_deg);
  f(3, s.distance_m);
  f(4, s.speed_mps);
  f(5, s.altitude_m);
  f(6, s.heart_rate_bpm);
  f(7, s.cadence_spm);
  f(8, s.step_length_m);
  f(9, s.vertical_oscillation_mm);
  f(10, s.stance_time_ms);
}

template <class T>
bool quantisable(const std::vector<T>& v, double scale) {
  for (T x : v)
    if (!std::isnan(x) && !(std::abs(static_cast<double>(x) * scale) < kMaxQuantised)) return false;
  return true;
}

/// Rounds half away from zero without a libm call (llround is a hot spot on import).
inline std::int64_t quantise(double x, double scale) {
  const double v = x * scale;
  return static_cast<std::int64_t>(v + (v >= 0 ? 0.5 : -0.5));
}

template <class T>
void write_column(Writer& w, const std::vector<T>& v, const ColumnSpec& spec) {
  const double scale = spec.scale;
  if (!quantisable(v, scale)) {
    w.byte(sizeof(T) == 4 ? kRawFloat : kRawDouble);
    for (T x : v) w.raw(x);
    return;
  }
  w.byte(kDelta);
  // Missing samples (NaN) as run lengths: present, absent, present, ...
  std::vector<std::uint64_t> runs;
  bool present = true;
  std::uint64_t run = 0;
  for (T x : v) {
    if (!std::isnan(x) != present) {
      runs.push_back(run);
      run = 0;
      present = !present;
    }
    ++run;
  }
  runs.push_back(run);
  w.varint(runs.size());
  for (auto r : runs) w.varint(r);
  std::int64_t prev = 0, prev_delta = 0;
  for (T x : v) {
    if (std::isnan(x)) continue;
    const std::int64_t q = quantise(static_cast<double>(x), scale);
    const std::int64_t delta = q - prev;
    w.svarint(spec.order == 2 ? delta - prev_delta : delta);
    prev = q;
    prev_delta = delta;
  }
}

template <class T>
bool read_column(Reader& r, std::vector<T>& v, std::size_t n, const ColumnSpec& spec) {
  const double scale = spec.scale;
  std::uint8_t mode;
  if (!r.byte(mode)) return false;
  v.resize(n);
  if (mode == kRawFloat || mode == kRawDouble) {
    for (auto& x : v) {
      if (mode == kRawFloat) {
        float f;
        if (!r.raw(f)) return false;
        x = static_cast<T>(f);
      } else {
        double d;
        if (!r.raw(d)) return false;
        x = static_cast<T>(d);
      }
    }
    return true;
  }
  if (mode != kDelta) return false;
  std::uint64_t nruns;
  if (!r.varint(nruns) || nruns > n + 1) return false;
  std::vector<bool> present(n);
  std::size_t at = 0;
  bool on = true;
  for (std::uint64_t i = 0; i < nruns; ++i, on = !on) {
    std::uint64_t len;
    if (!r.varint(len) || len > n - at) return false;
    for (std::uint64_t k = 0; k < len; ++k) present[at++] = on;
  }
  if (at != n) return false;
  std::int64_t q = 0, delta = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!present[i]) {
      v[i] = std::numeric_limits<T>::quiet_NaN();
      continue;
    }
    std::int64_t d;
    if (!r.svarint(d)) return false;
    // Unsigned arithmetic: a corrupt blob may overflow, which must not be undefined behaviour.
    delta = spec.order == 2 ? static_cast<std::int64_t>(static_cast<std::uint64_t>(delta) +
                                                        static_cast<std::uint64_t>(d))
                            : d;
    q = static_cast<std::int64_t>(static_cast<std::uint64_t>(q) +
                                  static_cast<std::uint64_t>(delta));
    v[i] = static_cast<T>(static_cast<double>(q) / scale);
  }
  return true;
}

void opt(Writer& w, const std::optional<double>& v) {
  w.byte(v ? 1 : 0);
  if (v) w.raw(*v);
}

bool opt(Reader& r, std::optional<double>& v) {
  std::uint8_t has;
  if (!r.byte(has)) return false;
  if (!has) return true;
  double d;
  if (!r.raw(d)) return false;
  v = d;
  return true;
}

}  // namespace

std::vector<std::uint8_t> pack_streams(const Streams& in) {
  const Streams& s = in;
  Writer raw;
  const std::size_t n = s.size();
  raw.bytes().reserve(n * 12 + 16);  // about 1-2 bytes per value after delta coding
  raw.varint(n);
  std::uint64_t mask = 0;
  for_each_column(s, [&](std::size_t i, const auto& col) {
    if (!col.empty() && col.size() == n) mask |= 1u << i;
  });
  raw.varint(mask);
  for_each_column(s, [&](std::size_t i, const auto& col) {
    if (mask & (1u << i)) write_column(raw, col, kSpecs[i]);
  });
  const auto& body = raw.bytes();
  uLongf zsize = compressBound(static_cast<uLong>(body.size()));
  Writer out;
  for (auto b : kMagic) out.byte(b);
  out.byte(kVersion);
  out.varint(body.size());
  auto& bytes = out.bytes();
  const std::size_t header = bytes.size();
  bytes.resize(header + zsize);
  if (compress2(bytes.data() + header, &zsize, body.data(), static_cast<uLong>(body.size()),
                kZlibLevel) != Z_OK)
    throw InvariantError("zlib compress2 failed on an in-memory buffer");
  bytes.resize(header + zsize);
  return std::move(bytes);
}

Expected<Streams> unpack_streams(std::span<const std::uint8_t> blob) {
  Streams s;
  if (blob.empty()) return s;
  Reader head(blob);
  std::uint8_t m[3], version;
  if (!head.byte(m[0]) || !head.byte(m[1]) || !head.byte(m[2]) || !head.byte(version) ||
      std::memcmp(m, kMagic, 3) != 0 || version != kVersion)
    return fail("stored streams: unknown format");
  std::uint64_t size;
  if (!head.varint(size) || size > (std::uint64_t{1} << 32))
    return fail("stored streams: bad size");
  std::vector<std::uint8_t> body(static_cast<std::size_t>(size));
  uLongf got = static_cast<uLongf>(size);
  if (uncompress(body.data(), &got, blob.data() + head.pos(),
                 static_cast<uLong>(head.remaining())) != Z_OK ||
      got != size)
    return fail("stored streams: corrupt compressed data");
  Reader r(body);
  std::uint64_t n, mask;
  if (!r.varint(n) || !r.varint(mask) || n > body.size() * 8 + 1)
    return fail("stored streams: bad header");
  bool ok = true;
  for_each_column(s, [&](std::size_t i, auto& col) {
    if (ok && (mask & (1u << i))) ok = read_column(r, col, static_cast<std::size_t>(n), kSpecs[i]);
  });
  if (!ok) return fail("stored streams: corrupt column data");
  return s;
}

std::vector<std::uint8_t> pack_laps(const std::vector<Lap>& laps) {
  Writer w;
  w.varint(laps.size());
  for (const auto& l : laps) {
    w.svarint(l.start_utc);
    w.raw(l.elapsed_s);
    w.raw(l.timer_s);
    w.raw(l.distance_m);
    opt(w, l.avg_heart_rate);
    opt(w, l.max_heart_rate);
    opt(w, l.avg_cadence_spm);
  }
  return std::move(w.bytes());
}

Expected<std::vector<Lap>> unpack_laps(std::span<const std::uint8_t> blob) {
  std::vector<Lap> laps;
  if (blob.empty()) return laps;
  Reader r(blob);
  std::uint64_t n;
  if (!r.varint(n) || n > blob.size()) return fail("stored laps: bad count");
  laps.resize(static_cast<std::size_t>(n));
  for (auto& l : laps) {
    if (!r.svarint(l.start_utc) || !r.raw(l.elapsed_s) || !r.raw(l.timer_s) ||
        !r.raw(l.distance_m) || !opt(r, l.avg_heart_rate) || !opt(r, l.max_heart_rate) ||
        !opt(r, l.avg_cadence_spm))
      return fail("stored laps: truncated");
  }
  return laps;
}

}  // namespace rk::codec
