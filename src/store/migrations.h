#pragma once
// The store's layout as a chain of migrations. Migration N takes a store of layout N-1 to layout
// N; a fresh store runs them all, an older store runs the ones it lacks, in one transaction
// (Store::open), so a fresh store and a migrated one end in the same layout. The layout number
// is SQLite's PRAGMA user_version. Add a layout: append one Migration and raise kSchemaVersion
// (store.h); never edit a migration that has shipped.

#include <vector>

#include "store/database.h"

namespace rk {

struct Migration {
  int to_version;      // the layout this step produces (1, 2, ...)
  const char* what;    // one line for error messages
  Expected<void> (*apply)(Database&);
};

/// In order; migrations()[i].to_version == i + 1.
const std::vector<Migration>& migrations();

/// Runs, inside the caller's transaction, every migration after layout `from` up to `to`.
Expected<void> migrate(Database& db, int from, int to);

}  // namespace rk
