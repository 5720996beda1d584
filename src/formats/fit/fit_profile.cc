#include "formats/fit/fit_profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace rk::fit {
namespace {

constexpr std::array<BaseTypeInfo, 17> kBaseTypes = {{
    {"enum", 1, false, false, 0xFF},
    {"sint8", 1, true, false, 0x7F},
    {"uint8", 1, false, false, 0xFF},
    {"sint16", 2, true, false, 0x7FFF},
    {"uint16", 2, false, false, 0xFFFF},
    {"sint32", 4, true, false, 0x7FFFFFFF},
    {"uint32", 4, false, false, 0xFFFFFFFF},
    {"string", 1, false, false, 0x00},
    {"float32", 4, true, true, 0xFFFFFFFF},
    {"float64", 8, true, true, 0xFFFFFFFFFFFFFFFF},
    {"uint8z", 1, false, false, 0x00},
    {"uint16z", 2, false, false, 0x0000},
    {"uint32z", 4, false, false, 0x00000000},
    {"byte", 1, false, false, 0xFF},
    {"sint64", 8, true, false, 0x7FFFFFFFFFFFFFFF},
    {"uint64", 8, false, false, 0xFFFFFFFFFFFFFFFF},
    {"uint64z", 8, false, false, 0},
}};

// Sorted by (mesg, num) so lookups can binary-search.
constexpr ProfileField kFields[] = {
    {0, 0, "type", "", 1, 0},
    {0, 1, "manufacturer", "", 1, 0},
    {0, 2, "product", "", 1, 0},
    {0, 3, "serial_number", "", 1, 0},
    {0, 4, "time_created", "", 1, 0},
    {0, 5, "number", "", 1, 0},
    {0, 8, "product_name", "", 1, 0},
    {12, 0, "sport", "", 1, 0},
    {12, 1, "sub_sport", "", 1, 0},
    {12, 3, "name", "", 1, 0},
    {18, 0, "event", "", 1, 0},
    {18, 1, "event_type", "", 1, 0},
    {18, 2, "start_time", "", 1, 0},
    {18, 3, "start_position_lat", "semicircles", 1, 0},
    {18, 4, "start_position_long", "semicircles", 1, 0},
    {18, 5, "sport", "", 1, 0},
    {18, 6, "sub_sport", "", 1, 0},
    {18, 7, "total_elapsed_time", "s", 1000, 0},
    {18, 8, "total_timer_time", "s", 1000, 0},
    {18, 9, "total_distance", "m", 100, 0},
    {18, 10, "total_cycles", "cycles", 1, 0},
    {18, 11, "total_calories", "kcal", 1, 0},
    {18, 14, "avg_speed", "m/s", 1000, 0},
    {18, 15, "max_speed", "m/s", 1000, 0},
    {18, 16, "avg_heart_rate", "bpm", 1, 0},
    {18, 17, "max_heart_rate", "bpm", 1, 0},
    {18, 18, "avg_cadence", "rpm", 1, 0},
    {18, 19, "max_cadence", "rpm", 1, 0},
    {18, 20, "avg_power", "W", 1, 0},
    {18, 21, "max_power", "W", 1, 0},
    {18, 22, "total_ascent", "m", 1, 0},
    {18, 23, "total_descent", "m", 1, 0},
    {18, 25, "first_lap_index", "", 1, 0},
    {18, 26, "num_laps", "", 1, 0},
    {18, 28, "trigger", "", 1, 0},
    {18, 89, "avg_vertical_oscillation", "mm", 10, 0},
    {18, 90, "avg_stance_time_percent", "%", 100, 0},
    {18, 91, "avg_stance_time", "ms", 10, 0},
    {18, 92, "avg_fractional_cadence", "rpm", 128, 0},
    {18, 93, "max_fractional_cadence", "rpm", 128, 0},
    {18, 124, "enhanced_avg_speed", "m/s", 1000, 0},
    {18, 125, "enhanced_max_speed", "m/s", 1000, 0},
    {18, 132, "avg_vertical_ratio", "%", 100, 0},
    {18, 134, "avg_step_length", "mm", 10, 0},
    {19, 0, "event", "", 1, 0},
    {19, 1, "event_type", "", 1, 0},
    {19, 2, "start_time", "", 1, 0},
    {19, 7, "total_elapsed_time", "s", 1000, 0},
    {19, 8, "total_timer_time", "s", 1000, 0},
    {19, 9, "total_distance", "m", 100, 0},
    {19, 13, "avg_speed", "m/s", 1000, 0},
    {19, 14, "max_speed", "m/s", 1000, 0},
    {19, 15, "avg_heart_rate", "bpm", 1, 0},
    {19, 16, "max_heart_rate", "bpm", 1, 0},
    {19, 17, "avg_cadence", "rpm", 1, 0},
    {19, 18, "max_cadence", "rpm", 1, 0},
    {19, 21, "total_ascent", "m", 1, 0},
    {19, 22, "total_descent", "m", 1, 0},
    {19, 24, "lap_trigger", "", 1, 0},
    {19, 25, "sport", "", 1, 0},
    {19, 39, "sub_sport", "", 1, 0},
    {19, 77, "avg_vertical_oscillation", "mm", 10, 0},
    {19, 78, "avg_stance_time_percent", "%", 100, 0},
    {19, 79, "avg_stance_time", "ms", 10, 0},
    {19, 80, "avg_fractional_cadence", "rpm", 128, 0},
    {19, 110, "enhanced_avg_speed", "m/s", 1000, 0},
    {20, 0, "position_lat", "semicircles", 1, 0},
    {20, 1, "position_long", "semicircles", 1, 0},
    {20, 2, "altitude", "m", 5, 500},
    {20, 3, "heart_rate", "bpm", 1, 0},
    {20, 4, "cadence", "rpm", 1, 0},
    {20, 5, "distance", "m", 100, 0},
    {20, 6, "speed", "m/s", 1000, 0},
    {20, 7, "power", "W", 1, 0},
    {20, 8, "compressed_speed_distance", "", 1, 0},
    {20, 13, "temperature", "C", 1, 0},
    {20, 39, "vertical_oscillation", "mm", 10, 0},
    {20, 40, "stance_time_percent", "%", 100, 0},
    {20, 41, "stance_time", "ms", 10, 0},
    {20, 53, "fractional_cadence", "rpm", 128, 0},
    {20, 73, "enhanced_speed", "m/s", 1000, 0},
    {20, 78, "enhanced_altitude", "m", 5, 500},
    {20, 83, "vertical_ratio", "%", 100, 0},
    {20, 84, "stance_time_balance", "%", 100, 0},
    {20, 85, "step_length", "mm", 10, 0},
    {21, 0, "event", "", 1, 0},
    {21, 1, "event_type", "", 1, 0},
    {21, 2, "data16", "", 1, 0},
    {21, 3, "data", "", 1, 0},
    {21, 4, "event_group", "", 1, 0},
    {23, 0, "device_index", "", 1, 0},
    {23, 1, "device_type", "", 1, 0},
    {23, 2, "manufacturer", "", 1, 0},
    {23, 3, "serial_number", "", 1, 0},
    {23, 4, "product", "", 1, 0},
    {23, 5, "software_version", "", 100, 0},
    {23, 6, "hardware_version", "", 1, 0},
    {23, 10, "battery_voltage", "V", 256, 0},
    {23, 11, "battery_status", "", 1, 0},
    {23, 27, "product_name", "", 1, 0},
    {34, 0, "total_timer_time", "s", 1000, 0},
    {34, 1, "num_sessions", "", 1, 0},
    {34, 2, "type", "", 1, 0},
    {34, 3, "event", "", 1, 0},
    {34, 4, "event_type", "", 1, 0},
    {34, 5, "local_timestamp", "", 1, 0},
    {34, 6, "event_group", "", 1, 0},
    {55, 26, "timestamp_16", "s", 1, 0},
    {78, 0, "time", "s", 1000, 0},
    {206, 0, "developer_data_index", "", 1, 0},
    {206, 1, "field_definition_number", "", 1, 0},
    {206, 2, "fit_base_type_id", "", 1, 0},
    {206, 3, "field_name", "", 1, 0},
    {206, 4, "array", "", 1, 0},
    {206, 5, "components", "", 1, 0},
    {206, 6, "scale", "", 1, 0},
    {206, 7, "offset", "", 1, 0},
    {206, 8, "units", "", 1, 0},
    {206, 14, "native_mesg_num", "", 1, 0},
    {206, 15, "native_field_num", "", 1, 0},
    {207, 0, "developer_id", "", 1, 0},
    {207, 1, "application_id", "", 1, 0},
    {207, 2, "manufacturer_id", "", 1, 0},
    {207, 3, "developer_data_index", "", 1, 0},
    {207, 4, "application_version", "", 1, 0},
};

template <std::size_t N>
std::string lookup(const std::array<std::pair<unsigned, std::string_view>, N>& table,
                   unsigned key) {
  for (const auto& [k, v] : table) {
    if (k == key) return std::string(v);
  }
  return {};
}

constexpr std::array<std::pair<unsigned, std::string_view>, 48> kMessages = {{
    {0, "file_id"},
    {1, "capabilities"},
    {2, "device_settings"},
    {3, "user_profile"},
    {4, "hrm_profile"},
    {5, "sdm_profile"},
    {6, "bike_profile"},
    {7, "zones_target"},
    {8, "hr_zone"},
    {9, "power_zone"},
    {10, "met_zone"},
    {12, "sport"},
    {15, "goal"},
    {18, "session"},
    {19, "lap"},
    {20, "record"},
    {21, "event"},
    {23, "device_info"},
    {26, "workout"},
    {27, "workout_step"},
    {28, "schedule"},
    {30, "weight_scale"},
    {31, "course"},
    {32, "course_point"},
    {33, "totals"},
    {34, "activity"},
    {35, "software"},
    {37, "file_capabilities"},
    {38, "mesg_capabilities"},
    {39, "field_capabilities"},
    {49, "file_creator"},
    {51, "blood_pressure"},
    {53, "speed_zone"},
    {55, "monitoring"},
    {72, "training_file"},
    {78, "hrv"},
    {101, "length"},
    {103, "monitoring_info"},
    {105, "pad"},
    {106, "slave_device"},
    {131, "cadence_zone"},
    {132, "hr"},
    {142, "segment_lap"},
    {145, "memo_glob"},
    {206, "field_description"},
    {207, "developer_data_id"},
    {216, "time_in_zone"},
    {227, "stress_level"},
}};

constexpr std::array<std::pair<unsigned, std::string_view>, 45> kSports = {{
    {0, "generic"},
    {1, "running"},
    {2, "cycling"},
    {3, "transition"},
    {4, "fitness_equipment"},
    {5, "swimming"},
    {6, "basketball"},
    {7, "soccer"},
    {8, "tennis"},
    {9, "american_football"},
    {10, "training"},
    {11, "walking"},
    {12, "cross_country_skiing"},
    {13, "alpine_skiing"},
    {14, "snowboarding"},
    {15, "rowing"},
    {16, "mountaineering"},
    {17, "hiking"},
    {18, "multisport"},
    {19, "paddling"},
    {20, "flying"},
    {21, "e_biking"},
    {22, "motorcycling"},
    {23, "boating"},
    {24, "driving"},
    {25, "golf"},
    {26, "hang_gliding"},
    {27, "horseback_riding"},
    {28, "hunting"},
    {29, "fishing"},
    {30, "inline_skating"},
    {31, "rock_climbing"},
    {32, "sailing"},
    {33, "ice_skating"},
    {34, "sky_diving"},
    {35, "snowshoeing"},
    {36, "snowmobiling"},
    {37, "stand_up_paddleboarding"},
    {38, "surfing"},
    {39, "wakeboarding"},
    {40, "water_skiing"},
    {41, "kayaking"},
    {42, "rafting"},
    {43, "windsurfing"},
    {44, "kitesurfing"},
}};

constexpr std::array<std::pair<unsigned, std::string_view>, 59> kSubSports = {{
    {1, "treadmill"},
    {2, "street"},
    {3, "trail"},
    {4, "track"},
    {5, "spin"},
    {6, "indoor_cycling"},
    {7, "road"},
    {8, "mountain"},
    {9, "downhill"},
    {10, "recumbent"},
    {11, "cyclocross"},
    {12, "hand_cycling"},
    {13, "track_cycling"},
    {14, "indoor_rowing"},
    {15, "elliptical"},
    {16, "stair_climbing"},
    {17, "lap_swimming"},
    {18, "open_water"},
    {19, "flexibility_training"},
    {20, "strength_training"},
    {21, "warm_up"},
    {22, "match"},
    {23, "exercise"},
    {24, "challenge"},
    {25, "indoor_skiing"},
    {26, "cardio_training"},
    {27, "indoor_walking"},
    {28, "e_bike_fitness"},
    {29, "bmx"},
    {30, "casual_walking"},
    {31, "speed_walking"},
    {32, "bike_to_run_transition"},
    {33, "run_to_bike_transition"},
    {34, "swim_to_bike_transition"},
    {35, "atv"},
    {36, "motocross"},
    {37, "backcountry"},
    {38, "resort"},
    {39, "rc_drone"},
    {40, "wingsuit"},
    {41, "whitewater"},
    {42, "skate_skiing"},
    {43, "yoga"},
    {44, "pilates"},
    {45, "indoor_running"},
    {46, "gravel_cycling"},
    {47, "e_bike_mountain"},
    {48, "commuting"},
    {49, "mixed_surface"},
    {50, "navigate"},
    {51, "track_me"},
    {52, "map"},
    {53, "single_gas_diving"},
    {54, "multi_gas_diving"},
    {55, "gauge_diving"},
    {56, "apnea_diving"},
    {57, "apnea_hunting"},
    {58, "virtual_activity"},
    {59, "obstacle"},
}};

constexpr std::array<std::pair<unsigned, std::string_view>, 19> kManufacturers = {{
    {1, "garmin"},
    {2, "garmin_fr405_antfs"},
    {13, "dynastream_oem"},
    {15, "dynastream"},
    {23, "suunto"},
    {32, "wahoo_fitness"},
    {40, "concept2"},
    {69, "stages_cycling"},
    {70, "sigmasport"},
    {89, "tacx"},
    {95, "stryd"},
    {123, "polar_electro"},
    {255, "development"},
    {260, "zwift"},
    {263, "favero_electronics"},
    {265, "strava"},
    {267, "bryton"},
    {289, "hammerhead"},
    {294, "coros"},
}};

constexpr std::array<std::pair<unsigned, std::string_view>, 23> kGarminProducts = {{
    {1, "hrm1"},
    {717, "fr405"},
    {782, "fr50"},
    {988, "fr60"},
    {1018, "fr310xt"},
    {1036, "edge500"},
    {1124, "fr110"},
    {1169, "edge800"},
    {1325, "edge200"},
    {1328, "fr910xt"},
    {1436, "fr70"},
    {1561, "edge510"},
    {1567, "edge810"},
    {1623, "fr620"},
    {1632, "fr220"},
    {1765, "fr920xt"},
    {1967, "fenix2"},
    {2050, "fenix3"},
    {2337, "vivo_active_hr"},
    {2530, "edge_820"},
    {2697, "fenix5"},
    {3113, "fr945"},
    {3589, "fr745"},
}};

constexpr std::array<std::pair<unsigned, std::string_view>, 17> kFileTypes = {{
    {1, "device"},
    {2, "settings"},
    {3, "sport"},
    {4, "activity"},
    {5, "workout"},
    {6, "course"},
    {7, "schedules"},
    {9, "weight"},
    {10, "totals"},
    {11, "goals"},
    {14, "blood_pressure"},
    {15, "monitoring_a"},
    {20, "activity_summary"},
    {28, "monitoring_daily"},
    {32, "monitoring_b"},
    {34, "segment"},
    {35, "segment_list"},
}};

}  // namespace

