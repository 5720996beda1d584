#pragma once
// FIT's CRC-16 (CRC-16/ARC: reflected polynomial 0xA001, initial value 0). The FIT SDK computes
// it a nibble at a time; we use slicing-by-8 tables because the CRC touches every byte of every
// file and would otherwise cost as much as the decoding itself.

#include <cstddef>
#include <cstdint>

namespace rk::fit {

/// CRC of `size` bytes at `data`, continuing from `crc` (0 to start).
std::uint16_t crc16(const std::uint8_t* data, std::size_t size, std::uint16_t crc = 0);

}  // namespace rk::fit
