// The one diary use case (plan/diary_service.h): strict input, merge into the day's entry
// without ever dropping a stored field or red flag, one transaction per write.
#include "plan/diary_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "knowledge/knowledge_base.h"
#include "support/knowledge.h"
#include "store/diary_repo.h"
#include "store/plan_repo.h"
#include "store/store.h"
#include "util/embedded.h"
#include "util/time.h"

namespace rk::plan {
namespace {

// The use case with the knowledge base compiled in (the plan's figures).
Expected<DiaryLogResult> log_diary(Database& db, UserId user, const DiaryUpdate& u,
                                   std::int64_t now) {
  return plan::log_diary(db, user, u, now, rk::testing::embedded_knowledge());
}

using nlohmann::json;

DiaryUpdate parse(const json& j) {
  auto u = diary_update_from_json(j, "2026-11-25");
  EXPECT_TRUE(u) << (u ? "" : u.error().field + ": " + u.error().message);
  return u ? *u : DiaryUpdate{};
}

Error parse_error(const json& j) {
  auto u = diary_update_from_json(j, "2026-11-25");
  if (u) {
    auto c = check_update(*u);
    EXPECT_FALSE(c) << j.dump();
    return c ? Error{} : c.error();
  }
  return u.error();
}

// Issue 13 item 3: the web app's next-morning body erased the day's pain and its locking flag.
TEST(DiaryService, PartialUpdateNeverDropsAStoredFieldOrRedFlag) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store);
  auto& db = store->db();
  DiaryUpdate full = parse({{"date", "2026-11-20"},
                            {"pain_during", 4},
                            {"pain_after", 3},
                            {"locations", {"joint_line"}},
                            {"swelling", true},
                            {"locking", true},
                            {"stiffness_min", 15},
                            {"notes", "sore on the hills"},
                            {"ran", true}});
  ASSERT_TRUE(log_diary(db, store->local_user(), full, 100));
  // What the web diary sends when only the morning box is filled in.
  DiaryUpdate morning = parse({{"date", "2026-11-20"},
                               {"pain_morning", 2},
                               {"ran", false},
                               {"notes", ""},
                               {"swelling", false},
                               {"catching", false},
                               {"locking", false},
                               {"giving_way", false},
                               {"night_pain", false},
                               {"injury", false},
                               {"cannot_bear_weight", false}});
  auto r = log_diary(db, store->local_user(), morning, 200);
  ASSERT_TRUE(r) << r.error().message;
  const DiaryEntry& e = r->entry;
  EXPECT_FALSE(r->created);
  EXPECT_EQ(e.pain_during, 4);
  EXPECT_EQ(e.pain_after, 3);
  EXPECT_EQ(e.pain_morning, 2);
  EXPECT_EQ(e.stiffness_min, 15);
  EXPECT_EQ(e.locations, std::vector<std::string>{"joint_line"});
  EXPECT_TRUE(e.swelling);
  EXPECT_TRUE(e.locking);
  EXPECT_TRUE(e.ran);
  EXPECT_EQ(e.notes, "sore on the hills");
  ASSERT_EQ(r->red_flags.size(), 1u);
  EXPECT_EQ(r->red_flags[0].id, "diary.locking");
  // And the stored row says the same.
  auto rows = DiaryRepo(db).list(store->local_user());
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  const json stored = json::parse((*rows)[0].entry_json);
  EXPECT_EQ(stored["pain_during"], 4);
  EXPECT_EQ(stored["locking"], true);
  EXPECT_EQ(stored["red_flags"].size(), 1u);
}

