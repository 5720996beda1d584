#include "formats/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <memory>

#include "util/error.h"

namespace rk {

bool is_gzip(Bytes bytes) {
  return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

Expected<std::vector<std::uint8_t>> gunzip(Bytes bytes, std::string_view name,
                                           std::size_t max_out) {
  if (!is_gzip(bytes)) return fail("{}: byte 0: gzip: not a gzip file (bad magic)", name);
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
    return fail("{}: gzip: cannot initialise zlib", name);
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&zs, &inflateEnd);
  std::vector<std::uint8_t> out;
  // Activity files compress about 4:1; start there and grow.
  out.resize(std::min(max_out, std::max<std::size_t>(bytes.size() * 4, 4096)));
  zs.next_in = const_cast<Bytef*>(bytes.data());
  zs.avail_in = static_cast<uInt>(std::min<std::size_t>(bytes.size(), UINT32_MAX));
  std::size_t produced = 0;
  for (;;) {
    if (produced == out.size()) {
      if (out.size() >= max_out)
        return fail("{}: gzip: inflates to more than {} MiB, refused (limit for one file)", name,
                    max_out >> 20);
      out.resize(std::min(max_out, out.size() * 2));
    }
    zs.next_out = out.data() + produced;
    zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - produced, UINT32_MAX));
    const uInt before = zs.avail_out;
    const int rc = inflate(&zs, Z_NO_FLUSH);
    produced += before - zs.avail_out;
    if (rc == Z_STREAM_END) {
      // Concatenated members (gzip -c a b) are legal; trailing zero padding is common.
      const std::size_t used = static_cast<std::size_t>(zs.next_in - bytes.data());
      if (used < bytes.size() && is_gzip(bytes.subspan(used))) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (rc != Z_OK) {
      const std::size_t at = static_cast<std::size_t>(zs.next_in - bytes.data());
      if (rc == Z_BUF_ERROR && zs.avail_in == 0)
        return fail("{}: byte {}: gzip: truncated (stream ends early)", name, at);
      return fail("{}: byte {}: gzip: {}", name, at, zs.msg ? zs.msg : "corrupt data");
    }
  }
  out.resize(produced);
  return out;
}

}  // namespace rk
