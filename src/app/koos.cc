#include "app/koos.h"

#include "store/koos_repo.h"
#include "util/error.h"

namespace rk::app {

Expected<KoosOutcome> score_and_save_koos(Database& db, UserId user,
                                          const plan::KoosStructure& structure,
                                          const plan::KoosAnswers& answers, std::int64_t now) {
  if (answers.empty()) return bad_input("answers", "answer at least one item");
  KoosOutcome out;
  out.score = plan::score_koos(structure, answers);
  auto id = KoosRepo(db).save(
      user, {0, now, nlohmann::json(answers).dump(), plan::to_json(out.score).dump()});
  if (!id) return fail(id.error());
  out.id = *id;
  return out;
}

}  // namespace rk::app
