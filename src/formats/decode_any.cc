// Picks a decoder by file name or, failing that, by the first bytes; gunzips ".gz" first and
// fills Activity::source for every activity.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <limits>
#include <string>

#include "formats/archive.h"
#include "formats/decode.h"
#include "formats/gzip.h"
#include "util/error.h"
#include "util/sha256.h"

namespace rk {
namespace {

enum class Format { kUnknown, kFit, kGpx, kTcx, kCsv, kZip };

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Format from_name(std::string_view name) {
  std::string n;
  for (char c : name) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ends_with(n, ".gz")) n.resize(n.size() - 3);
  if (ends_with(n, ".fit")) return Format::kFit;
  if (ends_with(n, ".gpx")) return Format::kGpx;
  if (ends_with(n, ".tcx")) return Format::kTcx;
  if (ends_with(n, ".csv")) return Format::kCsv;
  if (ends_with(n, ".zip")) return Format::kZip;
  return Format::kUnknown;
}

Format sniff(Bytes b) {
  if (b.size() >= 12 && b[8] == '.' && b[9] == 'F' && b[10] == 'I' && b[11] == 'T')
    return Format::kFit;
  if (is_zip(b)) return Format::kZip;
  const std::string_view head(reinterpret_cast<const char*>(b.data()),
                              std::min<std::size_t>(b.size(), 2048));
  if (head.find("<gpx") != std::string_view::npos) return Format::kGpx;
  if (head.find("TrainingCenterDatabase") != std::string_view::npos) return Format::kTcx;
  return Format::kUnknown;
}

const char* format_name(Format f) {
  switch (f) {
    case Format::kFit:
      return "fit";
    case Format::kGpx:
      return "gpx";
    case Format::kTcx:
      return "tcx";
    case Format::kCsv:
      return "csv";
    case Format::kZip:
      return "zip";
    case Format::kUnknown:
      break;
  }
  return "unknown";
}

Expected<Decoded> dispatch(Format f, Bytes bytes, std::string_view name) {
  switch (f) {
    case Format::kFit:
      return decode_fit(bytes, name);
    case Format::kGpx:
      return decode_gpx(bytes, name);
    case Format::kTcx:
      return decode_tcx(bytes, name);
    case Format::kCsv:
      return decode_csv_log(bytes, name);
    case Format::kZip:
      return decode_zip(bytes, name);
    case Format::kUnknown:
      break;
  }
  return fail("{}: unknown file type (expected .fit, .gpx, .tcx, .csv, .zip or .gz of one)", name);
}

}  // namespace

Expected<Decoded> decode_any_in_parts(Bytes bytes, std::string_view name, std::size_t part_rows,
                                      const std::function<void(Decoded&&)>& emit_part) {
  std::vector<std::uint8_t> inflated;
  Bytes content = bytes;
  if (is_gzip(bytes)) {
    auto out = gunzip(bytes, name);
    if (!out) return fail(out.error());
    inflated = std::move(*out);
    content = inflated;
  }
  Format f = from_name(name);
  if (f == Format::kUnknown ||
      (f != Format::kCsv && sniff(content) != Format::kUnknown && sniff(content) != f)) {
    // The content wins over a misleading name ("run.gpx" that is really a FIT file).
    if (const Format s = sniff(content); s != Format::kUnknown) f = s;
  }
  if (content.empty()) return fail("{}: empty file", name);
  const std::string sha = sha256_hex(bytes);
  auto fill_source = [&](Decoded& d) {
    for (auto& a : d.activities) {
      if (a.source.name.empty()) a.source.name = std::string(name);
      a.source.size = bytes.size();
      a.source.sha256 = sha;
      a.source.format = format_name(f);
    }
  };
  auto decoded = f == Format::kCsv
                     ? decode_csv_log_in_parts(content, name, part_rows,
                                               [&](Decoded&& part) {
                                                 fill_source(part);
                                                 emit_part(std::move(part));
                                               })
                     : dispatch(f, content, name);
  if (!decoded) return decoded;
  if (f == Format::kZip) return decoded;  // members carry their own source
  fill_source(*decoded);
  return decoded;
}

Expected<Decoded> decode_any(Bytes bytes, std::string_view name) {
  return decode_any_in_parts(bytes, name, std::numeric_limits<std::size_t>::max(),
                             [](Decoded&&) {});
}

}  // namespace rk