const BaseTypeInfo& base_type_info(std::uint8_t base_type) {
  const unsigned n = base_type & 0x1FU;
  return n < kBaseTypes.size() ? kBaseTypes[n] : kBaseTypes[13];
}

const ProfileField* profile_field(std::uint16_t mesg, std::uint8_t num) {
  const auto* it =
      std::lower_bound(std::begin(kFields), std::end(kFields), std::pair{mesg, num},
                       [](const ProfileField& f, std::pair<std::uint16_t, std::uint8_t> key) {
                         return std::pair{f.mesg, f.num} < key;
                       });
  if (it == std::end(kFields) || it->mesg != mesg || it->num != num) return nullptr;
  return it;
}

std::string message_name(std::uint16_t global) {
  std::string name = lookup(kMessages, global);
  return name.empty() ? fmt::format("unknown_{}", global) : name;
}

std::string field_name(std::uint16_t global, std::uint8_t num) {
  if (num == 253) return "timestamp";
  if (num == 254) return "message_index";
  if (const ProfileField* f = profile_field(global, num)) return std::string(f->name);
  return fmt::format("field_{}", num);
}

std::string sport_name(unsigned sport) {
  std::string name = lookup(kSports, sport);
  return name.empty() ? fmt::format("sport_{}", sport) : name;
}

std::string sub_sport_name(unsigned sub_sport) {
  return lookup(kSubSports, sub_sport);
}

std::string manufacturer_name(unsigned manufacturer) {
  std::string name = lookup(kManufacturers, manufacturer);
  return name.empty() ? fmt::format("manufacturer_{}", manufacturer) : name;
}

std::string garmin_product_name(unsigned product) {
  return lookup(kGarminProducts, product);
}

std::string file_type_name(unsigned type) {
  std::string name = lookup(kFileTypes, type);
  return name.empty() ? fmt::format("type_{}", type) : name;
}

}  // namespace rk::fit
