// The plan's strengthening ladder (data/plan/ladder.yaml) repeats the starting dose of each
// exercise in the knowledge base (data/exercises.yaml); this keeps the two from drifting apart.
#include <gtest/gtest.h>

#include "knowledge/knowledge_base.h"
#include "plan/rules.h"

namespace rk {
namespace {

TEST(LadderConsistency, StartingDosesMatchTheKnowledgeBase) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  auto rules = plan::plan_rules();
  ASSERT_TRUE(rules) << rules.error().message;
  ASSERT_FALSE(rules->strengthening.empty());
  for (const auto& s : rules->strengthening) {
    SCOPED_TRACE(s.id);
    const Exercise* e = kb->exercise(s.id);
    ASSERT_NE(e, nullptr) << "ladder exercise missing from data/exercises.yaml";
    EXPECT_EQ(s.name, e->name);
    EXPECT_EQ(s.sets, e->sets);
    const bool hold = s.unit.find("hold") != std::string::npos;
    EXPECT_EQ(s.reps, hold ? e->hold_s.value_or(-1) : e->reps.value_or(-1));
  }
}

}  // namespace
}  // namespace rk
