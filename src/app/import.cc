#include "app/import.h"

namespace rk::app {

Expected<ImportReport> import_files(Database& db, const std::vector<std::filesystem::path>& paths,
                                    const ImportOptions& options) {
  return import_paths(db, paths, options);
}

}  // namespace rk::app
