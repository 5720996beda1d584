#pragma once
// Lenient reads from JSON the program wrote itself (an assessment result, a report's data): a
// missing or wrong-typed member reads as empty instead of throwing.

#include <nlohmann/json.hpp>
#include <string>

namespace rk {

inline std::string json_string(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline const nlohmann::json& json_list(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

}  // namespace rk
