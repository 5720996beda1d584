#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace rk {

/// Lower-case hex SHA-256 of `bytes` (OpenSSL libcrypto).
std::string sha256_hex(std::span<const std::uint8_t> bytes);

}  // namespace rk
