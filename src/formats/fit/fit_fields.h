#pragma once
// The FIT decoder's profile fields: which field of which message lands in which value slot, and
// the compiled plan a definition becomes (the fields we use, with offset, base type, byte order
// and scale), so that a data message is a short loop over the plan. Internal to fit/.

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "formats/fit/fit_reader.h"

namespace rk::fit::detail {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();

// Value slots shared by every message we decode; each message uses its own subset.
enum Slot : std::uint8_t {
  kLat,
  kLon,
  kAlt,
  kHr,
  kCad,
  kDist,
  kSpeed,
  kVo,
  kStance,
  kFracCad,
  kEnhSpeed,
  kEnhAlt,
  kStepLen,
  kStart,
  kElapsed,
  kTimer,
  kTotalDist,
  kSport,
  kSubSport,
  kAscent,
  kDescent,
  kAvgHr,
  kMaxHr,
  kAvgCad,
  kAvgFracCad,
  kAvgVo,
  kAvgStance,
  kAvgStepLen,
  kLocalTs,
  kFileType,
  kManufacturer,
  kProduct,
  kSerial,
  kTimeCreated,
  kEvent,
  kEventType,
  kDevIndex,
  kFieldNum,
  kFitBaseType,
  kDevScale,
  kDevOffset,
  kSlotCount
};
enum StrSlot : std::uint8_t { kStrProductName, kStrFieldName, kStrUnits, kStrCount };
static_assert(int{kSlotCount} + int{kStrCount} <= 64, "slot mask is 64 bits");

enum class OpKind : std::uint8_t { kScalar, kString, kCsd, kHrv, kDev };

// Codes in the field map: 0 none, 1..kSlotCount scalar slot + 1, then the special kinds.
constexpr std::uint8_t kMapCsd = 200;
constexpr std::uint8_t kMapHrv = 201;
constexpr std::uint8_t kMapStr = 210;

struct MapEntry {
  std::uint16_t mesg;
  std::uint8_t num;
  std::uint8_t code;
};

constexpr std::uint8_t S(Slot s) {
  return static_cast<std::uint8_t>(s + 1);
}
constexpr std::uint8_t Str(StrSlot s) {
  return static_cast<std::uint8_t>(kMapStr + s);
}


/// The slot code of field `num` of message `mesg`: 0 when we do not use it.
std::uint8_t map_code(std::uint16_t mesg, std::uint8_t num);
/// Whether we decode message `global` at all.
bool decoded_message(std::uint16_t global);

struct Op {
  std::uint16_t offset;
  std::uint8_t size;
  std::uint8_t base_type;
  std::uint8_t slot;  // value or string slot
  OpKind kind;
  std::uint32_t column;  // developer field index (kDev)
  double mul;            // 1 / scale
  double add;            // -offset
};

struct Plan {
  std::uint16_t global = 0;
  bool decoded = false;
  bool big_endian = false;
  std::uint64_t mask = 0;  // bit s: slot s is written by this plan
  std::vector<Op> ops;
};

// Reads the first element of a field; false when it holds the base type's invalid value.
[[gnu::always_inline]] inline bool read_scalar(const std::uint8_t* p, std::uint8_t base_type,
                                               bool be, double& out) {
  switch (base_type & 0x1FU) {
    case 0:
    case 2:
    case 13:
      if (p[0] == 0xFF) return false;
      out = p[0];
      return true;
    case 10:
      if (p[0] == 0) return false;
      out = p[0];
      return true;
    case 1: {
      const auto v = static_cast<std::int8_t>(p[0]);
      if (v == 0x7F) return false;
      out = v;
      return true;
    }
    case 3: {
      const auto v = static_cast<std::int16_t>(load_uint(p, 2, be));
      if (v == 0x7FFF) return false;
      out = v;
      return true;
    }
    case 4:
    case 11: {
      const auto v = load_uint(p, 2, be);
      if (v == ((base_type & 0x1FU) == 4 ? 0xFFFFU : 0U)) return false;
      out = static_cast<double>(v);
      return true;
    }
    case 5: {
      const auto v = static_cast<std::int32_t>(load_uint(p, 4, be));
      if (v == 0x7FFFFFFF) return false;
      out = v;
      return true;
    }
    case 6:
    case 12: {
      const auto v = load_uint(p, 4, be);
      if (v == ((base_type & 0x1FU) == 6 ? 0xFFFFFFFFU : 0U)) return false;
      out = static_cast<double>(v);
      return true;
    }
    case 8: {
      const auto bits = static_cast<std::uint32_t>(load_uint(p, 4, be));
      float f;
      std::memcpy(&f, &bits, 4);
      if (bits == 0xFFFFFFFFU || std::isnan(f)) return false;
      out = f;
      return true;
    }
    case 9: {
      const auto bits = load_uint(p, 8, be);
      double d;
      std::memcpy(&d, &bits, 8);
      if (bits == ~0ULL || std::isnan(d)) return false;
      out = d;
      return true;
    }
    case 14: {
      const auto v = static_cast<std::int64_t>(load_uint(p, 8, be));
      if (v == 0x7FFFFFFFFFFFFFFFLL) return false;
      out = static_cast<double>(v);
      return true;
    }
    case 15:
    case 16: {
      const auto v = load_uint(p, 8, be);
      if (v == ((base_type & 0x1FU) == 15 ? ~0ULL : 0ULL)) return false;
      out = static_cast<double>(v);
      return true;
    }
    default:
      return false;
  }
}

struct SummaryMsg {
  std::array<double, kSlotCount> v;
  std::uint32_t timestamp = 0;
  std::size_t part = 0;
  double get(Slot s) const { return v[s]; }
};

struct DevDesc {
  std::uint8_t base_type = 0;
  double mul = 1;
  double add = 0;
  std::size_t column = 0;  // index into developer_fields
};

inline bool doubles_cadence(const std::string& sport) {
  return sport == "running" || sport == "walking" || sport == "hiking";
}

inline std::optional<double> opt(double v) {
  return std::isnan(v) ? std::nullopt : std::optional(v);
}


}  // namespace rk::fit::detail
