// Turns the reader's message stream into activities. Speed comes from three choices:
//   - each definition is compiled once into a plan: the handful of fields we use, with their
//     offset, base type, byte order and scale, so a data message is a short loop over the plan;
//   - values land in a fixed array of slots with a bit mask of what the definition carries, so
//     nothing is reset or allocated per message;
//   - record samples are appended straight to the file's stream columns, which a single-session
//     file then moves into its Activity without a copy.
#include "formats/fit/fit_decoder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "formats/fit/fit_profile.h"
#include "formats/fit/fit_reader.h"

namespace rk {
namespace fit {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();

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

constexpr MapEntry kMap[] = {
    {kMesgRecord, 0, S(kLat)},
    {kMesgRecord, 1, S(kLon)},
    {kMesgRecord, 2, S(kAlt)},
    {kMesgRecord, 3, S(kHr)},
    {kMesgRecord, 4, S(kCad)},
    {kMesgRecord, 5, S(kDist)},
    {kMesgRecord, 6, S(kSpeed)},
    {kMesgRecord, 8, kMapCsd},
    {kMesgRecord, 39, S(kVo)},
    {kMesgRecord, 41, S(kStance)},
    {kMesgRecord, 53, S(kFracCad)},
    {kMesgRecord, 73, S(kEnhSpeed)},
    {kMesgRecord, 78, S(kEnhAlt)},
    {kMesgRecord, 85, S(kStepLen)},
    {kMesgSession, 2, S(kStart)},
    {kMesgSession, 5, S(kSport)},
    {kMesgSession, 6, S(kSubSport)},
    {kMesgSession, 7, S(kElapsed)},
    {kMesgSession, 8, S(kTimer)},
    {kMesgSession, 9, S(kTotalDist)},
    {kMesgSession, 16, S(kAvgHr)},
    {kMesgSession, 17, S(kMaxHr)},
    {kMesgSession, 18, S(kAvgCad)},
    {kMesgSession, 22, S(kAscent)},
    {kMesgSession, 23, S(kDescent)},
    {kMesgSession, 89, S(kAvgVo)},
    {kMesgSession, 91, S(kAvgStance)},
    {kMesgSession, 92, S(kAvgFracCad)},
    {kMesgSession, 134, S(kAvgStepLen)},
    {kMesgLap, 2, S(kStart)},
    {kMesgLap, 7, S(kElapsed)},
    {kMesgLap, 8, S(kTimer)},
    {kMesgLap, 9, S(kTotalDist)},
    {kMesgLap, 15, S(kAvgHr)},
    {kMesgLap, 16, S(kMaxHr)},
    {kMesgLap, 17, S(kAvgCad)},
    {kMesgLap, 25, S(kSport)},
    {kMesgLap, 80, S(kAvgFracCad)},
    {kMesgSport, 0, S(kSport)},
    {kMesgSport, 1, S(kSubSport)},
    {kMesgActivity, 5, S(kLocalTs)},
    {kMesgFileId, 0, S(kFileType)},
    {kMesgFileId, 1, S(kManufacturer)},
    {kMesgFileId, 2, S(kProduct)},
    {kMesgFileId, 3, S(kSerial)},
    {kMesgFileId, 4, S(kTimeCreated)},
    {kMesgFileId, 8, Str(kStrProductName)},
    {kMesgEvent, 0, S(kEvent)},
    {kMesgEvent, 1, S(kEventType)},
    {kMesgHrv, 0, kMapHrv},
    {kMesgFieldDescription, 0, S(kDevIndex)},
    {kMesgFieldDescription, 1, S(kFieldNum)},
    {kMesgFieldDescription, 2, S(kFitBaseType)},
    {kMesgFieldDescription, 3, Str(kStrFieldName)},
    {kMesgFieldDescription, 6, S(kDevScale)},
    {kMesgFieldDescription, 7, S(kDevOffset)},
    {kMesgFieldDescription, 8, Str(kStrUnits)},
    {kMesgDeveloperDataId, 3, S(kDevIndex)},
};

std::uint8_t map_code(std::uint16_t mesg, std::uint8_t num) {
  for (const MapEntry& e : kMap) {
    if (e.mesg == mesg && e.num == num) return e.code;
  }
  return 0;
}

bool decoded_message(std::uint16_t global) {
  switch (global) {
    case kMesgRecord:
    case kMesgSession:
    case kMesgLap:
    case kMesgSport:
    case kMesgActivity:
    case kMesgFileId:
    case kMesgEvent:
    case kMesgHrv:
    case kMesgFieldDescription:
    case kMesgDeveloperDataId:
      return true;
    default:
      return false;
  }
}

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

bool doubles_cadence(const std::string& sport) {
  return sport == "running" || sport == "walking" || sport == "hiking";
}

std::optional<double> opt(double v) {
  return std::isnan(v) ? std::nullopt : std::optional(v);
}

class Builder {
 public:
  Builder(Bytes bytes, std::string_view name) : bytes_(bytes), name_(name) {}

