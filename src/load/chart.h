#pragma once
// Small charts as a list of shapes (a "scene") that renders to SVG text (chart_svg.cc, no
// dependencies, reused by the web server and the plans report) or to PNG through cairo
// (chart_png.cc). Coordinates are pixels, origin top left.

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "load/analysis.h"
#include "load/form.h"
#include "load/report.h"
#include "util/expected.h"

namespace rk {

struct Shape {
  enum class Kind { kRect, kLine, kPolyline, kCircle, kText };
  Kind kind = Kind::kLine;
  std::vector<std::pair<double, double>> points;  // rect: top-left and bottom-right
  double radius = 0;
  std::uint32_t fill = 0xFFFFFFFF;    // 0xRRGGBB; 0xFFFFFFFF = none
  std::uint32_t stroke = 0xFFFFFFFF;  // 0xRRGGBB; 0xFFFFFFFF = none
  double stroke_width = 1;
  bool dashed = false;
  std::string text;
  double font_size = 11;
  int anchor = 0;  // -1 start, 0 middle, 1 end
};

constexpr std::uint32_t kNoColor = 0xFFFFFFFF;

struct Scene {
  double width = 900;
  double height = 360;
  std::string title;
  std::vector<Shape> shapes;
};

/// Weekly running distance (bars; weeks with a flagged spike highlighted, with the run's
/// spike marked) and the EWMA acute:chronic ratio as a dashed context line.
/// Distances in `u` (the runner's units; the web and the report pass km unless told).
Scene load_chart(const LoadReport& rep, std::int64_t from_day, std::int64_t to_day,
                 const DistanceUnit& u = {});
/// Cadence and step length per run over time.
/// Step length in the unit's short unit (metres, or feet with miles).
Scene form_chart(const FormReport& rep, std::int64_t from_day, std::int64_t to_day,
                 const DistanceUnit& u = {});

std::string render_svg(const Scene& scene);
Expected<void> write_png(const Scene& scene, const std::filesystem::path& path);
/// .svg or .png by the file's extension.
Expected<void> write_chart(const Scene& scene, const std::filesystem::path& path);

}  // namespace rk
