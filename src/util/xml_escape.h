#pragma once

#include <string>
#include <string_view>

namespace rk {

/// Escapes text for XML, SVG and HTML element content and double-quoted attributes.
std::string xml_escape(std::string_view text);

}  // namespace rk
