#pragma once
// Zip archives in memory (libzip over zip_source_buffer): Strava's bulk export
// (activities.csv + activities/*.fit.gz|*.gpx|*.tcx) and Garmin's account export (activity files
// inside nested DI_CONNECT/.../UploadedFiles_*.zip). No I/O: the caller owns the bytes.

#include <zip.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "formats/decode.h"

namespace rk {

bool is_zip(Bytes bytes);

enum class MemberKind { kActivity, kZip, kStravaIndex, kOther };
/// What a file inside an archive (or a folder) is, judged by its name.
MemberKind classify_member(std::string_view path);

class ZipReader {
 public:
  /// `bytes` must outlive the reader; `name` prefixes every message and member name.
  static Expected<ZipReader> open(Bytes bytes, std::string name);

  std::size_t size() const { return count_; }
  /// The member's path inside the archive ("activities/123.fit.gz"); empty when unreadable.
  std::string member_name(std::size_t i) const;
  bool is_dir(std::size_t i) const;
  std::optional<std::size_t> find(std::string_view path) const;
  /// The member's bytes; errors read "export.zip:activities/1.fit: ...".
  Expected<std::vector<std::uint8_t>> read(std::size_t i,
                                           std::size_t max_size = kMaxInflatedBytes) const;
  const std::string& name() const { return name_; }

 private:
  ZipReader(zip_t* z, std::string name, std::size_t count)
      : zip_(z, &zip_discard_deleter), name_(std::move(name)), count_(count) {}
  static void zip_discard_deleter(zip_t* z) { zip_discard(z); }
  std::unique_ptr<zip_t, void (*)(zip_t*)> zip_;
  std::string name_;
  std::size_t count_ = 0;
};

/// One row of Strava's activities.csv, keyed by its "Filename" column.
struct StravaEntry {
  std::string name;  // "Morning Run"
  std::string type;  // "Run"
};
using StravaIndex = std::unordered_map<std::string, StravaEntry>;

/// Reads Strava's activities.csv (columns "Filename", "Activity Name", "Activity Type");
/// rows without a file name are left out. Bad input gives an empty index, never an error:
/// the index only improves names and sports.
StravaIndex parse_strava_index(Bytes csv);
/// Sets sport (from the type) and notes (from the name, when the file had none).
void apply_strava_entry(const StravaEntry& entry, Decoded& decoded);

/// Decodes every activity file in a zip, nested zips included. A broken member becomes a
/// warning; only an unreadable archive is an Error.
Expected<Decoded> decode_zip(Bytes bytes, std::string_view name);

}  // namespace rk
