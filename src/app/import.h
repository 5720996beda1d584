#pragma once
// Use case: import activity files, folders and archives into the store. `runknee import PATH...`
// and `POST /api/v1/imports` (an upload saved to server-named files) both call this; the
// pipeline itself (decode in parallel, de-duplicate, one transaction per activity) is
// ingest/importer.h.

#include <filesystem>
#include <vector>

#include "ingest/importer.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::app {

/// Imports every file under `paths`; per-file problems are in the report, not errors.
Expected<ImportReport> import_files(Database& db, UserId user,
                                    const std::vector<std::filesystem::path>& paths,
                                    const ImportOptions& options = {});

}  // namespace rk::app