  void on_header(const FileHeader&) {
    ++part_;
    part_record_start_.push_back(ts_.size());
    for (Plan& p : plans_) p = Plan{};
    dev_descs_.clear();
  }
  void on_file_end(const FileHeader&) {}

  void on_definition(const Definition& d) {
    Plan& plan = plans_[d.local];
    plan.global = d.global;
    plan.big_endian = d.big_endian;
    plan.decoded = decoded_message(d.global);
    plan.mask = 0;
    plan.ops.clear();
    if (!plan.decoded) return;
    for (unsigned i = 0; i < d.num_fields; ++i) add_op(plan, d.fields[i]);
    if (d.global == kMesgRecord) reserve_records(d);
    for (unsigned i = 0; i < d.num_dev_fields; ++i) add_dev_op(plan, d.dev_fields[i]);
  }

  void on_message(const Definition& d, const std::uint8_t* data, std::uint32_t ts, bool has_ts) {
    Plan& plan = plans_[d.local];
    if (!plan.decoded) return;
    csd_present_ = false;
    for (const Op& op : plan.ops) run_op(plan, op, data, ts, has_ts);
    switch (plan.global) {
      case kMesgRecord:
        record(plan, ts);
        break;
      case kMesgSession:
        summary(plan, ts, sessions_);
        break;
      case kMesgLap:
        summary(plan, ts, laps_);
        break;
      case kMesgSport:
        summary(plan, ts, sports_);
        break;
      case kMesgActivity:
        activity(plan, ts, has_ts);
        break;
      case kMesgFileId:
        file_id(plan);
        break;
      case kMesgEvent:
        event(plan, ts);
        break;
      case kMesgFieldDescription:
        field_description(plan);
        break;
      default:
        break;
    }
  }

  FitDecoded finish(ScanResult scan);

 private:
  double get(const Plan& p, Slot s) const { return (p.mask >> s) & 1U ? v_[s] : kNaN; }
  std::string_view get_str(const Plan& p, StrSlot s) const {
    return (p.mask >> (unsigned{kSlotCount} + unsigned{s})) & 1U ? str_[s] : std::string_view{};
  }

  // Sizes every column once for the records the rest of the file can hold, so the columns
  // are not regrown (and copied) a dozen times on the way.
  void reserve_records(const Definition& d) {
    const std::size_t left = bytes_.size() > d.offset ? bytes_.size() - d.offset : 0;
    const std::size_t want =
        std::min<std::size_t>(ts_.size() + left / (d.data_size + 1), 1U << 22U);
    if (want <= ts_.capacity()) return;
    ts_.reserve(want);
    Streams& s = streams_;
    for (auto* c : {&s.lat_deg, &s.lon_deg}) c->reserve(want);
    for (auto* c : {&s.distance_m, &s.speed_mps, &s.altitude_m, &s.heart_rate_bpm, &s.cadence_spm,
                    &s.step_length_m, &s.vertical_oscillation_mm, &s.stance_time_ms}) {
      c->reserve(want);
    }
  }

  void add_op(Plan& plan, const FieldDef& f) {
    const std::uint8_t code = map_code(plan.global, f.num);
    if (code == 0) return;
    const BaseTypeInfo& bt = base_type_info(f.base_type);
    Op op{f.offset, f.size, f.base_type, 0, OpKind::kScalar, 0, 1.0, 0.0};
    if (code == kMapCsd) {
      if (f.size < 3) return;
      op.kind = OpKind::kCsd;
    } else if (code == kMapHrv) {
      if (bt.size != 2) return;
      op.kind = OpKind::kHrv;
    } else if (code >= kMapStr) {
      op.kind = OpKind::kString;
      op.slot = static_cast<std::uint8_t>(code - kMapStr);
      plan.mask |= 1ULL << (kSlotCount + op.slot);
    } else {
      // A field whose size does not fit its base type (some COROS files) is read as absent.
      if (f.size < bt.size || f.size % bt.size != 0 || (f.base_type & 0x1FU) == 7) return;
      op.slot = static_cast<std::uint8_t>(code - 1);
      if (const ProfileField* pf = profile_field(plan.global, f.num)) {
        op.mul = 1.0 / pf->scale;
        op.add = -pf->offset;
      }
      plan.mask |= 1ULL << op.slot;
    }
    plan.ops.push_back(op);
  }

