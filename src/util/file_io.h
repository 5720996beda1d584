#pragma once
// The one place the core reads whole files; decoders take the bytes and do no I/O themselves.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/expected.h"

namespace rk {

Expected<std::vector<std::uint8_t>> read_file_bytes(const std::filesystem::path& path);
Expected<std::string> read_file_text(const std::filesystem::path& path);
/// Writes via a temporary file and rename, so a reader never sees half a file.
Expected<void> write_file_atomic(const std::filesystem::path& path, std::string_view content);

}  // namespace rk