// Every single-field update applied over a full entry keeps all the other fields.
TEST(DiaryService, EverySingleFieldUpdateKeepsTheRest) {
  const json full = {{"date", "2026-11-20"},  {"pain_during", 4},
                     {"pain_after", 3},       {"pain_morning", 1},
                     {"stiffness_min", 9},    {"locations", {"joint_line"}},
                     {"swelling", true},      {"catching", true},
                     {"locking", true},       {"giving_way", true},
                     {"fell", true},          {"injury", true},
                     {"night_pain", true},    {"cannot_bear_weight", true},
                     {"ran", true},           {"brisk_walk_pain_free", false},
                     {"hop_pain_free", true}, {"notes", "n"}};
  const json partials[] = {{{"pain_morning", 5}},
                           {{"notes", ""}},
                           {{"ran", false}},
                           {{"locking", false}},
                           {{"stiffness_min", nullptr}},
                           {{"locations", json::array()}},
                           {{"swelling", false}},
                           {{"pain_during", nullptr}}};
  for (const auto& p : partials) {
    auto store = Store::open(":memory:");
    ASSERT_TRUE(store);
    ASSERT_TRUE(log_diary(store->db(), store->local_user(), parse(full), 1));
    json body = p;
    body["date"] = "2026-11-20";
    body["pain_after"] = 3;  // something to log, so that the update is not empty
    auto r = log_diary(store->db(), store->local_user(), parse(body), 2);
    ASSERT_TRUE(r) << p.dump();
    json after = to_json(r->entry);
    for (const auto& [k, v] : full.items()) {
      if (k == "pain_morning" && p.contains("pain_morning")) {
        EXPECT_EQ(after[k], 5);
        continue;
      }
      EXPECT_EQ(after[k], v) << "field " << k << " after " << p.dump();
    }
    EXPECT_EQ(r->red_flags.size(), 5u) << p.dump();
  }
}

// Issue 13 item 9: wrong types were dropped silently, {} overwrote the day.
TEST(DiaryService, WrongTypesEmptyAndUnknownFieldsRejected) {
  EXPECT_EQ(parse_error({{"swelling", "yes"}}).field, "swelling");
  EXPECT_EQ(parse_error({{"pain_during", "4"}}).field, "pain_during");
  EXPECT_EQ(parse_error({{"pain_during", true}}).field, "pain_during");
  EXPECT_EQ(parse_error({{"pain_during", 4.5}}).field, "pain_during");
  EXPECT_EQ(parse_error({{"locations", "joint_line"}}).field, "locations");
  EXPECT_EQ(parse_error({{"notes", 3}}).field, "notes");
  EXPECT_EQ(parse_error({{"colour", "red"}}).field, "colour");
  EXPECT_EQ(parse_error(json::object()).field, "");
  EXPECT_NE(parse_error(json::object()).message.find("nothing to log"), std::string::npos);
  EXPECT_EQ(parse_error({{"ran", false}, {"notes", ""}}).field, "");
}

// Issue 13 item 8: 4294967300 was stored as 4, -4294967291 as 5.
TEST(DiaryService, OutOfRangeIntegersRejectedNotWrapped) {
  for (const json& v : {json(4294967300LL), json(-4294967291LL), json(11), json(-1),
                        json(18446744073709551615ULL), json(2147483648LL)}) {
    const auto e = parse_error({{"pain_during", v}});
    EXPECT_EQ(e.field, "pain_during") << v.dump();
    EXPECT_TRUE(e.kind == ErrorKind::kBadInput);
  }
  EXPECT_EQ(parse_error({{"stiffness_min", 1441}}).field, "stiffness_min");
}

TEST(DiaryService, ImpossibleDateRejected) {
  const auto e = parse_error({{"date", "2024-02-30"}, {"pain_after", 2}});
  EXPECT_EQ(e.field, "date");
}

