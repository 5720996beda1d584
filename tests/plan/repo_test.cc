#include <gtest/gtest.h>

#include "store/diary_repo.h"
#include "store/koos_repo.h"
#include "store/plan_repo.h"
#include "store/store.h"

namespace rk {
namespace {

TEST(PlanRepos, DiaryUpsertsByDate) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store) << store.error().message;
  DiaryRepo repo(store->db());
  auto a = repo.upsert(store->local_user(), {0, "2026-11-24", 1, "{\"v\":1}"});
  auto b = repo.upsert(store->local_user(), {0, "2026-11-23", 2, "{\"v\":2}"});
  auto c = repo.upsert(store->local_user(), {0, "2026-11-24", 3, "{\"v\":3}"});
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *c);
  auto all = repo.list(store->local_user());
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].date, "2026-11-23");
  EXPECT_EQ((*all)[1].entry_json, "{\"v\":3}");
  auto none = repo.find_by_date(store->local_user(), "2026-01-01");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

TEST(PlanRepos, KoosAndPlanStateRoundTrip) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store);
  KoosRepo koos(store->db());
  ASSERT_TRUE(koos.save(store->local_user(), {0, 20, "{}", "{\"b\":1}"}));
  ASSERT_TRUE(koos.save(store->local_user(), {0, 10, "{}", "{\"a\":1}"}));
  auto list = koos.list(store->local_user());
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].scores_json, "{\"a\":1}");  // oldest first
  PlanRepo plan(store->db());
  auto empty = plan.load_state(store->local_user());
  ASSERT_TRUE(empty);
  EXPECT_FALSE(empty->has_value());
  ASSERT_TRUE(plan.save_state(store->local_user(), "{\"stage\":1}", 5));
  ASSERT_TRUE(plan.save_state(store->local_user(), "{\"stage\":2}", 6));
  auto st = plan.load_state(store->local_user());
  ASSERT_TRUE(st && st->has_value());
  EXPECT_EQ(**st, "{\"stage\":2}");
  ASSERT_TRUE(plan.add_decision(store->local_user(), {0, "2026-11-24", 7, "{}"}));
  auto ds = plan.list_decisions(store->local_user());
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->size(), 1u);
}

}  // namespace
}  // namespace rk
