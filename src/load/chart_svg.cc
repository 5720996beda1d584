#include <fmt/format.h>

#include "load/chart.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/xml_escape.h"

namespace rk {
namespace {

std::string color(std::uint32_t c) {
  return c == kNoColor ? "none" : fmt::format("#{:06x}", c & 0xFFFFFF);
}

std::string paint(const Shape& s) {
  std::string out = fmt::format(R"( fill="{}" stroke="{}")", color(s.fill), color(s.stroke));
  if (s.stroke != kNoColor) out += fmt::format(R"( stroke-width="{:g}")", s.stroke_width);
  if (s.dashed) out += R"( stroke-dasharray="5 3")";
  return out;
}

std::string element(const Shape& s) {
  using K = Shape::Kind;
  switch (s.kind) {
    case K::kRect: {
      const auto [x0, y0] = s.points[0];
      const auto [x1, y1] = s.points[1];
      return fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"{}/>)", x0,
                         y0, x1 - x0, y1 - y0, paint(s));
    }
    case K::kLine:
      return fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"{}/>)",
                         s.points[0].first, s.points[0].second, s.points[1].first,
                         s.points[1].second, paint(s));
    case K::kPolyline: {
      std::string pts;
      for (const auto& [x, y] : s.points)
        pts += fmt::format("{}{:.1f},{:.1f}", pts.empty() ? "" : " ", x, y);
      return fmt::format(R"(<polyline points="{}"{}/>)", pts, paint(s));
    }
    case K::kCircle:
      return fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{:g}"{}/>)", s.points[0].first,
                         s.points[0].second, s.radius, paint(s));
    case K::kText: {
      const char* anchor = s.anchor < 0 ? "start" : s.anchor > 0 ? "end" : "middle";
      return fmt::format(
          R"(<text x="{:.1f}" y="{:.1f}" font-size="{:g}" text-anchor="{}" fill="{}">{}</text>)",
          s.points[0].first, s.points[0].second, s.font_size, anchor,
          color(s.fill == kNoColor ? 0x333333 : s.fill), xml_escape(s.text));
    }
  }
  return {};
}

}  // namespace

std::string render_svg(const Scene& scene) {
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:g}\" height=\"{1:g}\" "
      "viewBox=\"0 0 {0:g} {1:g}\" font-family=\"sans-serif\" role=\"img\">\n"
      "<title>{2}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
      scene.width, scene.height, xml_escape(scene.title));
  for (const Shape& s : scene.shapes) out += element(s) + "\n";
  out += "</svg>\n";
  return out;
}

Expected<void> write_chart(const Scene& scene, const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".png") return write_png(scene, path);
  if (ext != ".svg") return fail("{}: chart files end in .svg or .png", path.string());
  return write_file_atomic(path, render_svg(scene));
}

}  // namespace rk
