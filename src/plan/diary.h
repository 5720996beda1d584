#pragma once
// The pain diary: one entry per day, pain on a 0-10 scale during a run, after it and the next
// morning, where on the inner knee it hurts, and the symptoms that change what the plan may do
// (swelling, stiffness, catching, locking, giving way). Entries feed the pain-monitoring rules
// in adapt.h.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace rk {
class KnowledgeBase;
}  // namespace rk

namespace rk::plan {

/// The places on the inner knee a runner can point to.
const std::vector<std::string>& diary_locations();

struct DiaryEntry {
  std::string date;                 // "2026-11-24"
  std::optional<int> pain_during;   // 0-10, during the run
  std::optional<int> pain_after;    // 0-10, within a few hours after
  std::optional<int> pain_morning;  // 0-10, the next morning
  // The day the next-morning values (pain_morning, stiffness_min) were logged when that was the
  // morning after `date` ("2026-11-25" for a run on the 24th); "" when logged with the entry.
  std::string morning_logged;
  std::vector<std::string> locations;
  std::optional<int> stiffness_min;  // morning stiffness, minutes
  bool swelling = false;
  bool catching = false;
  bool locking = false;
  bool giving_way = false;
  bool fell = false;        // the giving way caused a fall
  bool injury = false;      // a twist, fall or blow that day
  bool night_pain = false;  // pain at night or at rest
  bool cannot_bear_weight = false;
  bool hot_red = false;        // the knee is hot and red
  bool fever = false;          // a temperature or feeling feverish
  bool calf_swelling = false;  // the calf is swollen, tender or warm
  bool numbness = false;       // numbness or pins and needles in the leg or foot
  bool ran = false;                          // there was a run that day
  std::optional<bool> brisk_walk_pain_free;  // 30 min brisk walk without pain
  std::optional<bool> hop_pain_free;         // 10 single-leg hops without pain
  std::vector<std::int64_t> activity_ids;    // that day's stored runs
  double run_km = 0;                         // their total distance
  std::string notes;

  /// The worst pain the entry reports, when any.
  std::optional<int> worst_pain() const;
  /// A run happened: logged as such, linked to an activity, or pain during a run was given.
  bool is_run() const { return ran || !activity_ids.empty() || pain_during.has_value(); }
};

struct DiaryRedFlag {
  std::string id;    // "diary.locking"
  std::string text;  // why it needs a clinician
};

/// Symptoms in an entry that mean the runner should see a clinician before going on: the rules
/// of data/diary.yaml (validated with the knowledge base), in their order.
std::vector<DiaryRedFlag> diary_red_flags(const DiaryEntry& e);
/// From now on, the diary rules of `kb` (a `--knowledge` folder); by default the compiled-in ones.
void use_diary_rules(const KnowledgeBase& kb);
/// The yes/no fields diary rules may name (checked against data/diary.yaml by the tests).
const std::vector<std::string>& diary_fields();

/// Checks ranges and names; the message says which field and what is allowed.
Expected<void> validate(const DiaryEntry& e);

nlohmann::json to_json(const DiaryEntry& e);
/// `where` prefixes error messages (e.g. "diary 2026-11-24").
Expected<DiaryEntry> diary_entry_from_json(const nlohmann::json& j, std::string_view where);

/// Days since 1970-01-01 for "YYYY-MM-DD"; nullopt when malformed.
std::optional<std::int64_t> day_number(std::string_view date);
std::string date_of_day(std::int64_t day);

}  // namespace rk::plan
