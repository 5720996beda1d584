#include "util/sha256.h"

#include <openssl/evp.h>

#include "util/error.h"

namespace rk {

// OpenSSL's libcrypto, not libsodium: it uses the CPU's SHA extensions, and hashing every file
// is what bounds a re-import of a history that is already stored (docs/PERFORMANCE.md).
std::string sha256_hex(std::span<const std::uint8_t> bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw InvariantError("EVP_Digest(sha256) failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(length * 2, '0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace rk
