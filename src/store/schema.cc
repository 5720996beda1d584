#include "store/schema.h"

#include "store/activity_repo.h"
#include "store/assessment_repo.h"
#include "store/diary_repo.h"
#include "store/koos_repo.h"
#include "store/plan_repo.h"

namespace rk {

const std::vector<SchemaStep>& schema_steps() {
  // One line per repository; order matters only where a table references another.
  static const std::vector<SchemaStep> steps = {
      &ActivityRepo::ensure_schema, &AssessmentRepo::ensure_schema, &DiaryRepo::ensure_schema,
      &KoosRepo::ensure_schema,     &PlanRepo::ensure_schema,
  };
  return steps;
}

}  // namespace rk
