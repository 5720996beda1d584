#include "formats/archive.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "formats/track_stats.h"
#include "util/error.h"

namespace rk {
namespace {

// Garmin exports nest one level (UploadedFiles_*.zip inside the export); deeper nesting is
// either a mistake or a zip bomb.
constexpr int kMaxNesting = 3;

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// Minimal CSV row splitter for Strava's index (quoted fields with commas and "" escapes).
std::vector<std::string> split_csv(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

void decode_members(const ZipReader& zip, int depth, Decoded& out);

void decode_member(const ZipReader& zip, std::size_t i, const StravaIndex& index, int depth,
                   Decoded& out) {
  const std::string path = zip.member_name(i);
  const MemberKind kind = classify_member(path);
  if (kind != MemberKind::kActivity && kind != MemberKind::kZip) return;
  const std::string full = fmt::format("{}:{}", zip.name(), path);
  auto bytes = zip.read(i);
  if (!bytes) {
    out.warnings.push_back({bytes.error().message});
    return;
  }
  if (kind == MemberKind::kZip) {
    if (depth >= kMaxNesting) {
      out.warnings.push_back({fmt::format("{}: zip nested too deep, skipped", full)});
      return;
    }
    auto inner = ZipReader::open(*bytes, full);
    if (!inner) {
      out.warnings.push_back({inner.error().message});
      return;
    }
    decode_members(*inner, depth + 1, out);
    return;
  }
  auto decoded = decode_any(*bytes, full);
  if (!decoded) {
    out.warnings.push_back({decoded.error().message});
    return;
  }
  if (auto it = index.find(path); it != index.end()) apply_strava_entry(it->second, *decoded);
  for (auto& a : decoded->activities) out.activities.push_back(std::move(a));
  for (auto& w : decoded->warnings) out.warnings.push_back(std::move(w));
}

void decode_members(const ZipReader& zip, int depth, Decoded& out) {
  StravaIndex index;
  if (auto at = zip.find("activities.csv")) {
    if (auto csv = zip.read(*at)) index = parse_strava_index(*csv);
  }
  for (std::size_t i = 0; i < zip.size(); ++i) {
    if (!zip.is_dir(i)) decode_member(zip, i, index, depth, out);
  }
}

}  // namespace

bool is_zip(Bytes bytes) {
  return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
         ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6));
}

MemberKind classify_member(std::string_view path) {
  std::string p = lower(path);
  const auto slash = p.find_last_of("/\\");
  const std::string base = slash == std::string::npos ? p : p.substr(slash + 1);
  if (base.empty() || base.front() == '.' || p.find("__macosx/") != std::string::npos)
    return MemberKind::kOther;
  if (ends_with(p, ".zip")) return MemberKind::kZip;
  if (base == "activities.csv") return MemberKind::kStravaIndex;
  if (ends_with(p, ".gz")) p.resize(p.size() - 3);
  if (ends_with(p, ".fit") || ends_with(p, ".gpx") || ends_with(p, ".tcx"))
    return MemberKind::kActivity;
  return MemberKind::kOther;
}

Expected<ZipReader> ZipReader::open(Bytes bytes, std::string name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    std::string msg = zip_error_strerror(&err);
    zip_error_fini(&err);
    return fail("{}: zip: {}", name, msg);
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    zip_source_free(src);
    std::string msg = zip_error_strerror(&err);
    zip_error_fini(&err);
    return fail("{}: not a readable zip archive: {}", name, msg);
  }
  zip_error_fini(&err);
  const zip_int64_t n = zip_get_num_entries(z, 0);
  return ZipReader(z, std::move(name), n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string ZipReader::member_name(std::size_t i) const {
  const char* n = zip_get_name(zip_.get(), i, ZIP_FL_ENC_GUESS);
  return n ? n : "";
}

bool ZipReader::is_dir(std::size_t i) const {
  const std::string n = member_name(i);
  return n.empty() || n.back() == '/';
}

std::optional<std::size_t> ZipReader::find(std::string_view path) const {
  const std::string p(path);
  const zip_int64_t i = zip_name_locate(zip_.get(), p.c_str(), ZIP_FL_NOCASE);
  if (i < 0) return std::nullopt;
  return static_cast<std::size_t>(i);
}

Expected<std::vector<std::uint8_t>> ZipReader::read(std::size_t i, std::size_t max_size) const {
  const std::string full = fmt::format("{}:{}", name_, member_name(i));
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_.get(), i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    return fail("{}: zip: {}", full, zip_strerror(zip_.get()));
  if (st.size > max_size)
    return fail("{}: zip: member of {} MiB refused (more than {} MiB)", full, st.size >> 20,
                max_size >> 20);
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen_index(zip_.get(), i, 0),
                                                      &zip_fclose);
  if (!f) return fail("{}: zip: {}", full, zip_strerror(zip_.get()));
  std::vector<std::uint8_t> out(static_cast<std::size_t>(st.size));
  std::size_t got = 0;
  while (got < out.size()) {
    const zip_int64_t n = zip_fread(f.get(), out.data() + got, out.size() - got);
    if (n < 0) return fail("{}: zip: {}", full, zip_file_strerror(f.get()));
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got != out.size())
    return fail("{}: zip: member truncated ({} of {} bytes)", full, got, out.size());
  // libzip checks the CRC when the member has been read to its end; one more read reports it.
  char probe;
  if (zip_fread(f.get(), &probe, 1) < 0)
    return fail("{}: zip: {}", full, zip_file_strerror(f.get()));
  return out;
}

StravaIndex parse_strava_index(Bytes csv) {
  StravaIndex index;
  std::string_view text(reinterpret_cast<const char*>(csv.data()), csv.size());
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  int file_col = -1, name_col = -1, type_col = -1;
  std::size_t start = 0;
  bool header = true;
  // Strava quotes descriptions that span lines; join physical lines until quotes balance.
  std::string row;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    row += text.substr(start, end - start);
    start = end + 1;
    if (std::count(row.begin(), row.end(), '"') % 2 != 0) {
      row += '\n';
      continue;
    }
    auto fields = split_csv(row);
    row.clear();
    if (header) {
      for (int c = 0; c < static_cast<int>(fields.size()); ++c) {
        const std::string h = lower(fields[static_cast<std::size_t>(c)]);
        if (h == "filename" && file_col < 0) file_col = c;
        if (h == "activity name" && name_col < 0) name_col = c;
        if (h == "activity type" && type_col < 0) type_col = c;
      }
      if (file_col < 0) return index;
      header = false;
      continue;
    }
    auto get = [&](int c) {
      return c >= 0 && static_cast<std::size_t>(c) < fields.size()
                 ? fields[static_cast<std::size_t>(c)]
                 : std::string();
    };
    const std::string file = get(file_col);
    if (!file.empty()) index[file] = {get(name_col), get(type_col)};
  }
  return index;
}

void apply_strava_entry(const StravaEntry& entry, Decoded& decoded) {
  for (auto& a : decoded.activities) {
    if (!entry.type.empty()) a.sport = normalize_sport(entry.type);
    if (a.notes.empty()) a.notes = entry.name;
  }
}

Expected<Decoded> decode_zip(Bytes bytes, std::string_view name) {
  auto zip = ZipReader::open(bytes, std::string(name));
  if (!zip) return fail(zip.error());
  Decoded out;
  decode_members(*zip, 0, out);
  if (out.activities.empty() && out.warnings.empty())
    out.warnings.push_back({fmt::format("{}: no activity files in the archive", name)});
  return out;
}

}  // namespace rk
