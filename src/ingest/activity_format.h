#pragma once
// Activities as JSON, CSV and text for `runknee decode`, `activities` and `show`. The JSON field
// names are stable (documented in docs/import.md) so that other tools can check our decoding.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/activity.h"
#include "store/activity_repo.h"

namespace rk {

/// The one JSON encoding of an activity's summary (no laps, no records), for the CLI and the
/// API alike; `id` when the activity is stored; absent values are null. `file_name_only`: the
/// source's file name without its folder (the API never shows the data folder's path).
nlohmann::json summary_json(const Activity& a, std::optional<std::int64_t> id = std::nullopt,
                            bool file_name_only = false);
nlohmann::json laps_json(const std::vector<Lap>& laps);
/// One object per sample with the columns the file had; missing samples are left out.
nlohmann::json records_json(const Streams& s, std::int64_t start_utc);
/// The whole of `runknee decode --format json`.
nlohmann::json decoded_json(const Decoded& d, std::string_view file, bool with_records);

std::string activities_csv(const std::vector<StoredActivity>& list);
/// `miles`: distances and paces in miles (the runner's `config set units mi`).
std::string activities_text(const std::vector<StoredActivity>& list, bool miles = false);
// The same, a row at a time, for listings streamed from the store (a million rows must not be
// held in memory at once).
/// With `miles`, distance and pace columns are distance_mi and pace_s_per_mi (else distance_m
/// and pace_s_per_km, as before): every column says its unit.
std::string activities_csv_header(bool miles = false);
std::string activity_csv_row(const StoredActivity& s, bool miles = false);
std::string activities_text_header(bool miles);
/// One row; `name`, when not empty (a name the runner gave it), ends the row.
std::string activity_text_row(const StoredActivity& s, bool miles, std::string_view name = {});
std::string activities_text_footer(std::size_t count);
/// `runknee show ID`: the summary, then one line per lap.
/// `runknee show`: distances and paces in miles with `miles` (the runner's setting).
std::string activity_detail_text(const StoredActivity& a, bool miles = false);

}  // namespace rk
