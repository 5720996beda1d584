#pragma once
// gzip in memory (zlib). Decoders call this for ".gz" files; no I/O.

#include <cstdint>
#include <string_view>
#include <vector>

#include "formats/decode.h"

namespace rk {

/// True when the bytes start with the gzip magic (1f 8b).
bool is_gzip(Bytes bytes);

/// Inflates every member of a gzip stream. Refuses output beyond `max_out` bytes so that a
/// crafted file cannot exhaust memory. Errors read "name: byte N: gzip: ...".
Expected<std::vector<std::uint8_t>> gunzip(Bytes bytes, std::string_view name,
                                           std::size_t max_out = kMaxInflatedBytes);

}  // namespace rk
