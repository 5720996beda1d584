// libFuzzer target: any bytes into the zip/gzip archive path (decode_any on a .zip name: libzip,
// nested zips, gunzip, every member decoder) must end in a result or an Error, never a crash, a
// sanitizer report or a hang.
#include <cstddef>
#include <cstdint>

#include "formats/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto r = rk::decode_any(rk::Bytes(data, size), "fuzz.zip");
  (void)r;
  return 0;
}
