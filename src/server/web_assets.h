#pragma once
// The built web app (web/dist), compiled in by rk_embed(rk_server web ...); a placeholder page
// when web/dist was absent at configure time.

#include <string_view>
#include <vector>

#include "util/embedded.h"

namespace rk {

const std::vector<EmbeddedFile>& embedded_files_web();

}  // namespace rk

namespace rk::server {

struct StaticFile {
  std::string_view bytes;
  std::string_view content_type;
};

/// The embedded file for a request path ("/" is index.html); nullptr when there is none.
const StaticFile* find_static(std::string_view path);

}  // namespace rk::server
