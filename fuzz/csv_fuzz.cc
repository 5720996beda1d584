// libFuzzer target: any bytes into the CSV training-log decoder must end in a result or an Error,
// never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>

#include "formats/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto r = rk::decode_csv_log(rk::Bytes(data, size), "fuzz.csv");
  (void)r;
  return 0;
}
