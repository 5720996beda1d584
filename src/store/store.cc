#include "store/store.h"

#include "store/schema.h"
#include "util/error.h"

namespace rk {

Expected<Store> Store::open(const std::filesystem::path& path) {
  auto db = Database::open(path);
  if (!db) return fail(db.error());
  for (const auto& ensure : schema_steps()) {
    if (auto r = ensure(*db); !r) return fail("{}: {}", path.string(), r.error().message);
  }
  return Store(std::move(*db));
}

}  // namespace rk
