// Damaged copies of corpus files: flipped bytes and truncation at many offsets. The decoder must
// neither crash nor hang, and must never return a clean result for damaged bytes.
#include <gtest/gtest.h>

#include <random>

#include "fit_test_util.h"
#include "formats/decode.h"

namespace rk {
namespace {

const char* const kFiles[] = {
    "Activity.fit",
    "activity-settings.fit",
    "compressed-speed-distance.fit",
    "DeveloperData.fit",
    "garmin-fenix-5-run.fit",
    "sample_mulitple_header.fit",
    "developer-types-sample.fit",
    "MonitoringFile.fit",
};

// Offsets to damage: every byte of the first 100, then an even spread of about 150 more.
std::vector<std::size_t> offsets(std::size_t size) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < std::min<std::size_t>(size, 100); ++i) out.push_back(i);
  const std::size_t step = std::max<std::size_t>(1, size / 150);
  for (std::size_t i = 100; i < size; i += step) out.push_back(i);
  return out;
}

void expect_damage_reported(const std::vector<std::uint8_t>& bytes, const std::string& what) {
  auto r = decode_fit(bytes, "damaged.fit");
  if (r) {
    EXPECT_FALSE(r->warnings.empty()) << what;
    for (const Activity& a : r->activities) {
      for (float t : a.streams.time_s) ASSERT_FALSE(std::isinf(t));
    }
  } else {
    EXPECT_EQ(r.error().message.rfind("damaged.fit: ", 0), 0U) << r.error().message;
  }
}

TEST(FitCorruption, TruncatedAnywhere) {
  for (const char* f : kFiles) {
    const auto bytes = fit_test::read_bytes(fit_test::corpus_fit(f));
    ASSERT_FALSE(bytes.empty()) << f;
    for (std::size_t cut : offsets(bytes.size())) {
      std::vector<std::uint8_t> b(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
      expect_damage_reported(b, std::string(f) + " cut at " + std::to_string(cut));
    }
  }
}

TEST(FitCorruption, FlippedBytes) {
  std::mt19937 rng(42);
  for (const char* f : kFiles) {
    const auto bytes = fit_test::read_bytes(fit_test::corpus_fit(f));
    for (std::size_t at : offsets(bytes.size())) {
      auto b = bytes;
      const auto flip = static_cast<std::uint8_t>(1U + rng() % 255U);
      b[at] ^= flip;
      expect_damage_reported(b, std::string(f) + " flipped at " + std::to_string(at));
    }
  }
}

TEST(FitCorruption, RandomGarbageAfterAValidHeader) {
  std::mt19937 rng(7);
  const auto good = fit_test::read_bytes(fit_test::corpus_fit("Activity.fit"));
  for (int round = 0; round < 300; ++round) {
    auto b = good;
    for (std::size_t i = 14; i < b.size(); ++i) {
      if (rng() % 8 == 0) b[i] = static_cast<std::uint8_t>(rng());
    }
    auto r = decode_fit(b, "garbage.fit");
    if (r) {
      EXPECT_FALSE(r->warnings.empty());
    }
  }
}

}  // namespace
}  // namespace rk
