#include "formats/fit/fit_crc.h"

#include <array>

namespace rk::fit {
namespace {

using Table = std::array<std::array<std::uint16_t, 256>, 8>;

// table[k][b] is the CRC contribution of byte b followed by k zero bytes.
constexpr Table make_tables() {
  Table t{};
  for (unsigned i = 0; i < 256; ++i) {
    auto c = static_cast<std::uint16_t>(i);
    for (int bit = 0; bit < 8; ++bit) {
      c = static_cast<std::uint16_t>((c & 1U) != 0 ? (c >> 1U) ^ 0xA001U : c >> 1U);
    }
    t[0][i] = c;
  }
  for (unsigned i = 0; i < 256; ++i) {
    for (std::size_t k = 1; k < 8; ++k) {
      const std::uint16_t prev = t[k - 1][i];
      t[k][i] = static_cast<std::uint16_t>((prev >> 8U) ^ t[0][prev & 0xFFU]);
    }
  }
  return t;
}

constexpr Table kTables = make_tables();

}  // namespace

std::uint16_t crc16(const std::uint8_t* p, std::size_t n, std::uint16_t crc) {
  const Table& t = kTables;
  unsigned c = crc;
  while (n >= 8) {
    const unsigned x = c ^ (p[0] | (static_cast<unsigned>(p[1]) << 8U));
    c = t[7][x & 0xFFU] ^ t[6][x >> 8U] ^ t[5][p[2]] ^ t[4][p[3]] ^ t[3][p[4]] ^ t[2][p[5]] ^
        t[1][p[6]] ^ t[0][p[7]];
    p += 8;
    n -= 8;
  }
  for (; n > 0; --n, ++p) c = (c >> 8U) ^ t[0][(c ^ *p) & 0xFFU];
  return static_cast<std::uint16_t>(c);
}

}  // namespace rk::fit
