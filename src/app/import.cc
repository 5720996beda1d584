#include "app/import.h"

namespace rk::app {

Expected<ImportReport> import_files(Database& db, UserId user,
                                    const std::vector<std::filesystem::path>& paths,
                                    const ImportOptions& options) {
  return import_paths(db, user, paths, options);
}

}  // namespace rk::app