  void add_dev_op(Plan& plan, const DevFieldDef& f) {
    const auto it = dev_descs_.find((static_cast<unsigned>(f.dev_index) << 8U) | f.num);
    if (it == dev_descs_.end()) return;  // no field_description: nothing to name it by
    const DevDesc& desc = it->second;
    if (f.size < base_type_info(desc.base_type).size) return;
    plan.ops.push_back(Op{f.offset, f.size, desc.base_type, 0, OpKind::kDev,
                          static_cast<std::uint32_t>(desc.column), desc.mul, desc.add});
  }

  void run_op(const Plan& plan, const Op& op, const std::uint8_t* data, std::uint32_t ts,
              bool has_ts) {
    const std::uint8_t* p = data + op.offset;
    switch (op.kind) {
      case OpKind::kScalar: {
        double x;
        v_[op.slot] = read_scalar(p, op.base_type, plan.big_endian, x) ? x * op.mul + op.add : kNaN;
        break;
      }
      case OpKind::kString: {
        const auto* end = static_cast<const std::uint8_t*>(std::memchr(p, 0, op.size));
        str_[op.slot] = std::string_view(reinterpret_cast<const char*>(p),
                                         end ? static_cast<std::size_t>(end - p) : op.size);
        break;
      }
      case OpKind::kCsd:
        compressed_speed_distance(p);
        break;
      case OpKind::kHrv:
        for (unsigned i = 0; i + 2 <= op.size; i += 2) {
          const auto t = load_uint(p + i, 2, plan.big_endian);
          if (t != 0xFFFFU) out_.hrv_rr_s.push_back(static_cast<float>(t) / 1000.0F);
        }
        break;
      case OpKind::kDev:
        dev_value(plan, op, p, ts, has_ts);
        break;
    }
  }

  void dev_value(const Plan& plan, const Op& op, const std::uint8_t* p, std::uint32_t ts,
                 bool has_ts) {
    DeveloperField& col = out_.developer_fields[op.column];
    if (col.values.empty()) col.message = plan.global;
    double x;
    col.values.push_back(read_scalar(p, op.base_type, plan.big_endian, x) ? x * op.mul + op.add
                                                                          : kNaN);
    col.times_utc.push_back(has_ts ? ts + kFitEpoch : 0);
  }

  // Byte array of three: speed in 1/100 m/s (12 bits), distance in 1/16 m (12 bits, rolling
  // over, so it accumulates).
  void compressed_speed_distance(const std::uint8_t* p) {
    if (p[0] == 0xFF && p[1] == 0xFF && p[2] == 0xFF) return;
    csd_present_ = true;
    csd_speed_ = static_cast<double>(p[0] | ((p[1] & 0x0FU) << 8U)) / 100.0;
    const std::uint32_t raw = (p[1] >> 4U) | (static_cast<std::uint32_t>(p[2]) << 4U);
    csd_distance_ += (raw - csd_last_) & 0xFFFU;
    csd_last_ = raw;
  }

  void record(const Plan& p, std::uint32_t ts) {
    ts_.push_back(ts);
    double speed = get(p, kEnhSpeed);
    if (std::isnan(speed)) speed = get(p, kSpeed);
    double dist = get(p, kDist);
    if (csd_present_) {
      if (std::isnan(speed)) speed = csd_speed_;
      if (std::isnan(dist)) dist = static_cast<double>(csd_distance_) / 16.0;
    }
    double alt = get(p, kEnhAlt);
    if (std::isnan(alt)) alt = get(p, kAlt);
    double cad = get(p, kCad);
    const double frac = get(p, kFracCad);
    if (!std::isnan(cad) && !std::isnan(frac)) cad += frac;
    constexpr double kSemicircle = 180.0 / 2147483648.0;
    Streams& s = streams_;
    s.lat_deg.push_back(get(p, kLat) * kSemicircle);
    s.lon_deg.push_back(get(p, kLon) * kSemicircle);
    s.distance_m.push_back(static_cast<float>(dist));
    s.speed_mps.push_back(static_cast<float>(speed));
    s.altitude_m.push_back(static_cast<float>(alt));
    s.heart_rate_bpm.push_back(static_cast<float>(get(p, kHr)));
    s.cadence_spm.push_back(static_cast<float>(cad));
    s.step_length_m.push_back(static_cast<float>(get(p, kStepLen) / 1000.0));
    s.vertical_oscillation_mm.push_back(static_cast<float>(get(p, kVo)));
    s.stance_time_ms.push_back(static_cast<float>(get(p, kStance)));
  }

  void summary(const Plan& p, std::uint32_t ts, std::vector<SummaryMsg>& into) {
    SummaryMsg m;
    for (std::size_t s = 0; s < kSlotCount; ++s) m.v[s] = get(p, static_cast<Slot>(s));
    m.timestamp = ts;
    m.part = part_;
    into.push_back(m);
  }

