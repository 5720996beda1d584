#include "plan/diary.h"

#include <algorithm>
#include <memory>
#include <mutex>

#include "knowledge/knowledge_base.h"
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

namespace {

using DiaryRules = std::vector<DiaryRedFlagRule>;

std::mutex rules_mutex;
std::shared_ptr<const DiaryRules> rules_in_use;  // guarded by rules_mutex

std::shared_ptr<const DiaryRules> diary_rules() {
  std::lock_guard lock(rules_mutex);
  if (!rules_in_use) {
    auto kb = KnowledgeBase::load_embedded();  // its tests keep the compiled-in copy valid
    if (!kb) throw InvariantError("the compiled-in knowledge base does not load");
    rules_in_use = std::make_shared<const DiaryRules>(kb->data().diary_red_flags);
  }
  return rules_in_use;
}

using FieldTable = std::vector<std::pair<std::string, bool DiaryEntry::*>>;

const FieldTable& field_table() {
  static const FieldTable k = {
      {"swelling", &DiaryEntry::swelling},
      {"catching", &DiaryEntry::catching},
      {"locking", &DiaryEntry::locking},
      {"giving_way", &DiaryEntry::giving_way},
      {"fell", &DiaryEntry::fell},
      {"injury", &DiaryEntry::injury},
      {"night_pain", &DiaryEntry::night_pain},
      {"cannot_bear_weight", &DiaryEntry::cannot_bear_weight},
      {"hot_red", &DiaryEntry::hot_red},
      {"fever", &DiaryEntry::fever},
      {"calf_swelling", &DiaryEntry::calf_swelling},
      {"numbness", &DiaryEntry::numbness},
      {"ran", &DiaryEntry::ran}};
  return k;
}

/// The entry's yes/no field a diary rule names (data/diary.yaml `diary_fields`).
bool diary_field(const DiaryEntry& e, std::string_view name) {
  for (const auto& [field, member] : field_table()) {
    if (field == name) return e.*member;
  }
  throw InvariantError(fmt::format("diary rule names unknown field '{}'", name));
}

/// The knowledge module allows only all/any/not and `field: true|false` in diary rules.
bool holds(const Predicate& p, const DiaryEntry& e) {
  using Op = Predicate::Op;
  switch (p.op) {
    case Op::kAll:
      return std::all_of(p.children.begin(), p.children.end(),
                         [&](const Predicate& c) { return holds(c, e); });
    case Op::kAny:
      return std::any_of(p.children.begin(), p.children.end(),
                         [&](const Predicate& c) { return holds(c, e); });
    case Op::kNot:
      return !p.children.empty() && !holds(p.children.front(), e);
    case Op::kEq: {
      const std::string& v = p.values.front();
      return diary_field(e, p.subject) == (v == "true" || v == "yes");
    }
    default:
      throw InvariantError(fmt::format("diary rule on '{}' is not a yes/no condition", p.subject));
  }
}

}  // namespace

const std::vector<std::string>& diary_fields() {
  static const std::vector<std::string> k = [] {
    std::vector<std::string> names;
    for (const auto& f : field_table()) names.push_back(f.first);
    return names;
  }();
  return k;
}

void use_diary_rules(const KnowledgeBase& kb) {
  auto rules = std::make_shared<const DiaryRules>(kb.data().diary_red_flags);
  std::lock_guard lock(rules_mutex);
  rules_in_use = std::move(rules);
}

std::vector<DiaryRedFlag> diary_red_flags(const DiaryEntry& e) {
  std::vector<DiaryRedFlag> out;
  for (const auto& rule : *diary_rules()) {
    if (holds(rule.when, e)) out.push_back({rule.id, rule.text});
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
