#pragma once
// Binary packing for stored activities: streams (compressed, column by column) and laps.
// Internal to the store; ActivityRepo::pack_streams/unpack_streams are the public face.

#include <cstdint>
#include <span>
#include <vector>

#include "model/activity.h"
#include "util/expected.h"

namespace rk::codec {

std::vector<std::uint8_t> pack_streams(const Streams& s);
Expected<Streams> unpack_streams(std::span<const std::uint8_t> blob);

std::vector<std::uint8_t> pack_laps(const std::vector<Lap>& laps);
Expected<std::vector<Lap>> unpack_laps(std::span<const std::uint8_t> blob);

}  // namespace rk::codec
