#include "util/file_io.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "util/error.h"

namespace rk {
namespace {

// One size query and one read: an istreambuf_iterator copy goes byte by byte and cost more than
// decoding the file (measured with bench/fit_bench).
template <class Container>
Expected<Container> read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return fail("{}: cannot open: {}", path.string(), std::strerror(errno));
  const std::streamoff size = in.tellg();
  if (size < 0) return fail("{}: cannot tell the file size", path.string());
  Container out(static_cast<std::size_t>(size), typename Container::value_type{});
  in.seekg(0);
  if (size > 0 && !in.read(reinterpret_cast<char*>(out.data()), size))
    return fail("{}: read error", path.string());
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
