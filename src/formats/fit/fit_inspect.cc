#include "formats/fit/fit_inspect.h"

#include <fmt/format.h>

#include "formats/fit/fit_profile.h"

namespace rk::fit {
namespace {

class Inspector {
 public:
  explicit Inspector(Inspection& out) : out_(out) {}
  void on_header(const FileHeader& h) {
    out_.files.push_back(h);
    out_.counts.emplace_back();
  }
  void on_file_end(const FileHeader& h) { out_.files.back() = h; }
  void on_definition(const Definition& d) {
    InspectedDefinition def;
    def.file = out_.files.size() - 1;
    def.offset = d.offset;
    def.local = d.local;
    def.big_endian = d.big_endian;
    def.global = d.global;
    def.data_size = d.data_size;
    def.fields.assign(d.fields.begin(), d.fields.begin() + d.num_fields);
    def.dev_fields.assign(d.dev_fields.begin(), d.dev_fields.begin() + d.num_dev_fields);
    out_.definitions.push_back(std::move(def));
  }
  void on_message(const Definition& d, const std::uint8_t*, std::uint32_t, bool) {
    ++out_.counts.back()[d.global];
  }

 private:
  Inspection& out_;
};

std::string crc_line(std::string_view what, std::uint16_t stored, std::uint16_t computed) {
  return fmt::format("  {}: stored 0x{:04X}, computed 0x{:04X} ({})\n", what, stored, computed,
                     stored == computed ? "ok" : "MISMATCH");
}

}  // namespace

Expected<Inspection> inspect_fit(Bytes bytes, std::string_view name) {
  Inspection out;
  Inspector inspector(out);
  auto scan = scan_fit(bytes, name, inspector);
  if (!scan) return fail(scan.error());
  out.warnings = std::move(scan->warnings);
  out.messages = scan->messages;
  return out;
}

std::string format_inspection(const Inspection& in, std::string_view name) {
  std::string s =
      fmt::format("{}: {} FIT file{}, {} data messages, {} definitions\n", name, in.files.size(),
                  in.files.size() == 1 ? "" : "s (chained)", in.messages, in.definitions.size());
  std::size_t next_def = 0;
  for (std::size_t i = 0; i < in.files.size(); ++i) {
    const FileHeader& h = in.files[i];
    // Profile versions count in hundredths up to 21.99 and in thousandths after (21.217).
    const unsigned profile_scale = h.profile_version > 9999 ? 1000 : 100;
    s += fmt::format(
        "\nfile {} at byte {}: header {} bytes, protocol 0x{:02X}, profile {}.{:0{}}, data {} "
        "bytes\n",
        i + 1, h.offset, h.size, h.protocol_version, h.profile_version / profile_scale,
        h.profile_version % profile_scale, profile_scale == 1000 ? 3 : 2, h.data_size);
    if (h.size >= 14) {
      s += h.has_header_crc ? crc_line("header CRC", h.header_crc_stored, h.header_crc_computed)
                            : "  header CRC: not set (0x0000)\n";
    }
    s += h.has_file_crc ? crc_line("file CRC", h.file_crc_stored, h.file_crc_computed)
                        : "  file CRC: missing (file ends early)\n";
    for (; next_def < in.definitions.size() && in.definitions[next_def].file == i; ++next_def) {
      const InspectedDefinition& d = in.definitions[next_def];
      s += fmt::format("  definition at byte {}: local {} -> global {} {}, {}, {} bytes\n",
                       d.offset, d.local, d.global, message_name(d.global),
                       d.big_endian ? "big-endian" : "little-endian", d.data_size);
      for (const FieldDef& f : d.fields) {
        s += fmt::format("    field {:3} {:<28} {:3} bytes {}\n", f.num,
                         field_name(d.global, f.num), f.size, base_type_info(f.base_type).name);
      }
      for (const DevFieldDef& f : d.dev_fields) {
        s += fmt::format("    developer field {} (developer {}): {} bytes\n", f.num, f.dev_index,
                         f.size);
      }
    }
    s += "  messages:";
    for (const auto& [global, n] : in.counts[i]) {
      s += fmt::format(" {} {}", message_name(global), n);
    }
    s += "\n";
  }
  if (!in.warnings.empty()) {
    s += "\nwarnings:\n";
    for (const Diagnostic& w : in.warnings) s += "  " + w.message + "\n";
  }
  return s;
}

}  // namespace rk::fit
