// Turns the reader's message stream into activities, in three parts: the profile fields and
// compiled plans (fit_fields.h), the message handling (fit_builder.h) and building the
// activities (fit_activity.cc). Speed comes from three choices:
//   - each definition is compiled once into a plan: the handful of fields we use, with their
//     offset, base type, byte order and scale, so a data message is a short loop over the plan;
//   - values land in a fixed array of slots with a bit mask of what the definition carries, so
//     nothing is reset or allocated per message;
//   - record samples are appended straight to the file's stream columns, which a single-session
//     file then moves into its Activity without a copy.
#include "formats/fit/fit_decoder.h"

#include <utility>

#include "formats/fit/fit_builder.h"
#include "formats/fit/fit_reader.h"

namespace rk {
namespace fit {

Expected<FitDecoded> decode_fit_detailed(Bytes bytes, std::string_view name) {
  detail::Builder builder(bytes, name);
  auto scan = scan_fit(bytes, name, builder);
  if (!scan) return fail(scan.error());
  return builder.finish(std::move(*scan));
}

}  // namespace fit

Expected<Decoded> decode_fit(Bytes bytes, std::string_view name) {
  auto r = fit::decode_fit_detailed(bytes, name);
  if (!r) return fail(r.error());
  return std::move(r->decoded);
}

}  // namespace rk
