// libFuzzer target: any bytes into the FIT decoder must end in a result or an Error, never a
// crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>

#include "formats/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto r = rk::decode_fit(rk::Bytes(data, size), "fuzz.fit");
  (void)r;
  return 0;
}
