// Every FIT file of the shared corpus against its MANIFEST.tsv row, and session totals against
// Garmin's own decoder (tests/data/fit/garmin-peer-corpus.jsonl, see the README beside it).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fit_test_util.h"
#include "formats/decode.h"
#include "formats/fit/fit_decoder.h"
#include "util/time.h"

namespace rk {
namespace {

namespace fs = std::filesystem;

struct ManifestRow {
  std::string file;  // relative to the corpus root
  std::string notes;
};

std::vector<ManifestRow> fit_rows() {
  std::ifstream in(fs::path(RUNKNEE_CORPUS) / "MANIFEST.tsv");
  std::vector<ManifestRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
    if (cols.size() < 8) continue;
    std::string lower = cols[0];
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (lower.size() > 4 && lower.substr(lower.size() - 4) == ".fit")
      rows.push_back({cols[0], cols[7]});
  }
  return rows;
}

// "records=590" -> 590
std::optional<long> note_number(const std::string& notes, const std::string& key) {
  const auto at = notes.find(key + "=");
  if (at == std::string::npos) return std::nullopt;
  return std::stol(notes.substr(at + key.size() + 1));
}

std::string note_word(const std::string& notes, const std::string& key) {
  const auto at = notes.find(key + "=");
  if (at == std::string::npos) return {};
  const std::string rest = notes.substr(at + key.size() + 1);
  return rest.substr(0, rest.find_first_of(";/+ "));
}

bool any_warning_mentions(const Decoded& d, std::initializer_list<std::string_view> words) {
  for (const Diagnostic& w : d.warnings) {
    for (std::string_view word : words) {
      if (w.message.find(word) != std::string::npos) return true;
    }
  }
  return false;
}

TEST(FitCorpus, EveryFileDecodesOrIsRejectedAsTheManifestSays) {
  const auto rows = fit_rows();
  ASSERT_GE(rows.size(), 40U);
  for (const ManifestRow& row : rows) {
    SCOPED_TRACE(row.file);
    const auto bytes = fit_test::read_bytes(fs::path(RUNKNEE_CORPUS) / row.file);
    ASSERT_FALSE(bytes.empty());
    auto r = fit::decode_fit_detailed(bytes, row.file);
    if (row.notes.find("BROKEN ON PURPOSE") != std::string::npos) {
      // Policy (docs/fit-decoder.md): what decoded is kept, and the damage is named.
      if (!r) {
        EXPECT_NE(r.error().message.find("byte "), std::string::npos);
        continue;
      }
      ASSERT_FALSE(r->decoded.warnings.empty());
      EXPECT_NE(r->decoded.warnings[0].message.find(row.file + ": byte "), std::string::npos);
      if (row.notes.find("FitCRCError") != std::string::npos) {
        EXPECT_TRUE(any_warning_mentions(r->decoded, {"CRC"}));
      }
      if (row.notes.find("expects FitHeaderError") != std::string::npos) {
        EXPECT_TRUE(any_warning_mentions(r->decoded, {"header"}));
      }
      if (row.notes.find("expects FitEOFError") != std::string::npos) {
        EXPECT_TRUE(any_warning_mentions(r->decoded, {"truncated", "ends"}));
      }
      continue;
    }
    ASSERT_TRUE(r.has_value()) << r.error().message;
    const Decoded& d = r->decoded;
    // Clean files decode without a word; those another decoder stumbled on may carry warnings.
    if (row.notes.find("DECODE-ERROR") == std::string::npos) {
      EXPECT_TRUE(d.warnings.empty()) << d.warnings[0].message;
      if (auto n = note_number(row.notes, "records")) {
        EXPECT_EQ(static_cast<long>(r->records), *n);
      }
    }
    const std::string type = note_word(row.notes, "type");
    if (type == "activity" && r->records > 0) {
      ASSERT_FALSE(d.activities.empty());
      const std::string sport = note_word(row.notes, "sport");
      if (!sport.empty()) {
        EXPECT_EQ(d.activities[0].sport, sport);
      }
    }
    if (type == "settings" || type == "workout" || type == "weight" ||
        type.rfind("monitoring", 0) == 0) {
      EXPECT_TRUE(d.activities.empty());
    }
  }
}

// The peer's walk: each folder's entries sorted by name, folders recursed in place.
void peer_walk(const fs::path& p, std::vector<fs::path>& out) {
  if (fs::is_directory(p)) {
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(p)) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    for (const auto& e : entries) peer_walk(e, out);
    return;
  }
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  if (ext == ".fit") out.push_back(p);
}

std::string snake_case(const std::string& camel) {
  std::string s;
  for (char c : camel) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      s += '_';
      s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      s += c;
    }
  }
  return s;
}

TEST(FitCorpus, SessionTotalsAgreeWithGarminsDecoder) {
  std::vector<fs::path> files;
  peer_walk(fs::path(RUNKNEE_CORPUS) / "fit", files);
  std::ifstream in(fs::path(RUNKNEE_TESTDATA) / "fit" / "garmin-peer-corpus.jsonl");
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    if (j.contains("file")) lines.push_back(std::move(j));
  }
  ASSERT_EQ(lines.size(), files.size()) << "corpus changed: regenerate the golden file";
  int compared = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const nlohmann::json& g = lines[i];
    SCOPED_TRACE(files[i].string());
    ASSERT_EQ(g["file"].get<std::string>(), files[i].filename().string());
    if (g["sessions"].get<int>() == 0) continue;
    auto r = decode_fit(fit_test::read_bytes(files[i]), files[i].filename().string());
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_FALSE(r->activities.empty());
    const Activity& a = r->activities[0];
    EXPECT_EQ(a.sport, snake_case(g["sport"].get<std::string>()));
    auto start = parse_iso8601(g["start"].get<std::string>());
    ASSERT_TRUE(start.has_value());
    EXPECT_EQ(a.start_utc, *start);
    EXPECT_NEAR(a.elapsed_s, g["elapsed_s"].get<double>(), 1e-3);
    EXPECT_NEAR(a.moving_s, g["timer_s"].get<double>(), 1e-3);
    if (!g["distance_m"].is_null()) {
      EXPECT_NEAR(a.distance_m, g["distance_m"].get<double>(), 1e-3);
    }
    if (g["ok"].get<bool>()) {
      EXPECT_EQ(a.streams.size() > 0, g["records"].get<int>() > 0);
    }
    ++compared;
  }
  EXPECT_GE(compared, 30);
}

}  // namespace
}  // namespace rk
