#pragma once
// The FIT decoder's message handling: the reader (fit_reader.h) calls a Builder for each file
// header, definition and data message; the Builder compiles definitions into plans
// (fit_fields.h), appends record samples straight to the file's stream columns and keeps the
// session, lap and sport summaries. `finish` builds the activities (fit_activity.cc). Internal
// to fit/.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/fit/fit_decoder.h"
#include "formats/fit/fit_fields.h"
#include "formats/fit/fit_profile.h"
#include "formats/fit/fit_reader.h"

namespace rk::fit::detail {

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

}  // namespace rk::fit::detail
