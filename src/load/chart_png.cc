// PNG through cairo's image surface, drawing the same scene the SVG writer does.
#include <cairo.h>

#include <cmath>
#include <memory>

#include "load/chart.h"
#include "util/error.h"

namespace rk {
namespace {

void set_color(cairo_t* cr, std::uint32_t c) {
  cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                       (c & 0xFF) / 255.0);
}

void fill_and_stroke(cairo_t* cr, const Shape& s) {
  if (s.fill != kNoColor) {
    set_color(cr, s.fill);
    if (s.stroke != kNoColor)
      cairo_fill_preserve(cr);
    else
      cairo_fill(cr);
  }
  if (s.stroke != kNoColor) {
    set_color(cr, s.stroke);
    cairo_set_line_width(cr, s.stroke_width);
    const double dash[] = {5, 3};
    cairo_set_dash(cr, dash, s.dashed ? 2 : 0, 0);
    cairo_stroke(cr);
  }
  cairo_new_path(cr);
}

void draw_text(cairo_t* cr, const Shape& s) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, s.font_size);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, s.text.c_str(), &ext);
  const double shift = s.anchor < 0 ? 0 : s.anchor > 0 ? ext.x_advance : ext.x_advance / 2;
  cairo_move_to(cr, s.points[0].first - shift, s.points[0].second);
  set_color(cr, s.fill == kNoColor ? 0x333333 : s.fill);
  cairo_show_text(cr, s.text.c_str());
  cairo_new_path(cr);
}

void draw(cairo_t* cr, const Shape& s) {
  using K = Shape::Kind;
  switch (s.kind) {
    case K::kRect:
      cairo_rectangle(cr, s.points[0].first, s.points[0].second,
                      s.points[1].first - s.points[0].first,
                      s.points[1].second - s.points[0].second);
      break;
    case K::kLine:
    case K::kPolyline:
      for (std::size_t i = 0; i < s.points.size(); ++i)
        (i == 0 ? cairo_move_to : cairo_line_to)(cr, s.points[i].first, s.points[i].second);
      break;
    case K::kCircle:
      cairo_arc(cr, s.points[0].first, s.points[0].second, s.radius, 0, 2 * M_PI);
      break;
    case K::kText:
      draw_text(cr, s);
      return;
  }
  fill_and_stroke(cr, s);
}

}  // namespace

Expected<void> write_png(const Scene& scene, const std::filesystem::path& path) {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(scene.width),
                                 static_cast<int>(scene.height)),
      cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), cairo_destroy);
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  for (const Shape& s : scene.shapes) draw(cr.get(), s);
  cairo_surface_flush(surface.get());
  const cairo_status_t st = cairo_surface_write_to_png(surface.get(), path.c_str());
  if (st != CAIRO_STATUS_SUCCESS)
    return fail("{}: cannot write PNG: {}", path.string(), cairo_status_to_string(st));
  return {};
}

}  // namespace rk

#if defined(__SANITIZE_ADDRESS__)
// Cairo's text drawing loads fontconfig, which keeps process-wide caches it never frees; tell
// LeakSanitizer so that sanitizer runs of anything that draws a PNG stay meaningful.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig\nleak:libcairo\n";
}
#endif
