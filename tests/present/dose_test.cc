// The one dose formatter (util/dose_format.h).

#include "util/dose_format.h"

#include <gtest/gtest.h>

#include "support/knowledge.h"

namespace rk {
namespace {

TEST(DoseFormat, ExerciseDoses) {
  EXPECT_EQ(exercise_dose_text({3, 12, "reps"}), "3 × 12");
  EXPECT_EQ(exercise_dose_text({3, 20, "s hold"}), "3 × 20 s hold");
  EXPECT_EQ(exercise_dose_text({3, 12, "reps", 2, 3}), "3 × 12, 2 s up, 3 s down");
  EXPECT_EQ(exercise_dose_text({1, 12, "reps"}), "12 reps");
  EXPECT_EQ(exercise_dose_text({1, 30, "s hold"}), "30 s hold");
}

TEST(DoseFormat, MedicineDoseNamesDoseIntervalAndCapOnce) {
  EXPECT_EQ(medicine_dose_text("500 mg to 1 g", "at least 4 hours between doses",
                               "4 g in 24 hours"),
            "500 mg to 1 g, at least 4 hours between doses; at most 4 g in 24 hours");
  // No doubled "at most", no full stop in the middle, empty parts left out.
  EXPECT_EQ(medicine_dose_text("200 mg.", "", "at most 1,200 mg a day."),
            "200 mg; at most 1,200 mg a day");
  EXPECT_EQ(medicine_dose_text("", "", ""), "");
}

TEST(DoseFormat, EveryMedicineReadsAsASentenceWithoutDoubledWords) {
  for (const auto& m : rk::testing::embedded_knowledge().data().medications) {
    const std::string t = medicine_dose_text(m.dose, m.interval, m.daily_max);
    EXPECT_NE(t.find("at most "), std::string::npos) << m.id << ": " << t;
    for (const char* bad : {"every at least", "every up to", "at most at most", "at most as ",
                            "..", " ,", "_"})
      EXPECT_EQ(t.find(bad), std::string::npos) << m.id << ": '" << bad << "' in " << t;
    // No word twice in a row ("a a", "the the").
    std::string prev;
    for (std::size_t a = 0; a < t.size();) {
      auto b = t.find(' ', a);
      if (b == std::string::npos) b = t.size();
      const std::string w = t.substr(a, b - a);
      EXPECT_NE(w, prev) << m.id << ": " << t;
      prev = w;
      a = b + 1;
    }
  }
}

}  // namespace
}  // namespace rk
