#pragma once
// The SQLite engine (engine::Connection over sqlite3): the single-user store file.

#include <filesystem>
#include <memory>

#include "store/database.h"

namespace rk::engine {

/// Opens (creating when absent) the SQLite file at `path`; ":memory:" for tests. Writes nothing.
Expected<std::unique_ptr<Connection>> open_sqlite(const std::filesystem::path& path);

}  // namespace rk::engine
