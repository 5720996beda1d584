#pragma once
// Helpers shared by the FIT tests: reading corpus files and writing small FIT files by hand.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "formats/fit/fit_crc.h"

namespace rk::fit_test {

inline std::vector<std::uint8_t> read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::filesystem::path corpus_fit(const std::string& rel) {
  return std::filesystem::path(RUNKNEE_CORPUS) / "fit" / "python-fitparse" / rel;
}

/// Writes a FIT file field by field: define(), then data() with raw little- or big-endian bytes.
class FitWriter {
 public:
  struct Field {
    std::uint8_t num, size, base_type;
  };
  struct DevField {
    std::uint8_t num, size, dev_index;
  };

  void define(std::uint8_t local, std::uint16_t global, std::vector<Field> fields,
              bool big_endian = false, std::vector<DevField> dev = {}) {
    body_.push_back(static_cast<std::uint8_t>(0x40U | local | (dev.empty() ? 0U : 0x20U)));
    body_.push_back(0);
    body_.push_back(big_endian ? 1 : 0);
    put(global, 2, big_endian);
    body_.push_back(static_cast<std::uint8_t>(fields.size()));
    for (const Field& f : fields) body_.insert(body_.end(), {f.num, f.size, f.base_type});
    if (!dev.empty()) {
      body_.push_back(static_cast<std::uint8_t>(dev.size()));
      for (const DevField& f : dev) body_.insert(body_.end(), {f.num, f.size, f.dev_index});
    }
  }
  /// Starts a data message; follow with put() for each field in definition order.
  void data(std::uint8_t local) { body_.push_back(local); }
  void compressed(std::uint8_t local, std::uint8_t time_offset) {
    body_.push_back(static_cast<std::uint8_t>(0x80U | (local << 5U) | (time_offset & 0x1FU)));
  }
  void put(std::uint64_t v, int size, bool big_endian = false) {
    for (int i = 0; i < size; ++i) {
      const int shift = 8 * (big_endian ? size - 1 - i : i);
      body_.push_back(static_cast<std::uint8_t>(v >> shift));
    }
  }
  void put_string(const std::string& s, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      body_.push_back(i < s.size() ? static_cast<std::uint8_t>(s[i]) : 0);
    }
  }

  /// The whole file: 14-byte header with CRC, the messages, the file CRC.
  std::vector<std::uint8_t> bytes(bool header14 = true) const {
    std::vector<std::uint8_t> out;
    const std::uint8_t hs = header14 ? 14 : 12;
    out.insert(out.end(), {hs, 0x20, 0x08, 0x08});
    const auto n = static_cast<std::uint32_t>(body_.size());
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
    out.insert(out.end(), {'.', 'F', 'I', 'T'});
    if (header14) {
      const std::uint16_t c = fit::crc16(out.data(), 12);
      out.push_back(static_cast<std::uint8_t>(c));
      out.push_back(static_cast<std::uint8_t>(c >> 8U));
    }
    out.insert(out.end(), body_.begin(), body_.end());
    const std::uint16_t c = fit::crc16(out.data(), out.size());
    out.push_back(static_cast<std::uint8_t>(c));
    out.push_back(static_cast<std::uint8_t>(c >> 8U));
    return out;
  }

 private:
  std::vector<std::uint8_t> body_;
};

}  // namespace rk::fit_test
