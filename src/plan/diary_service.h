#pragma once
// The one way to log a pain diary entry, used by `runknee log` and `POST /api/v1/diary` alike:
// check the update, merge it into the day's stored entry, link that day's runs and save, all in
// one BEGIN IMMEDIATE transaction (two writers for the same day never lose each other's values).
//
// Merge rules (a partial update never drops what is stored):
//  - a pain score, stiffness, the walk/hop checks: a given value replaces, an absent one keeps;
//  - locations: added to the stored ones;
//  - symptoms (swelling, locking, ...) and `ran`: `true` sets them; `false` or absent keeps the
//    stored value. A symptom logged for a day stays logged: red flags are never cleared by an
//    update that simply did not mention them;
//  - notes: a non-empty text replaces; empty or absent keeps.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "plan/adapt.h"
#include "plan/diary.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::plan {

/// What a runner reports for one day; every field optional.
struct DiaryUpdate {
  std::string date;  // "YYYY-MM-DD", required (the front end fills in today)
  std::optional<std::int64_t> pain_during, pain_after, pain_morning, stiffness_min;
  std::vector<std::string> locations;
  bool swelling = false, catching = false, locking = false, giving_way = false, fell = false,
       injury = false, night_pain = false, cannot_bear_weight = false, hot_red = false,
       fever = false, calf_swelling = false, numbness = false, ran = false;
  std::optional<bool> brisk_walk_pain_free, hop_pain_free;
  std::string notes;

  /// True when the update would change nothing (besides the date).
  bool empty() const;
};

struct DiaryLogResult {
  // The entry the update's date names, as stored after the merge; when every value went to the
  // run the day before (next-morning values, below), that run day's entry.
  DiaryEntry entry;
  std::int64_t id = 0;
  bool created = false;  // no entry for that day before
  std::vector<DiaryRedFlag> red_flags;  // of every entry written
  // Next-morning values logged for today that belong to yesterday's run: that run day ("" when
  // none), and its entry when today's entry was written as well.
  std::string morning_applied_to;
  std::optional<DiaryEntry> run_day_entry;
  // A day the plan had already decided on changed: the decisions from that day on were made
  // again (`decisions` are the ones made now, oldest first).
  bool reevaluated = false;
  std::vector<std::string> decided_before;  // the days among them the plan had decided already
  std::vector<DecisionRecord> decisions;
  /// The decision for `date` was made again (the plan had decided that day before the change).
  bool decided_again(const std::string& date) const {
    for (const auto& d : decided_before) {
      if (d == date) return true;
    }
    return false;
  }
};

/// Errors: ErrorKind::kBadInput with `field` the JSON key at fault ("pain_during") and a message
/// that does not name it ("must be 0-10, got 11"); a store failure keeps the store's kind.

/// Strict reading of a request body: known fields only, integers as integers (no bool, no
/// fraction, no out-of-range), booleans as booleans, strings as strings. `date` may be absent
/// (then `default_date`).
Expected<DiaryUpdate> diary_update_from_json(const nlohmann::json& j,
                                                         std::string_view default_date);

/// Checks ranges and names; rejects an update that says nothing.
Expected<void> check_update(const DiaryUpdate& u);

/// `stored` with `u` applied by the rules above.
DiaryEntry merge_update(DiaryEntry stored, const DiaryUpdate& u);

/// The one diary use case. Validates, merges into the day's entry, links that day's runs and
/// saves, in one transaction; then brings the plan up to date.
///  - Next morning: pain_morning and stiffness_min given for today (the runner's local day) go to
///    yesterday's entry when yesterday was a run (logged as one or a stored run): "the next
///    morning" of that run is this morning. The entry keeps the day they were logged
///    (morning_logged). Values for any other day stay on the day given.
///  - Back-fill: when the plan had already decided on a changed day, the plan state is rewound to
///    before that day (in the same transaction) and every later day is decided again.
///  - The plan's figures come from `kb` (plan_rules(kb)).
///  - Acts for `user` only: reads and writes that user's diary, runs and plan.
Expected<DiaryLogResult> log_diary(Database& db, UserId user, const DiaryUpdate& u,
                                   std::int64_t now_utc, const KnowledgeBase& kb);

}  // namespace rk::plan
