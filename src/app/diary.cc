#include "app/diary.h"

namespace rk::app {

Expected<DiaryLogResult> log_diary(Database& db, UserId user, const DiaryUpdate& update,
                                   std::int64_t now, const KnowledgeBase& kb) {
  return plan::log_diary(db, user, update, now, kb);
}

}  // namespace rk::app
