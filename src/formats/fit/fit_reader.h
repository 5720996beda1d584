#pragma once
// The low-level FIT reader: one pass over the bytes that walks file headers, definition and data
// messages (normal and compressed-timestamp headers, both byte orders, developer fields, chained
// files) and hands each to a visitor. It knows nothing about activities; fit_decoder.cc and
// fit_inspect.cc are its two visitors. It is a template so the visitor's calls inline: the
// reader runs once per data message and must cost only a few nanoseconds.
//
// Visitor interface (all called in file order):
//   void on_header(const FileHeader&);                 // each file in a chain
//   void on_definition(const Definition&);             // each definition message
//   void on_message(const Definition&, const std::uint8_t* data, std::uint32_t timestamp,
//                   bool has_timestamp);              // each data message
//   void on_file_end(const FileHeader&);               // CRCs filled in when present

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "model/activity.h"
#include "formats/decode.h"
#include "formats/fit/fit_crc.h"
#include "formats/fit/fit_profile.h"
#include "util/error.h"

namespace rk::fit {

struct FieldDef {
  std::uint8_t num = 0;
  std::uint8_t size = 0;
  std::uint8_t base_type = 0;
  std::uint16_t offset = 0;  // within the data message
};

struct DevFieldDef {
  std::uint8_t num = 0;
  std::uint8_t size = 0;
  std::uint8_t dev_index = 0;
  std::uint16_t offset = 0;
};

struct Definition {
  std::size_t offset = 0;  // byte offset of the definition's record header in the file
  std::uint8_t local = 0;
  bool big_endian = false;
  std::uint16_t global = 0;
  std::uint8_t num_fields = 0;
  std::uint8_t num_dev_fields = 0;
  std::uint32_t data_size = 0;  // bytes of one data message after its record header
  int timestamp_offset = -1;    // where field 253 (a uint32) sits, or -1
  int timestamp16_offset = -1;  // monitoring's timestamp_16, accumulated into the timestamp
  std::array<FieldDef, 255> fields;
  std::array<DevFieldDef, 255> dev_fields;
};

struct FileHeader {
  std::size_t offset = 0;  // where this file of the chain starts
  std::uint8_t size = 0;   // 12 or 14
  std::uint8_t protocol_version = 0;
  std::uint16_t profile_version = 0;
  std::uint32_t data_size = 0;
  bool has_header_crc = false;  // 14-byte header with a non-zero CRC
  std::uint16_t header_crc_stored = 0;
  std::uint16_t header_crc_computed = 0;
  bool has_file_crc = false;  // false when the file ends before its CRC
  std::uint16_t file_crc_stored = 0;
  std::uint16_t file_crc_computed = 0;
  std::size_t definitions = 0;
  std::size_t messages = 0;
};

struct ScanResult {
  std::vector<Diagnostic> warnings;
  std::size_t files = 0;  // parts of a chained file
  std::size_t messages = 0;
};

/// Reads an unsigned integer of 1, 2, 4 or 8 bytes in the given byte order.
inline std::uint64_t load_uint(const std::uint8_t* p, unsigned size, bool big_endian) {
  switch (size) {
    case 1:
      return p[0];
    case 2: {
      std::uint16_t v;
      std::memcpy(&v, p, 2);
      return big_endian ? __builtin_bswap16(v) : v;
    }
    case 4: {
      std::uint32_t v;
      std::memcpy(&v, p, 4);
      return big_endian ? __builtin_bswap32(v) : v;
    }
    default: {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      return big_endian ? __builtin_bswap64(v) : v;
    }
  }
}

template <class Visitor>
class Scanner {
 public:
  Scanner(Bytes bytes, std::string_view name, Visitor& visitor)
      : b_(bytes), name_(name), v_(visitor) {}

  Expected<ScanResult> run() {
    if (b_.empty()) return fail("{}: byte 0: empty file, not a FIT file", name_);
    std::size_t pos = 0;
    while (pos < b_.size()) {
      if (result_.files > 0 && b_.size() - pos < 12) {
        if (!all_zero(pos))
          warn(pos, "{} trailing bytes after the FIT data ignored", b_.size() - pos);
        break;
      }
      FileHeader h;
      if (auto err = read_header(pos, h); !err.empty()) {
        if (result_.files == 0) return fail("{}: byte {}: {}", name_, pos, err);
        warn(pos, "chained FIT file header invalid: {}; ignored the remaining {} bytes", err,
             b_.size() - pos);
        break;
      }
      ++result_.files;
      pos = scan_file(h);
    }
    return std::move(result_);
  }

