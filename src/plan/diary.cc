#include "plan/diary.h"

#include <algorithm>

#include "util/error.h"
#include "util/time.h"

namespace rk::plan {
namespace {

Expected<void> check_pain(const std::optional<int>& v, std::string_view name) {
  if (v && (*v < 0 || *v > 10)) return bad_input(std::string(name), "pain must be 0-10, got {}", *v);
  return {};
}

template <class T>
Expected<std::optional<T>> optional_field(const nlohmann::json& j, const char* key,
                                          std::string_view where) {
  if (!j.contains(key) || j[key].is_null()) return std::optional<T>();
  try {
    return std::optional<T>(j[key].get<T>());
  } catch (const nlohmann::json::exception&) {
    return fail("{}: field '{}' has the wrong type", where, key);
  }
}

bool flag(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_boolean() && j[key].get<bool>();
}

}  // namespace

const std::vector<std::string>& diary_locations() {
  static const std::vector<std::string> k = {"joint_line", "below_joint_line", "upper_shin_bone",
                                             "above_joint_line"};
  return k;
}

std::optional<int> DiaryEntry::worst_pain() const {
  std::optional<int> w;
  for (const auto& v : {pain_during, pain_after, pain_morning}) {
    if (v && (!w || *v > *w)) w = v;
  }
  return w;
}

std::vector<DiaryRedFlag> diary_red_flags(const DiaryEntry& e) {
  std::vector<DiaryRedFlag> out;
  if (e.locking) {
    out.push_back({"diary.locking",
                   "the knee locked (could not straighten): consistent with a "
                   "mechanical problem a clinician should examine"});
  }
  if (e.giving_way && e.fell) {
    out.push_back({"diary.giving_way_fall", "the knee gave way and you fell"});
  }
  if (e.swelling && e.injury) {
    out.push_back({"diary.swelling_after_injury", "swelling after a twist, fall or blow"});
  }
  if (e.night_pain) {
    out.push_back({"diary.night_pain", "pain at night or at rest: bone stress needs ruling out"});
  }
  if (e.cannot_bear_weight) {
    out.push_back({"diary.cannot_bear_weight", "you could not put weight on the leg"});
  }
  if ((e.hot_red || e.swelling) && e.fever) {
    out.push_back({"diary.hot_knee_with_fever",
                   "a hot or swollen knee with a fever can be an infected joint: go to A&E "
                   "or call emergency services now"});
  } else if (e.hot_red) {
    out.push_back({"diary.hot_red_knee", "the knee is hot and red: get it checked today"});
  }
  if (e.calf_swelling) {
    out.push_back({"diary.calf_swelling",
                   "a swollen, tender or warm calf can be a clot in a leg vein: get seen today, "
                   "and call emergency services if you are breathless or have chest pain"});
  }
  if (e.numbness) {
    out.push_back({"diary.numbness",
                   "numbness or pins and needles in the leg or foot: a clinician should check "
                   "the nerves before you go on"});
  }
  return out;
}

Expected<void> validate(const DiaryEntry& e) {
  if (!day_number(e.date)) return bad_input("date", "expected YYYY-MM-DD, got '{}'", e.date);
  if (auto r = check_pain(e.pain_during, "pain_during"); !r) return r;
  if (auto r = check_pain(e.pain_after, "pain_after"); !r) return r;
  if (auto r = check_pain(e.pain_morning, "pain_morning"); !r) return r;
  if (e.stiffness_min && (*e.stiffness_min < 0 || *e.stiffness_min > 24 * 60)) {
    return bad_input("stiffness_min", "minutes must be 0-1440, got {}", *e.stiffness_min);
  }
  for (const auto& loc : e.locations) {
    const auto& ok = diary_locations();
    if (std::find(ok.begin(), ok.end(), loc) == ok.end()) {
      return bad_input("locations",
                       "unknown location '{}' (use joint_line, below_joint_line, "
                       "upper_shin_bone or above_joint_line)",
                       loc);
    }
  }
  if (!e.morning_logged.empty() && !day_number(e.morning_logged)) {
    return fail("morning_logged: expected YYYY-MM-DD, got '{}'", e.morning_logged);
  }
  if (e.run_km < 0) return fail("run distance must not be negative");
  return {};
}

nlohmann::json to_json(const DiaryEntry& e) {
  nlohmann::json j;
  j["date"] = e.date;
  auto opt = [&](const char* k, const auto& v) {
    j[k] = v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  opt("pain_during", e.pain_during);
  opt("pain_after", e.pain_after);
  opt("pain_morning", e.pain_morning);
  j["morning_logged"] =
      e.morning_logged.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.morning_logged);
  j["locations"] = e.locations;
  opt("stiffness_min", e.stiffness_min);
  j["swelling"] = e.swelling;
  j["catching"] = e.catching;
  j["locking"] = e.locking;
  j["giving_way"] = e.giving_way;
  j["fell"] = e.fell;
  j["injury"] = e.injury;
  j["night_pain"] = e.night_pain;
  j["cannot_bear_weight"] = e.cannot_bear_weight;
  j["hot_red"] = e.hot_red;
  j["fever"] = e.fever;
  j["calf_swelling"] = e.calf_swelling;
  j["numbness"] = e.numbness;
  j["ran"] = e.ran;
  opt("brisk_walk_pain_free", e.brisk_walk_pain_free);
  opt("hop_pain_free", e.hop_pain_free);
  j["activity_ids"] = e.activity_ids;
  j["run_km"] = e.run_km;
  j["notes"] = e.notes;
  nlohmann::json flags = nlohmann::json::array();
  for (const auto& f : diary_red_flags(e)) flags.push_back({{"id", f.id}, {"text", f.text}});
  j["red_flags"] = flags;
  return j;
}

Expected<DiaryEntry> diary_entry_from_json(const nlohmann::json& j, std::string_view where) {
  if (!j.is_object()) return fail("{}: expected an object", where);
  DiaryEntry e;
  if (!j.contains("date") || !j["date"].is_string()) {
    return fail("{}: missing field 'date'", where);
  }
  e.date = j["date"].get<std::string>();
  auto d = optional_field<int>(j, "pain_during", where);
  auto a = optional_field<int>(j, "pain_after", where);
  auto m = optional_field<int>(j, "pain_morning", where);
  auto s = optional_field<int>(j, "stiffness_min", where);
  auto w = optional_field<bool>(j, "brisk_walk_pain_free", where);
  auto h = optional_field<bool>(j, "hop_pain_free", where);
  for (const auto* r : {&d, &a, &m, &s}) {
    if (!*r) return fail(r->error());
  }
  if (!w) return fail(w.error());
  if (!h) return fail(h.error());
  e.pain_during = *d;
  e.pain_after = *a;
  e.pain_morning = *m;
  e.stiffness_min = *s;
  e.brisk_walk_pain_free = *w;
  e.hop_pain_free = *h;
  if (j.contains("locations") && j["locations"].is_array()) {
    for (const auto& l : j["locations"]) {
      if (l.is_string()) e.locations.push_back(l.get<std::string>());
    }
  }
  e.swelling = flag(j, "swelling");
  e.catching = flag(j, "catching");
  e.locking = flag(j, "locking");
  e.giving_way = flag(j, "giving_way");
  e.fell = flag(j, "fell");
  e.injury = flag(j, "injury");
  e.night_pain = flag(j, "night_pain");
  e.cannot_bear_weight = flag(j, "cannot_bear_weight");
  e.hot_red = flag(j, "hot_red");
  e.fever = flag(j, "fever");
  e.calf_swelling = flag(j, "calf_swelling");
  e.numbness = flag(j, "numbness");
  e.ran = flag(j, "ran");
  if (j.contains("activity_ids") && j["activity_ids"].is_array()) {
    for (const auto& id : j["activity_ids"]) {
      if (id.is_number_integer()) e.activity_ids.push_back(id.get<std::int64_t>());
    }
  }
  if (j.contains("run_km") && j["run_km"].is_number()) e.run_km = j["run_km"].get<double>();
  if (j.contains("notes") && j["notes"].is_string()) e.notes = j["notes"].get<std::string>();
  if (j.contains("morning_logged") && j["morning_logged"].is_string()) {
    e.morning_logged = j["morning_logged"].get<std::string>();
  }
  if (auto v = validate(e); !v) return fail("{}: {}", where, describe(v.error()));
  return e;
}

std::optional<std::int64_t> day_number(std::string_view date) {
  if (date.size() != 10) return std::nullopt;
  auto t = parse_iso8601(date);
  if (!t) return std::nullopt;
  return *t / 86400;
}

std::string date_of_day(std::int64_t day) {
  return format_date(day * 86400);
}

}  // namespace rk::plan
