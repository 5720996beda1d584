#pragma once
// What `runknee inspect FILE` shows: each header, each message definition as it appears
// (redefinitions included), message counts, and header/file CRCs stored vs computed.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/activity.h"
#include "formats/decode.h"
#include "formats/fit/fit_reader.h"
#include "util/expected.h"

namespace rk::fit {

struct InspectedDefinition {
  std::size_t file = 0;  // index into Inspection::files
  std::size_t offset = 0;
  std::uint8_t local = 0;
  bool big_endian = false;
  std::uint16_t global = 0;
  std::uint32_t data_size = 0;
  std::vector<FieldDef> fields;
  std::vector<DevFieldDef> dev_fields;
};

struct Inspection {
  std::vector<FileHeader> files;
  std::vector<InspectedDefinition> definitions;
  std::vector<std::map<std::uint16_t, std::size_t>> counts;  // per file: global -> messages
  std::vector<Diagnostic> warnings;
  std::size_t messages = 0;
};

Expected<Inspection> inspect_fit(Bytes bytes, std::string_view name);
std::string format_inspection(const Inspection& inspection, std::string_view name);

}  // namespace rk::fit