// Issue 13 item 5: parallel logs for one day lost values (read-merge-write outside a
// transaction). Two connections to one file, each adding a different field many times.
TEST(DiaryService, ConcurrentLogsForOneDayLoseNothing) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("rk-diary-concurrent-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto init = Store::open(path);
    ASSERT_TRUE(init);
  }
  constexpr int kRounds = 40;
  auto writer = [&](int which, bool* ok) {
    auto store = Store::open(path);
    if (!store) return;
    for (int i = 0; i < kRounds; ++i) {
      DiaryUpdate u;
      u.date = "2026-11-" + std::to_string(10 + i % 10);
      if (which == 0) u.pain_morning = 3;
      if (which == 1) u.pain_during = 5;
      if (which == 2) u.locking = true;
      if (!log_diary(store->db(), store->local_user(), u, i)) return;
    }
    *ok = true;
  };
  bool ok[3] = {false, false, false};
  std::thread a(writer, 0, &ok[0]), b(writer, 1, &ok[1]), c(writer, 2, &ok[2]);
  a.join();
  b.join();
  c.join();
  EXPECT_TRUE(ok[0] && ok[1] && ok[2]);
  auto store = Store::open(path);
  ASSERT_TRUE(store);
  auto rows = DiaryRepo(store->db()).list(store->local_user());
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 10u);
  for (const auto& r : *rows) {
    const json e = json::parse(r.entry_json);
    EXPECT_EQ(e["pain_morning"], 3) << r.date;
    EXPECT_EQ(e["pain_during"], 5) << r.date;
    EXPECT_EQ(e["locking"], true) << r.date;
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

}  // namespace
}  // namespace rk::plan

namespace rk::plan {
namespace {

std::vector<std::string> flag_ids(const std::vector<DiaryRedFlag>& flags) {
  std::vector<std::string> ids;
  for (const auto& f : flags) ids.push_back(f.id);
  return ids;
}

// Issue 10: the diary's warning signs lacked a hot red knee, fever, a swollen calf and numbness.
TEST(DiaryService, InfectionClotAndNerveSignsAreRedFlagsAndStay) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store);
  auto first = log_diary(store->db(), store->local_user(),
                         parse({{"date", "2026-11-20"},
                                {"hot_red", true},
                                {"fever", true},
                                {"calf_swelling", true},
                                {"numbness", true}}),
                         1);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(flag_ids(first->red_flags),
            (std::vector<std::string>{"diary.hot_knee_with_fever", "diary.calf_swelling",
                                      "diary.numbness"}));
  // A later partial update that sends them as false (as a form does) keeps every one.
  auto later = log_diary(store->db(), store->local_user(),
                         parse({{"date", "2026-11-20"},
                                {"pain_morning", 2},
                                {"hot_red", false},
                                {"fever", false},
                                {"calf_swelling", false},
                                {"numbness", false}}),
                         2);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->red_flags.size(), 3u);
  EXPECT_TRUE(later->entry.hot_red && later->entry.fever && later->entry.calf_swelling &&
              later->entry.numbness);
}

TEST(DiaryRedFlags, FeverAloneIsNotAKneeWarningSignButWithAHotKneeIsAnEmergency) {
  DiaryEntry cold;
  cold.date = "2026-11-20";
  cold.fever = true;
  EXPECT_TRUE(diary_red_flags(cold).empty());  // a cold is not a trip to A&E
  DiaryEntry hot = cold;
  hot.hot_red = true;
  ASSERT_EQ(flag_ids(diary_red_flags(hot)),
            std::vector<std::string>{"diary.hot_knee_with_fever"});
  EXPECT_NE(diary_red_flags(hot)[0].text.find("emergency"), std::string::npos);
  DiaryEntry swollen = cold;
  swollen.swelling = true;
  EXPECT_EQ(flag_ids(diary_red_flags(swollen)),
            std::vector<std::string>{"diary.hot_knee_with_fever"});
  DiaryEntry red_only;
  red_only.hot_red = true;
  EXPECT_EQ(flag_ids(diary_red_flags(red_only)), std::vector<std::string>{"diary.hot_red_knee"});
}

