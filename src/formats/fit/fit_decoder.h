#pragma once
// The FIT decoder's own API, below rk::decode_fit (formats/decode.h): the same activities plus
// what the activity model has no place for (file ids, developer fields, HRV beat intervals).
// rk::decode_fit(bytes, name) == decode_fit_detailed(bytes, name)->decoded.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/activity.h"
#include "formats/decode.h"
#include "util/expected.h"

namespace rk::fit {

/// One file_id message (a chained file has one per part).
struct FileId {
  std::string type;          // "activity", "settings", "workout", ...
  std::string manufacturer;  // "garmin"
  std::string product;       // "fenix2", the product name, or the number
  std::optional<std::uint32_t> serial_number;
  std::optional<std::int64_t> time_created_utc;
};

/// A developer field, named by its field_description, with every value it took.
struct DeveloperField {
  std::uint8_t developer_index = 0;
  std::uint8_t field_number = 0;
  std::string name;
  std::string units;
  std::uint16_t message = 0;            // global message it first appeared in
  std::vector<std::int64_t> times_utc;  // one per value (0 when the message had no time)
  std::vector<double> values;           // NaN when the value was invalid
};

struct FitDecoded {
  Decoded decoded;
  std::vector<FileId> file_ids;
  std::vector<DeveloperField> developer_fields;
  std::vector<float> hrv_rr_s;  // beat-to-beat intervals from hrv messages, in seconds
  std::size_t messages = 0;
  std::size_t records = 0;
  std::size_t files = 0;  // parts of a chained file
};

Expected<FitDecoded> decode_fit_detailed(Bytes bytes, std::string_view name);

}  // namespace rk::fit