 private:
  template <class... Args>
  void warn(std::size_t at, fmt::format_string<Args...> f, Args&&... args) {
    if (result_.warnings.size() >= 20) return;  // a shredded file must not drown the caller
    result_.warnings.push_back(Diagnostic{
        fmt::format("{}: byte {}: {}", name_, at, fmt::format(f, std::forward<Args>(args)...))});
  }

  bool all_zero(std::size_t from) const {
    for (std::size_t i = from; i < b_.size(); ++i) {
      if (b_[i] != 0) return false;
    }
    return true;
  }

  // Returns an empty string on success, else what is wrong with the header.
  std::string read_header(std::size_t pos, FileHeader& h) {
    const std::size_t left = b_.size() - pos;
    if (left < 12) return fmt::format("file too short for a FIT header ({} bytes)", left);
    const std::uint8_t* p = b_.data() + pos;
    if (p[0] < 12) return fmt::format("header size {} is not 12 or 14", p[0]);
    if (std::memcmp(p + 8, ".FIT", 4) != 0) return "not a FIT file (no \".FIT\" signature)";
    if (p[0] > left) return fmt::format("header of {} bytes truncated", p[0]);
    h.offset = pos;
    h.size = p[0];
    h.protocol_version = p[1];
    h.profile_version = static_cast<std::uint16_t>(load_uint(p + 2, 2, false));
    h.data_size = static_cast<std::uint32_t>(load_uint(p + 4, 4, false));
    if (h.size >= 14) {
      h.header_crc_stored = static_cast<std::uint16_t>(load_uint(p + 12, 2, false));
      h.header_crc_computed = crc16(p, 12);
      h.has_header_crc = h.header_crc_stored != 0;
      if (h.has_header_crc && h.header_crc_stored != h.header_crc_computed) {
        warn(pos + 12, "header CRC mismatch (stored 0x{:04X}, computed 0x{:04X})",
             h.header_crc_stored, h.header_crc_computed);
      }
    }
    return {};
  }

  // Scans one file of a chain; returns where the next one would start.
  std::size_t scan_file(FileHeader& h) {
    const std::size_t data_start = h.offset + h.size;
    const std::size_t declared_end = data_start + h.data_size;
    std::size_t data_end = declared_end;
    if (declared_end > b_.size()) {
      warn(b_.size(), "file ends {} bytes before the end of its data ({} bytes declared)",
           declared_end - b_.size(), h.data_size);
      data_end = b_.size();
    }
    for (auto& d : defined_) d = false;
    last_timestamp_ = 0;
    v_.on_header(h);
    const bool complete = scan_messages(h, data_start, data_end);
    if (declared_end + 2 <= b_.size()) {
      h.has_file_crc = true;
      h.file_crc_stored = static_cast<std::uint16_t>(load_uint(b_.data() + declared_end, 2, false));
      h.file_crc_computed = crc16(b_.data() + h.offset, declared_end - h.offset);
      if (h.file_crc_stored != h.file_crc_computed) {
        warn(declared_end,
             "file CRC mismatch (stored 0x{:04X}, computed 0x{:04X}); kept the {} "
             "messages decoded",
             h.file_crc_stored, h.file_crc_computed, h.messages);
      }
    } else if (complete && declared_end <= b_.size()) {
      warn(declared_end, "file ends without its 2-byte CRC");
    }
    v_.on_file_end(h);
    return std::min(b_.size(), declared_end + 2);
  }

  // Returns false when it had to stop before the end of the data.
  bool scan_messages(FileHeader& h, std::size_t pos, std::size_t end) {
    const std::uint8_t* base = b_.data();
    while (pos < end) {
      const std::uint8_t header = base[pos];
      if ((header & 0x80U) != 0) {  // compressed timestamp header
        const unsigned local = (header >> 5U) & 0x3U;
        const std::uint32_t offset = header & 0x1FU;
        std::uint32_t ts = (last_timestamp_ & ~0x1FU) + offset;
        if (offset < (last_timestamp_ & 0x1FU)) ts += 0x20;
        last_timestamp_ = ts;
        if (!data_message(h, pos, end, local, true)) return false;
        pos += 1 + defs_[local].data_size;
      } else if ((header & 0x40U) != 0) {
        const std::size_t next = definition(h, pos, end, header);
        if (next == 0) return false;
        pos = next;
      } else {
        const unsigned local = header & 0x0FU;
        if (!data_message(h, pos, end, local, false)) return false;
        pos += 1 + defs_[local].data_size;
      }
    }
    return true;
  }

