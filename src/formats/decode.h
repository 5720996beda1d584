#pragma once
// Decoders: bytes in, activities out. None of them does I/O; `name` is only used in messages,
// which read like a compiler's: "run.fit: byte 1234: record message 20 truncated".
//
// Failure policy: a file that cannot be read at all returns an Error; a file that is damaged but
// partly readable returns what was recovered plus warnings in Decoded::warnings.

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "model/activity.h"
#include "util/expected.h"
#include "util/limits.h"

namespace rk {

using Bytes = std::span<const std::uint8_t>;

/// The most one compressed file (a .gz, a zip member) may inflate to. Real activity files are
/// a few MB (a 24-hour FIT recording is ~20 MB); a "bomb" is refused while it inflates, with
/// memory to match (docs/security.md).
inline constexpr std::size_t kMaxInflatedBytes = limits::inflated_max_bytes;

Expected<Decoded> decode_fit(Bytes bytes, std::string_view name);
Expected<Decoded> decode_gpx(Bytes bytes, std::string_view name);
Expected<Decoded> decode_tcx(Bytes bytes, std::string_view name);
/// A runner's own training log: date, distance, duration, optional RPE and notes.
Expected<Decoded> decode_csv_log(Bytes bytes, std::string_view name);
/// The same, handing over every `part_rows` activities as they are read (with the warnings met
/// so far), so a log of a million rows is never held decoded all at once; returns the rest.
Expected<Decoded> decode_csv_log_in_parts(Bytes bytes, std::string_view name,
                                          std::size_t part_rows,
                                          const std::function<void(Decoded&&)>& emit_part);

/// Picks the decoder from the name (".fit", ".gpx", ".tcx", ".csv", each optionally ".gz") or,
/// failing that, from the first bytes. Gunzips ".gz" first. Fills Activity::source (name, size,
/// SHA-256 of the original bytes, format).
Expected<Decoded> decode_any(Bytes bytes, std::string_view name);
/// The same, but a CSV log is handed over `part_rows` activities at a time (see
/// decode_csv_log_in_parts); other formats come whole in the result.
Expected<Decoded> decode_any_in_parts(Bytes bytes, std::string_view name, std::size_t part_rows,
                                      const std::function<void(Decoded&&)>& emit_part);

}  // namespace rk
