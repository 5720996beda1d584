#pragma once
// Helpers shared by the format and ingest tests: corpus files, gzip and zip built in memory.

#include <gtest/gtest.h>
#include <zip.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "util/file_io.h"

namespace rk::test {

inline std::vector<std::uint8_t> read(const std::filesystem::path& p) {
  auto bytes = read_file_bytes(p);
  if (!bytes) ADD_FAILURE() << bytes.error().message;
  return bytes ? *bytes : std::vector<std::uint8_t>{};
}
inline std::vector<std::uint8_t> corpus(const std::string& rel) {
  return read(std::filesystem::path(RUNKNEE_CORPUS) / rel);
}
inline std::vector<std::uint8_t> testdata(const std::string& rel) {
  return read(std::filesystem::path(RUNKNEE_TESTDATA) / rel);
}
inline std::vector<std::uint8_t> bytes_of(std::string_view s) {
  return {s.begin(), s.end()};
}

inline std::vector<std::uint8_t> gzip(const std::vector<std::uint8_t>& in) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<std::uint8_t> out(deflateBound(&zs, static_cast<uLong>(in.size())) + 64);
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

/// A zip archive built in memory with libzip; members are (path, bytes).
inline std::vector<std::uint8_t> make_zip(
    const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& members) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, data] : members) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  std::vector<std::uint8_t> out;
  EXPECT_EQ(zip_source_open(src), 0);
  zip_source_seek(src, 0, SEEK_END);
  out.resize(static_cast<std::size_t>(zip_source_tell(src)));
  zip_source_seek(src, 0, SEEK_SET);
  EXPECT_EQ(zip_source_read(src, out.data(), out.size()), static_cast<zip_int64_t>(out.size()));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  return out;
}

/// Every file with this extension below a corpus folder.
inline std::vector<std::filesystem::path> corpus_files(const std::string& ext) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(RUNKNEE_CORPUS))
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// Flipped bytes and truncations of `bytes` (deterministic), for robustness tests.
inline std::vector<std::vector<std::uint8_t>> mutations(const std::vector<std::uint8_t>& bytes,
                                                        int count, unsigned seed = 7) {
  std::vector<std::vector<std::uint8_t>> out;
  if (bytes.empty()) return out;
  std::mt19937 rng(seed);
  for (int i = 0; i < count; ++i) {
    auto m = bytes;
    const std::size_t at = rng() % m.size();
    if (i % 2 == 0) {
      for (int k = 0; k < 4; ++k)
        m[(at + k * 37) % m.size()] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
    } else {
      m.resize(at);
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace rk::test
