#include "store/database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "store/assessment_repo.h"
#include "store/store.h"

namespace rk {
namespace {

std::filesystem::path temp_path(const std::string& name) {
  // One folder per process: ctest runs tests in parallel, and reruns must start clean.
  auto dir =
      std::filesystem::temp_directory_path() / ("runknee-store-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  std::filesystem::remove_all(p);
  return p;
}

TEST(Store, SavesAndFindsAssessments) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store) << store.error().message;
  AssessmentRepo repo(store->db());
  auto id = repo.save(store->local_user(), {0, 100, "self_care", "overuse", "{}", "{\"a\":1}"});
  ASSERT_TRUE(id);
  auto found = repo.find(store->local_user(), *id);
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->result_json, "{\"a\":1}");
  auto missing = repo.find(store->local_user(), *id + 1);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());  // absent is not failed
}

TEST(Store, RollsBackUncommittedTransaction) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store);
  AssessmentRepo repo(store->db());
  {
    auto tx = store->db().begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE(repo.save(store->local_user(), {0, 1, "urgent", "direct_trauma", "{}", "{}"}));
  }  // destroyed without commit
  auto all = repo.list(store->local_user());
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->empty());
}

TEST(Store, CorruptFileGivesClearErrorNotCrash) {
  auto p = temp_path("corrupt.db");
  std::ofstream(p) << std::string(4096, 'x');
  auto store = Store::open(p);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("corrupt.db"), std::string::npos);
  EXPECT_NE(store.error().message.find("not a runknee database"), std::string::npos);
}

TEST(Store, CreatesMissingFolder) {
  auto dir = temp_path("nested");
  auto store = Store::open(dir / "deeper" / "runknee.db");
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_TRUE(std::filesystem::exists(dir / "deeper" / "runknee.db"));
}

}  // namespace
}  // namespace rk
