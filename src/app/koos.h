#pragma once
// Use case: score a KOOS questionnaire and save answers and scores. `runknee koos` and
// `POST /api/v1/koos` read the answers (a file, prompts, a request body) and render the score.

#include <cstdint>

#include "plan/koos.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::app {

struct KoosOutcome {
  std::int64_t id = 0;
  plan::KoosScore score;
};

/// Scores `answers` and saves them with the scores. No answer at all is bad input (`answers`).
Expected<KoosOutcome> score_and_save_koos(Database& db, UserId user,
                                          const plan::KoosStructure& structure,
                                          const plan::KoosAnswers& answers, std::int64_t now_utc);

}  // namespace rk::app
