#pragma once
// The slice of Garmin's FIT profile runknee needs: base types, message and field names (for
// `runknee inspect` and developer fields), scales and offsets, and the enum names we show
// (sport, sub-sport, manufacturer, file type). Anything not listed decodes as "unknown_N".

#include <cstdint>
#include <string>
#include <string_view>

namespace rk::fit {

// Global message numbers the decoder handles.
enum Mesg : std::uint16_t {
  kMesgFileId = 0,
  kMesgSport = 12,
  kMesgSession = 18,
  kMesgLap = 19,
  kMesgRecord = 20,
  kMesgEvent = 21,
  kMesgDeviceInfo = 23,
  kMesgActivity = 34,
  kMesgMonitoring = 55,
  kMesgHrv = 78,
  kMesgFieldDescription = 206,
  kMesgDeveloperDataId = 207,
};

inline constexpr std::uint8_t kFieldTimestamp = 253;
/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
inline constexpr std::int64_t kFitEpoch = 631065600;

struct BaseTypeInfo {
  std::string_view name;
  std::uint8_t size;  // bytes per element
  bool is_signed;
  bool is_float;
  std::uint64_t invalid;  // raw pattern meaning "absent" (per element)
};

/// By the base type byte's low 5 bits; unknown numbers read as "byte".
const BaseTypeInfo& base_type_info(std::uint8_t base_type);

struct ProfileField {
  std::uint16_t mesg;
  std::uint8_t num;
  std::string_view name;
  std::string_view units;
  double scale;  // value = raw / scale - offset
  double offset;
};

/// nullptr when the field is not in our slice of the profile.
const ProfileField* profile_field(std::uint16_t mesg, std::uint8_t num);

std::string message_name(std::uint16_t global);                  // "record", or "unknown_123"
std::string field_name(std::uint16_t global, std::uint8_t num);  // "heart_rate" or "field_7"
std::string sport_name(unsigned sport);          // "running"; "sport_99" when unknown
std::string sub_sport_name(unsigned sub_sport);  // "trail"; "" for generic/unknown
std::string manufacturer_name(unsigned manufacturer);
std::string garmin_product_name(unsigned product);  // "" when unknown
std::string file_type_name(unsigned type);

}  // namespace rk::fit