  bool data_message(FileHeader& h, std::size_t pos, std::size_t end, unsigned local,
                    bool compressed) {
    if (!defined_[local]) {
      warn(pos, "data message for undefined local message {}; stopped decoding", local);
      return false;
    }
    const Definition& d = defs_[local];
    if (end - pos - 1 < d.data_size) {
      warn(pos, "{} message truncated ({} bytes needed, {} left)", message_name(d.global),
           d.data_size, end - pos - 1);
      return false;
    }
    const std::uint8_t* data = b_.data() + pos + 1;
    bool has_ts = compressed;
    if (!compressed && d.timestamp_offset >= 0) {
      const auto ts =
          static_cast<std::uint32_t>(load_uint(data + d.timestamp_offset, 4, d.big_endian));
      if (ts != 0xFFFFFFFFU) {
        last_timestamp_ = ts;
        has_ts = true;
      }
    } else if (!compressed && d.timestamp16_offset >= 0) {
      const auto t16 =
          static_cast<std::uint32_t>(load_uint(data + d.timestamp16_offset, 2, d.big_endian));
      if (t16 != 0xFFFFU) {
        last_timestamp_ += (t16 - (last_timestamp_ & 0xFFFFU)) & 0xFFFFU;
        has_ts = true;
      }
    }
    ++h.messages;
    ++result_.messages;
    v_.on_message(d, data, last_timestamp_, has_ts);
    return true;
  }

  // Returns the position after the definition, or 0 when it is truncated or malformed.
  std::size_t definition(FileHeader& h, std::size_t pos, std::size_t end, std::uint8_t header) {
    const unsigned local = header & 0x0FU;
    const bool has_dev = (header & 0x20U) != 0;
    const std::uint8_t* base = b_.data();
    auto truncated = [&] {
      warn(pos, "definition for local message {} truncated", local);
      defined_[local] = false;
      return std::size_t{0};
    };
    std::size_t p = pos + 1;
    if (end - p < 5) return truncated();
    Definition& d = defs_[local];
    d.offset = pos;
    d.local = static_cast<std::uint8_t>(local);
    const std::uint8_t arch = base[p + 1];
    if (arch > 1) {
      warn(pos, "definition for local message {} has unknown architecture {}", local, arch);
      defined_[local] = false;
      return 0;
    }
    d.big_endian = arch == 1;
    d.global = static_cast<std::uint16_t>(load_uint(base + p + 2, 2, d.big_endian));
    d.num_fields = base[p + 4];
    p += 5;
    if (end - p < 3U * d.num_fields) return truncated();
    std::uint32_t offset = 0;
    d.timestamp_offset = -1;
    d.timestamp16_offset = -1;
    for (unsigned i = 0; i < d.num_fields; ++i, p += 3) {
      FieldDef& f = d.fields[i];
      f.num = base[p];
      f.size = base[p + 1];
      f.base_type = base[p + 2];
      f.offset = static_cast<std::uint16_t>(offset);
      if (f.num == kFieldTimestamp && f.size == 4) d.timestamp_offset = static_cast<int>(offset);
      if (d.global == kMesgMonitoring && f.num == 26 && f.size == 2) {
        d.timestamp16_offset = static_cast<int>(offset);
      }
      offset += f.size;
    }
    d.num_dev_fields = 0;
    if (has_dev) {
      if (end - p < 1) return truncated();
      d.num_dev_fields = base[p++];
      if (end - p < 3U * d.num_dev_fields) return truncated();
      for (unsigned i = 0; i < d.num_dev_fields; ++i, p += 3) {
        DevFieldDef& f = d.dev_fields[i];
        f.num = base[p];
        f.size = base[p + 1];
        f.dev_index = base[p + 2];
        f.offset = static_cast<std::uint16_t>(offset);
        offset += f.size;
      }
    }
    d.data_size = offset;
    defined_[local] = true;
    ++h.definitions;
    v_.on_definition(d);
    return p;
  }

  Bytes b_;
  std::string_view name_;
  Visitor& v_;
  ScanResult result_;
  std::array<Definition, 16> defs_;
  std::array<bool, 16> defined_{};
  std::uint32_t last_timestamp_ = 0;
};

/// Walks `bytes` and feeds `visitor`. An Error only when not even the first header is a FIT
/// header; everything later is recovered from with a warning.
template <class Visitor>
Expected<ScanResult> scan_fit(Bytes bytes, std::string_view name, Visitor& visitor) {
  return Scanner<Visitor>(bytes, name, visitor).run();
}

}  // namespace rk::fit
