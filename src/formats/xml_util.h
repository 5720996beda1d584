#pragma once
// Small pugixml helpers shared by the GPX and TCX decoders. Files in the wild use every kind of
// namespace prefix ("ns3:TPX", "gpxtpx:hr", none at all), so elements are matched by local name.

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "formats/decode.h"
#include "util/error.h"

namespace rk::xml {

inline std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// The first child element with this local name (case-insensitive: exporters disagree).
inline pugi::xml_node child(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view n = local_name(c);
    if (n.size() == local.size() && strncasecmp(n.data(), local.data(), n.size()) == 0) return c;
  }
  return {};
}

/// The text of a child element as a finite number, or nullopt.
inline std::optional<double> number(const pugi::xml_node& n) {
  if (!n) return std::nullopt;
  const char* text = n.child_value();
  char* end = nullptr;
  const double v = std::strtod(text, &end);
  if (end == text || !std::isfinite(v)) return std::nullopt;
  return v;
}

inline std::optional<double> child_number(const pugi::xml_node& parent, std::string_view local) {
  return number(child(parent, local));
}

/// Parses `bytes` (a copy: the caller's buffer stays untouched); errors read "name: byte 123: XML
/// error: ...".
inline Expected<void> load(pugi::xml_document& doc, Bytes bytes, std::string_view name) {
  const auto result =
      doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto);
  if (!result) return fail("{}: byte {}: XML error: {}", name, result.offset, result.description());
  return {};
}

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

}  // namespace rk::xml
