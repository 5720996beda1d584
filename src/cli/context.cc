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

int exit_code_for(ErrorKind kind) { return kind == ErrorKind::kBadInput ? kBadInput : kFailed; }

int report_error(const Error& e, FieldNames names) {
  if (e.field.empty()) {
    print_error(e.message);
  } else {
    print_error(std::string(names ? names(e.field) : e.field).append(": ").append(e.message));
  }
  return exit_code_for(e.kind);
}

}  // namespace rk::cli
