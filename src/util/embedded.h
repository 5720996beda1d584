#pragma once
// Files compiled into the binary by cmake/Embed.cmake (knowledge base, web app).

#include <string_view>
#include <vector>

namespace rk {

struct EmbeddedFile {
  std::string_view name;  // path relative to the embedded root, e.g. "causes.yaml"
  std::string_view bytes;
};

const std::vector<EmbeddedFile>& embedded_files_knowledge();

}  // namespace rk