// Issue 12 item 3: "the next morning, `runknee log --morning N`" applies to the run day.
class NextMorning : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* tz = std::getenv("TZ")) saved_tz_ = tz;
    setenv("TZ", "UTC", 1);
    auto s = Store::open(":memory:");
    ASSERT_TRUE(s);
    store_ = std::make_unique<Store>(std::move(*s));
  }
  void TearDown() override {
    if (saved_tz_) {
      setenv("TZ", saved_tz_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
  }
  static std::int64_t at(const char* iso) { return *parse_iso8601(iso); }
  Expected<DiaryLogResult> log(const json& j, const char* now) {
    return log_diary(store_->db(), store_->local_user(), parse(j), at(now));
  }
  std::vector<StoredDiaryEntry> rows() {
    auto r = DiaryRepo(store_->db()).list(store_->local_user());
    EXPECT_TRUE(r);
    return r ? *r : std::vector<StoredDiaryEntry>{};
  }
  std::optional<std::string> saved_tz_;
  std::unique_ptr<Store> store_;
};

TEST_F(NextMorning, MorningPainLoggedTheDayAfterARunGoesToTheRunDay) {
  ASSERT_TRUE(log({{"date", "2026-11-24"}, {"pain_during", 2}, {"pain_after", 1}, {"ran", true}},
                  "2026-11-24T20:00:00Z"));
  auto r = log({{"date", "2026-11-25"}, {"pain_morning", 1}, {"stiffness_min", 5}},
               "2026-11-25T07:30:00Z");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->morning_applied_to, "2026-11-24");
  EXPECT_FALSE(r->run_day_entry);
  EXPECT_FALSE(r->created);
  EXPECT_EQ(r->entry.date, "2026-11-24");
  EXPECT_EQ(r->entry.pain_during, 2);
  EXPECT_EQ(r->entry.pain_morning, 1);
  EXPECT_EQ(r->entry.stiffness_min, 5);
  EXPECT_EQ(r->entry.morning_logged, "2026-11-25");  // the entry shows both days
  const auto stored = rows();
  ASSERT_EQ(stored.size(), 1u);  // no entry dated the morning
  EXPECT_EQ(json::parse(stored[0].entry_json)["morning_logged"], "2026-11-25");
}

TEST_F(NextMorning, AfterARestDayMorningPainStaysOnToday) {
  ASSERT_TRUE(log({{"date", "2026-11-23"}, {"pain_during", 2}, {"ran", true}},
                  "2026-11-23T20:00:00Z"));
  auto r = log({{"date", "2026-11-25"}, {"pain_morning", 1}}, "2026-11-25T07:30:00Z");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->morning_applied_to, "");
  EXPECT_EQ(r->entry.date, "2026-11-25");
  EXPECT_TRUE(r->entry.morning_logged.empty());
  EXPECT_EQ(rows().size(), 2u);
}

TEST_F(NextMorning, TodaysOtherValuesStayOnTodayInTheSameTransaction) {
  ASSERT_TRUE(log({{"date", "2026-11-24"}, {"pain_during", 3}, {"ran", true}},
                  "2026-11-24T20:00:00Z"));
  auto r = log({{"date", "2026-11-25"}, {"pain_morning", 2}, {"pain_during", 1}, {"ran", true}},
               "2026-11-25T21:00:00Z");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->morning_applied_to, "2026-11-24");
  ASSERT_TRUE(r->run_day_entry);
  EXPECT_EQ(r->run_day_entry->pain_morning, 2);
  EXPECT_EQ(r->entry.date, "2026-11-25");
  EXPECT_EQ(r->entry.pain_during, 1);
  EXPECT_FALSE(r->entry.pain_morning);
}

TEST_F(NextMorning, ExplicitEarlierDayIsBackFilledThereAndShowsWhenItWasLogged) {
  ASSERT_TRUE(log({{"date", "2026-11-20"}, {"pain_during", 2}, {"ran", true}},
                  "2026-11-20T20:00:00Z"));
  auto r = log({{"date", "2026-11-20"}, {"pain_morning", 0}}, "2026-11-24T09:00:00Z");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->morning_applied_to, "");
  EXPECT_EQ(r->entry.date, "2026-11-20");
  EXPECT_EQ(r->entry.pain_morning, 0);
  EXPECT_EQ(r->entry.morning_logged, "2026-11-24");
}

