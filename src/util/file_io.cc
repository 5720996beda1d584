#include "util/file_io.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "util/error.h"

namespace rk {
namespace {

template <class Container>
Expected<Container> read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("{}: cannot open: {}", path.string(), std::strerror(errno));
  Container out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fail("{}: read error", path.string());
  return out;
}

}  // namespace

Expected<std::vector<std::uint8_t>> read_file_bytes(const std::filesystem::path& path) {
  return read_all<std::vector<std::uint8_t>>(path);
}

Expected<std::string> read_file_text(const std::filesystem::path& path) {
  return read_all<std::string>(path);
}

Expected<void> write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return fail("{}: cannot write: {}", tmp.string(), std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) return fail("{}: write failed", tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return fail("{}: cannot rename into place: {}", path.string(), ec.message());
  return {};
}

}  // namespace rk
