#pragma once
// The knowledge base as the tests see it: the copy compiled into the binary, or the files in
// the source tree's data/ (every data/*.yaml, the plan's thresholds in plan_rules.yaml included),
// for tests that must see an edit to data/ without a rebuild of the embedded copy.

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "util/file_io.h"

namespace rk::testing {

inline const KnowledgeBase& embedded_knowledge() {
  static const KnowledgeBase base = [] {
    auto loaded = KnowledgeBase::load_embedded();
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return std::move(*loaded);
  }();
  return base;
}

inline KnowledgeBase source_knowledge() {
  namespace fs = std::filesystem;
  std::vector<KnowledgeFile> files;
  for (const auto& e : fs::directory_iterator(fs::path(RUNKNEE_SOURCE_DIR) / "data")) {
    const auto name = e.path().filename().string();
    if (e.path().extension() != ".yaml") continue;
    files.push_back({name, *read_file_text(e.path())});
  }
  std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.name < b.name; });
  auto kb = KnowledgeBase::load_files(files);
  if (!kb) throw std::runtime_error(kb.error().message);
  return std::move(*kb);
}

}  // namespace rk::testing