// Back-filling a day the plan has decided on decides it, and every later day, again.
TEST_F(NextMorning, BackFillReEvaluatesTheDecisionsFromThatDayOn) {
  PlanState state;
  state.stage = 2;
  ASSERT_TRUE(PlanRepo(store_->db()).save_state(store_->local_user(), to_json(state).dump(), 1));
  auto first = log({{"date", "2026-11-18"}, {"pain_during", 1}, {"pain_after", 1}, {"ran", true}},
                   "2026-11-18T20:00:00Z");
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->decisions.empty());  // waiting for the next morning
  auto later = log({{"date", "2026-11-21"}, {"pain_during", 0}, {"pain_after", 0},
                    {"pain_morning", 0}, {"ran", true}},
                   "2026-11-23T20:00:00Z");
  ASSERT_TRUE(later);
  ASSERT_EQ(later->decisions.size(), 1u);  // the 18th was decided on the way (no morning pain)
  auto decided = PlanRepo(store_->db()).load_state(store_->local_user());
  auto st = plan_state_from_json(json::parse(**decided), "state");
  ASSERT_EQ(st->history.size(), 2u);
  EXPECT_NE(st->history[0].reason.find("next-morning pain was not logged"), std::string::npos);
  EXPECT_EQ(st->history[1].decision, Decision::kHold);
  EXPECT_EQ(st->history[1].rule, "plan.sessions_to_advance");

  auto backfill = log({{"date", "2026-11-18"}, {"pain_morning", 0}}, "2026-11-24T08:00:00Z");
  ASSERT_TRUE(backfill) << backfill.error().message;
  EXPECT_TRUE(backfill->reevaluated);
  ASSERT_EQ(backfill->decisions.size(), 2u);
  EXPECT_EQ(backfill->decisions[0].date, "2026-11-18");
  EXPECT_EQ(backfill->decisions[0].rule, "plan.sessions_to_advance");  // 1 of 2 pain-free
  EXPECT_EQ(backfill->decisions[1].date, "2026-11-21");
  EXPECT_EQ(backfill->decisions[1].decision, Decision::kAdvance);
  st = plan_state_from_json(json::parse(**PlanRepo(store_->db()).load_state(store_->local_user())),
                            "state");
  EXPECT_EQ(st->stage, 3);
  EXPECT_EQ(st->history.size(), 2u);
}

// The diary's warning signs are data (data/diary.yaml): the fields its rules may name are
// exactly the entry's yes/no fields, and a knowledge base with other rules gives other flags.
TEST(DiaryRedFlags, ComeFromTheKnowledgeBase) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  EXPECT_EQ(kb->data().diary_fields, diary_fields());
  std::vector<KnowledgeFile> files;
  for (const auto& f : embedded_files_knowledge()) {
    std::string text(f.bytes);
    if (f.name == "diary.yaml") {
      const std::string from = "when: {night_pain: true}";
      const auto at = text.find(from);
      ASSERT_NE(at, std::string::npos);
      text.replace(at, from.size(), "when: {catching: true}");
    }
    files.push_back({std::string(f.name), text});
  }
  auto changed = KnowledgeBase::load_files(files);
  ASSERT_TRUE(changed) << changed.error().message;
  DiaryEntry catching;
  catching.date = "2026-11-20";
  catching.catching = true;
  EXPECT_TRUE(diary_red_flags(catching).empty());
  use_diary_rules(*changed);
  EXPECT_EQ(flag_ids(diary_red_flags(catching)), std::vector<std::string>{"diary.night_pain"});
  use_diary_rules(*kb);
  EXPECT_TRUE(diary_red_flags(catching).empty());
}

}  // namespace
}  // namespace rk::plan
