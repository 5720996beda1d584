#include "cli/context.h"

#include <fmt/format.h>

#include "util/error.h"

namespace rk::cli {

Expected<Store*> Context::store() {
  if (!store_) {
    auto opened = Store::open(db_path);
    if (!opened) return fail(opened.error());
    store_ = std::make_unique<Store>(std::move(*opened));
  }
  return store_.get();
}

void print_error(std::string_view message) { fmt::print(stderr, "runknee: error: {}\n", message); }

}  // namespace rk::cli
