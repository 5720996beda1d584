#pragma once
// What this binary is: the project version and the git commit it was built from (written at
// build time by cmake/BuildInfoGenerate.cmake), so a result or a report can say what made it.

#include <string_view>

namespace rk {

std::string_view build_version();  ///< e.g. "0.2.0"
std::string_view build_commit();   ///< `git describe --always --dirty`, or "unknown"

}  // namespace rk
