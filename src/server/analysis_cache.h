#pragma once
// The load, form and training-summary views of the history (app/training.h), computed once per
// store revision and day and shared by the load endpoints and the assessment.

#include <memory>
#include <mutex>

#include "app/training.h"
#include "server/api.h"

namespace rk::server {

class State;

/// The use case's views of the history (app/training.h), shared by the load endpoints and the
/// assessment.
using Analysis = app::TrainingViews;

/// One Analysis per (revision, day); recomputed lazily after an import or at midnight UTC.
class AnalysisCache {
 public:
  explicit AnalysisCache(State& s) : s_(s) {}

  Checked<std::shared_ptr<const Analysis>> get();

 private:
  State& s_;
  std::mutex mu_;
  std::shared_ptr<const Analysis> current_;
  std::uint64_t rev_ = 0;
  std::int64_t day_ = 0;
};

}  // namespace rk::server
