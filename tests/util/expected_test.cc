#include "util/expected.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace rk {
namespace {

Expected<int> parse_positive(int v) {
  if (v <= 0) return fail("{} is not positive", v);
  return v;
}

TEST(Expected, CarriesValueOrError) {
  auto ok = parse_positive(3);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 3);
  auto bad = parse_positive(-1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "-1 is not positive");
}

TEST(Expected, VoidSpecialisation) {
  Expected<void> ok;
  EXPECT_TRUE(ok);
  Expected<void> bad = fail("nope");
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "nope");
}

}  // namespace
}  // namespace rk
