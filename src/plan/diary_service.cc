#include "plan/diary_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "plan/session.h"
#include "store/diary_repo.h"
#include "store/plan_repo.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/time.h"

namespace rk::plan {
namespace {

constexpr std::size_t kMaxNotes = limits::diary_notes_max_chars;
constexpr std::size_t kMaxLocations = 16;

Unexpected<Error> bad(std::string field, std::string message) {
  return Unexpected<Error>(Error{std::move(message), ErrorKind::kBadInput, std::move(field), {}});
}

/// A failure of the store keeps its kind (busy, I/O, corrupt).
Unexpected<Error> store_failed(const Error& e) { return Unexpected<Error>(e); }

/// A stored entry that no longer decodes or validates: the store holds what we did not write.
Unexpected<Error> corrupt(const Error& e) {
  return Unexpected<Error>(Error{describe(e), ErrorKind::kCorruptStore, {}, {}});
}

/// An integer field: a JSON integer (not a bool, not 3.5, not 1e999) within int64.
Expected<std::optional<std::int64_t>, Error> int_field(const nlohmann::json& v,
                                                            const std::string& key) {
  if (v.is_null()) return std::optional<std::int64_t>();
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return bad(key, "number out of range");
    return std::optional<std::int64_t>(static_cast<std::int64_t>(u));
  }
  if (v.is_number_integer()) return std::optional<std::int64_t>(v.get<std::int64_t>());
  if (v.is_number_float()) return bad(key, "must be a whole number");
  return bad(key, fmt::format("must be a number, got {}", v.type_name()));
}

Expected<bool, Error> bool_field(const nlohmann::json& v, const std::string& key) {
  if (!v.is_boolean()) return bad(key, fmt::format("must be true or false, got {}", v.type_name()));
  return v.get<bool>();
}

Expected<void, Error> check_range(const std::optional<std::int64_t>& v, const char* field,
                                       std::int64_t lo, std::int64_t hi) {
  if (v && (*v < lo || *v > hi)) {
    return bad(field, fmt::format("must be {}-{}, got {}", lo, hi, *v));
  }
  return {};
}

std::optional<int> narrow(const std::optional<std::int64_t>& v) {
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

}  // namespace

bool DiaryUpdate::empty() const {
  return !pain_during && !pain_after && !pain_morning && !stiffness_min && locations.empty() &&
         !swelling && !catching && !locking && !giving_way && !fell && !injury && !night_pain &&
         !cannot_bear_weight && !hot_red && !fever && !calf_swelling && !numbness && !ran && !brisk_walk_pain_free && !hop_pain_free && notes.empty();
}

Expected<DiaryUpdate, Error> diary_update_from_json(const nlohmann::json& j,
                                                         std::string_view default_date) {
  if (!j.is_object()) return bad("", "the diary entry must be a JSON object");
  DiaryUpdate u;
  u.date = std::string(default_date);
  const std::pair<const char*, std::optional<std::int64_t> DiaryUpdate::*> ints[] = {
      {"pain_during", &DiaryUpdate::pain_during},
      {"pain_after", &DiaryUpdate::pain_after},
      {"pain_morning", &DiaryUpdate::pain_morning},
      {"stiffness_min", &DiaryUpdate::stiffness_min}};
  const std::pair<const char*, bool DiaryUpdate::*> flags[] = {
      {"swelling", &DiaryUpdate::swelling},
      {"catching", &DiaryUpdate::catching},
      {"locking", &DiaryUpdate::locking},
      {"giving_way", &DiaryUpdate::giving_way},
      {"fell", &DiaryUpdate::fell},
      {"injury", &DiaryUpdate::injury},
      {"night_pain", &DiaryUpdate::night_pain},
      {"cannot_bear_weight", &DiaryUpdate::cannot_bear_weight},
      {"hot_red", &DiaryUpdate::hot_red},
      {"fever", &DiaryUpdate::fever},
      {"calf_swelling", &DiaryUpdate::calf_swelling},
      {"numbness", &DiaryUpdate::numbness},
      {"ran", &DiaryUpdate::ran}};
  for (const auto& [key, value] : j.items()) {
    if (key == "date") {
      if (!value.is_string()) return bad(key, "must be a date like 2026-11-25");
      u.date = value.get<std::string>();
      continue;
    }
    if (key == "notes") {
      if (!value.is_string() && !value.is_null()) return bad(key, "must be text");
      if (value.is_string()) u.notes = value.get<std::string>();
      continue;
    }
    if (key == "locations") {
      if (!value.is_array()) return bad(key, "must be a list of places");
      for (const auto& l : value) {
        if (!l.is_string()) return bad(key, "must be a list of place names");
        u.locations.push_back(l.get<std::string>());
      }
      continue;
    }
    if (key == "brisk_walk_pain_free" || key == "hop_pain_free") {
      auto& slot = key == "hop_pain_free" ? u.hop_pain_free : u.brisk_walk_pain_free;
      if (value.is_null()) continue;
      auto b = bool_field(value, key);
      if (!b) return Unexpected<Error>(b.error());
      slot = *b;
      continue;
    }
    bool known = false;
    for (const auto& [name, member] : ints) {
      if (key != name) continue;
      auto v = int_field(value, key);
      if (!v) return Unexpected<Error>(v.error());
      u.*member = *v;
      known = true;
    }
    for (const auto& [name, member] : flags) {
      if (key != name) continue;
      auto b = bool_field(value, key);
      if (!b) return Unexpected<Error>(b.error());
      u.*member = *b;
      known = true;
    }
    if (!known) return bad(key, "unknown field");
  }
  return u;
}

Expected<void, Error> check_update(const DiaryUpdate& u) {
  if (!day_number(u.date)) {
    return bad("date", fmt::format("expected a real date as YYYY-MM-DD, got '{}'", u.date));
  }
  if (auto r = check_range(u.pain_during, "pain_during", 0, 10); !r) return r;
  if (auto r = check_range(u.pain_after, "pain_after", 0, 10); !r) return r;
  if (auto r = check_range(u.pain_morning, "pain_morning", 0, 10); !r) return r;
  if (auto r = check_range(u.stiffness_min, "stiffness_min", 0, 24 * 60); !r) return r;
  if (u.locations.size() > kMaxLocations) return bad("locations", "too many places");
  const auto& ok = diary_locations();
  for (const auto& loc : u.locations) {
    if (std::find(ok.begin(), ok.end(), loc) == ok.end()) {
      return bad("locations",
                 fmt::format("unknown location '{}' (use joint_line, below_joint_line, "
                             "upper_shin_bone or above_joint_line)",
                             loc));
    }
  }
  if (u.notes.size() > kMaxNotes) {
    return bad("notes", fmt::format("longer than {} characters", kMaxNotes));
  }
  if (u.empty()) {
    return bad("", "nothing to log: give at least one pain score, symptom, check or note");
  }
  return {};
}

DiaryEntry merge_update(DiaryEntry e, const DiaryUpdate& u) {
  e.date = u.date;
  if (u.pain_during) e.pain_during = narrow(u.pain_during);
  if (u.pain_after) e.pain_after = narrow(u.pain_after);
  if (u.pain_morning) e.pain_morning = narrow(u.pain_morning);
  if (u.stiffness_min) e.stiffness_min = narrow(u.stiffness_min);
  for (const auto& l : u.locations) {
    if (std::find(e.locations.begin(), e.locations.end(), l) == e.locations.end()) {
      e.locations.push_back(l);
    }
  }
  e.swelling = e.swelling || u.swelling;
  e.catching = e.catching || u.catching;
  e.locking = e.locking || u.locking;
  e.giving_way = e.giving_way || u.giving_way;
  e.fell = e.fell || u.fell;
  e.injury = e.injury || u.injury;
  e.night_pain = e.night_pain || u.night_pain;
  e.cannot_bear_weight = e.cannot_bear_weight || u.cannot_bear_weight;
  e.hot_red = e.hot_red || u.hot_red;
  e.fever = e.fever || u.fever;
  e.calf_swelling = e.calf_swelling || u.calf_swelling;
  e.numbness = e.numbness || u.numbness;
  e.ran = e.ran || u.ran;
  if (u.brisk_walk_pain_free) e.brisk_walk_pain_free = u.brisk_walk_pain_free;
  if (u.hop_pain_free) e.hop_pain_free = u.hop_pain_free;
  if (!u.notes.empty()) e.notes = u.notes;
  return e;
}

namespace {

struct Written {
  DiaryEntry entry;
  std::int64_t id = 0;
  bool created = false;
};

/// The stored entry for `date`, or a new empty one; `created` says which.
Expected<Written, Error> load_day(DiaryRepo& repo, UserId user, const std::string& date) {
  auto existing = repo.find_by_date(user, date);
  if (!existing) return store_failed(existing.error());
  Written w;
  w.created = !*existing;
  w.entry.date = date;
  if (*existing) {
    auto stored = diary_entry_from_json(
        nlohmann::json::parse((*existing)->entry_json, nullptr, false), "diary " + date);
    if (!stored) return corrupt(stored.error());
    w.entry = std::move(*stored);
  }
  return w;
}

/// Merges `u` into its day's entry, links the day's runs and saves (inside the caller's
/// transaction). `today` marks next-morning values that arrive after their day.
Expected<Written, Error> write_day(Database& db, DiaryRepo& repo, UserId user, const DiaryUpdate& u,
                                   const std::string& today, std::int64_t now_utc) {
  auto w = load_day(repo, user, u.date);
  if (!w) return w;
  w->entry = merge_update(std::move(w->entry), u);
  if ((u.pain_morning || u.stiffness_min) && u.date < today) w->entry.morning_logged = today;
  if (auto v = validate(w->entry); !v) return corrupt(v.error());
  if (auto ok = attach_day_runs(db, user, w->entry); !ok) return store_failed(ok.error());
  auto id = repo.upsert(user, {0, u.date, now_utc, to_json(w->entry).dump()});
  if (!id) return store_failed(id.error());
  w->id = *id;
  return w;
}

/// Yesterday was a run: its entry says so, or a run is stored on that day.
Expected<bool, Error> was_run_day(Database& db, DiaryRepo& repo, UserId user,
                                  const std::string& date) {
  auto w = load_day(repo, user, date);
  if (!w) return Unexpected<Error>(w.error());
  if (auto ok = attach_day_runs(db, user, w->entry); !ok) return store_failed(ok.error());
  return w->entry.is_run();
}

struct Rewound {
  bool has_plan = false;             // a plan to bring up to date at all
  bool rewound = false;              // the plan had decided on `from` or later
  std::vector<std::string> dropped;  // the days whose decisions were dropped, to be made again
};

/// Rewinds the stored plan state to before `from` when the plan had decided on that day.
Expected<Rewound, Error> rewind_plan(Database& db, UserId user, const std::string& from,
                                     std::int64_t now_utc) {
  PlanRepo plans(db);
  auto saved = plans.load_state(user);
  if (!saved) return store_failed(saved.error());
  if (!*saved) return Rewound{};  // no plan yet: nothing decided
  auto st = plan_state_from_json(nlohmann::json::parse(**saved, nullptr, false), "plan state");
  if (!st) return store_failed(st.error());
  Rewound out;
  out.has_plan = true;
  for (const auto& d : st->history) {
    if (d.date >= from) out.dropped.push_back(d.date);
  }
  if (!rewind_state(*st, from)) {
    out.dropped.clear();
    return out;
  }
  out.rewound = true;
  if (auto ok = plans.save_state(user, to_json(*st).dump(), now_utc); !ok)
    return store_failed(ok.error());
  return out;
}

}  // namespace

Expected<DiaryLogResult, Error> log_diary(Database& db, UserId user, const DiaryUpdate& u,
                                          std::int64_t now_utc, const KnowledgeBase& kb) {
  if (auto ok = check_update(u); !ok) return Unexpected<Error>(ok.error());
  auto tx = db.begin();
  if (!tx) return store_failed(tx.error());
  DiaryRepo repo(db);
  const std::string today = format_local_date(now_utc);

  // Next-morning values logged today belong to yesterday's run.
  DiaryUpdate day = u;
  std::optional<DiaryUpdate> morning;
  if (u.date == today && (u.pain_morning || u.stiffness_min)) {
    const std::string yesterday = date_of_day(*day_number(today) - 1);
    auto run = was_run_day(db, repo, user, yesterday);
    if (!run) return Unexpected<Error>(run.error());
    if (*run) {
      morning = DiaryUpdate{};
      morning->date = yesterday;
      morning->pain_morning = u.pain_morning;
      morning->stiffness_min = u.stiffness_min;
      day.pain_morning.reset();
      day.stiffness_min.reset();
    }
  }

  DiaryLogResult out;
  std::string earliest = u.date;
  if (morning) {
    auto w = write_day(db, repo, user, *morning, today, now_utc);
    if (!w) return Unexpected<Error>(w.error());
    out.morning_applied_to = morning->date;
    earliest = morning->date;
    out.entry = w->entry;
    out.id = w->id;
    out.created = w->created;
  }
  if (!morning || !day.empty()) {
    auto w = write_day(db, repo, user, day, today, now_utc);
    if (!w) return Unexpected<Error>(w.error());
    if (morning) out.run_day_entry = std::move(out.entry);
    out.entry = w->entry;
    out.id = w->id;
    out.created = w->created;
  }
  auto plan = rewind_plan(db, user, earliest, now_utc);
  if (!plan) return Unexpected<Error>(plan.error());
  if (auto c = tx->commit(); !c) return store_failed(c.error());

  out.red_flags = diary_red_flags(out.entry);
  if (out.run_day_entry) {
    for (auto& f : diary_red_flags(*out.run_day_entry)) out.red_flags.push_back(std::move(f));
  }
  out.reevaluated = plan->rewound;
  out.decided_before = plan->dropped;
  if (plan->has_plan) {
    // Decide what can be decided now, as `today` would; the entry is stored either way.
    auto session = open_plan_session(db, user, now_utc, kb);
    if (!session) {
      return store_failed(Error{fmt::format(
          "the diary entry was saved, but the plan could not be brought up to date: {}",
          session.error().message)});
    }
    for (const auto& d : session->state.history) {
      if (d.date >= earliest) out.decisions.push_back(d);
    }
  }
  return out;
}

}  // namespace rk::plan