  void activity(const Plan& p, std::uint32_t ts, bool has_ts) {
    const double local = get(p, kLocalTs);
    if (!has_ts || std::isnan(local) || local_offset_) return;
    const double offset = local - ts;
    if (std::abs(offset) <= 15 * 3600) local_offset_ = static_cast<std::int32_t>(offset);
  }

  void file_id(const Plan& p) {
    FileId id;
    const double type = get(p, kFileType);
    const double mfr = get(p, kManufacturer);
    const double product = get(p, kProduct);
    if (!std::isnan(type)) id.type = file_type_name(static_cast<unsigned>(type));
    if (!std::isnan(mfr)) id.manufacturer = manufacturer_name(static_cast<unsigned>(mfr));
    id.product = std::string(get_str(p, kStrProductName));
    const bool garmin_family = mfr == 1 || mfr == 13 || mfr == 15;
    if (id.product.empty() && !std::isnan(product)) {
      if (garmin_family) id.product = garmin_product_name(static_cast<unsigned>(product));
      if (id.product.empty()) id.product = fmt::format("{}", product);
    }
    if (const double serial = get(p, kSerial); !std::isnan(serial)) {
      id.serial_number = static_cast<std::uint32_t>(serial);
    }
    if (const double t = get(p, kTimeCreated); !std::isnan(t)) {
      id.time_created_utc = static_cast<std::int64_t>(t) + kFitEpoch;
    }
    out_.file_ids.push_back(std::move(id));
  }

  void event(const Plan& p, std::uint32_t ts) {
    // Timer events (event 0): start (type 0) and stop (1 stop, 4 stop_all) bound moving time
    // when a file has no session message to say it.
    if (get(p, kEvent) != 0) return;
    const double type = get(p, kEventType);
    if (type == 0) timer_events_.emplace_back(ts, true);
    if (type == 1 || type == 4) timer_events_.emplace_back(ts, false);
  }

  void field_description(const Plan& p) {
    const double index = get(p, kDevIndex);
    const double num = get(p, kFieldNum);
    const double base = get(p, kFitBaseType);
    if (std::isnan(index) || std::isnan(num) || std::isnan(base)) return;
    DevDesc desc;
    desc.base_type = static_cast<std::uint8_t>(base);
    const double scale = get(p, kDevScale);
    const double offset = get(p, kDevOffset);
    if (!std::isnan(scale) && scale != 0) desc.mul = 1.0 / scale;
    if (!std::isnan(offset)) desc.add = -offset;
    DeveloperField col;
    col.developer_index = static_cast<std::uint8_t>(index);
    col.field_number = static_cast<std::uint8_t>(num);
    col.name = std::string(get_str(p, kStrFieldName));
    col.units = std::string(get_str(p, kStrUnits));
    desc.column = out_.developer_fields.size();
    out_.developer_fields.push_back(std::move(col));
    dev_descs_[(static_cast<unsigned>(index) << 8U) | static_cast<unsigned>(num)] = desc;
  }

  void build_activities();
  Activity build(std::size_t b, std::size_t e, const SummaryMsg* session, std::size_t part,
                 std::uint32_t lo, std::uint32_t hi);
  void summary_from_records(Activity& a, std::size_t b, std::size_t e) const;
  std::string part_sport(std::size_t part, bool sub) const;
  bool streams_moved_ = false;

  Bytes bytes_;
  std::string_view name_;
  std::array<Plan, 16> plans_;
  std::map<unsigned, DevDesc> dev_descs_;
  std::array<double, kSlotCount> v_{};
  std::array<std::string_view, kStrCount> str_{};
  bool csd_present_ = false;
  double csd_speed_ = 0;
  std::uint64_t csd_distance_ = 0;
  std::uint32_t csd_last_ = 0;

  std::size_t part_ = 0;
  std::vector<std::size_t> part_record_start_;
  std::vector<std::uint32_t> ts_;
  Streams streams_;
  std::vector<SummaryMsg> sessions_, laps_, sports_;
  std::vector<std::pair<std::uint32_t, bool>> timer_events_;
  std::optional<std::int32_t> local_offset_;
  FitDecoded out_;
};

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

}  // namespace

Expected<FitDecoded> decode_fit_detailed(Bytes bytes, std::string_view name) {
  Builder builder(bytes, name);
  auto scan = scan_fit(bytes, name, builder);
  if (!scan) return fail(scan.error());
  return builder.finish(std::move(*scan));
}

}  // namespace fit

Expected<Decoded> decode_fit(Bytes bytes, std::string_view name) {
  auto r = fit::decode_fit_detailed(bytes, name);
  if (!r) return fail(r.error());
  return std::move(r->decoded);
}

}  // namespace rk
