// `runknee load` and `runknee form`: thin wrappers over src/load (signals, tables, charts).

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/knowledge_access.h"
#include "load/analysis.h"
#include "model/calendar.h"
#include "load/chart.h"
#include "load/fitness.h"
#include "load/form.h"
#include "load/report.h"
#include "load/thresholds_kb.h"
#include "plan/settings.h"
#include "store/activity_repo.h"
#include "util/time.h"

namespace rk::cli {
namespace {

struct LoadArgs {
  std::string from, to, format = "text", chart;
  bool runs = false, all = false, fitness = false;
  std::string basis = "distance";
  double hr_rest = 0, hr_max = 0, height_cm = 0;
  bool female = false;
};

/// The day range for --from/--to; a chart without --from shows the last 26 weeks.
std::optional<DayRange> parse_range(const LoadArgs& a, std::int64_t today, Context& ctx) {
  DayRange r;
  for (auto [text, name, out] :
       {std::tuple{&a.from, "--from", &r.from_day}, std::tuple{&a.to, "--to", &r.to_day}}) {
    if (text->empty()) continue;
    const auto t = parse_iso8601(*text);
    if (!t || text->size() != 10) {
      print_error(fmt::format("{}: expected a date like 2026-11-17, got '{}'", name, *text));
      ctx.exit_code = kBadInput;
      return std::nullopt;
    }
    *out = *t / 86400;
  }
  if (a.from.empty() && !a.chart.empty()) r.from_day = today - 26 * 7 + 1;
  if (r.to_day == INT64_MAX && !a.chart.empty()) r.to_day = today;
  return r;
}

// The runner's distance unit for text and CSV (distance, pace); JSON stays SI. Nothing after a
// settings file that cannot be read: the error is printed and the exit code set.
std::optional<DistanceUnit> runner_unit(Context& ctx) {
  auto settings = plan::load_settings();
  if (!settings) {
    print_error(settings.error().message);
    ctx.exit_code = kFailed;
    return std::nullopt;
  }
  return settings->units == plan::Units::kMi ? miles_unit() : DistanceUnit{};
}

std::optional<std::vector<Activity>> load_activities(Context& ctx, bool with_streams) {
  auto store = ctx.store();
  if (!store) {
    ctx.exit_code = report_error(store.error());
    return std::nullopt;
  }
  ActivityQuery q;
  q.with_streams = with_streams;
  auto list = ActivityRepo((*store)->db()).list((*store)->local_user(), q);
  if (!list) {
    ctx.exit_code = report_error(list.error());
    return std::nullopt;
  }
  std::vector<Activity> acts;
  acts.reserve(list->size());
  for (auto& s : *list) acts.push_back(std::move(s.activity));
  return acts;
}

bool write_chart_file(const Scene& scene, const std::string& path, Context& ctx) {
  if (auto ok = write_chart(scene, path); !ok) {
    print_error(ok.error().message);
    ctx.exit_code = path.ends_with(".svg") || path.ends_with(".png") ? kFailed : kBadInput;
    return false;
  }
  fmt::print("wrote {}\n", path);
  return true;
}

void print_json(const nlohmann::json& j) {
  fmt::print("{}\n", j.dump(2));
}

// Empty store: say what would fill the page rather than print bare headers (issue 12).
constexpr const char* kNoRunsLoad =
    "No runs stored yet, so there is no training load to show.\n"
    "Import them with `runknee import PATH`: a watch's GARMIN/Activity folder, a Garmin Connect "
    "or Strava export, GPX/TCX/FIT files or a CSV log (`runknee` alone shows where they come "
    "from).\n"
    "Then this shows each week's distance and time, single runs against your longest of the "
    "previous {:g} days, and the week-to-week change.\n";  // spike.window_days
constexpr const char* kNoRunsForm =
    "No runs stored yet, so there is no running form to compare.\n"
    "Import them with `runknee import PATH` (watch FIT files record cadence; GPX from a phone "
    "often does not).\n"
    "Then this compares your recent cadence and step length with your own baseline at matched "
    "pace, and shows how much of your running is downhill.\n";

/// Fitness, fatigue and form (the web's load page view); the averages run over the whole
/// history, the range only selects the days shown. JSON as GET /api/v1/load/fitness (km).
void print_fitness(const LoadArgs& a, const LoadReport& rep, const DayRange& range,
                   const DistanceUnit& unit, const LoadThresholds& t, Context& ctx) {
  if (a.format == "csv") {
    print_error("--format: --fitness prints text or json");
    ctx.exit_code = kBadInput;
    return;
  }
  const FitnessOptions o{t.fitness_days, t.fatigue_days,
                         a.basis == "time" ? FitnessBasis::kTime : FitnessBasis::kDistance};
  const auto series = fitness_series(rep.days, o);
  if (a.format == "json") return print_json(fitness_json(series, range, o));
  fmt::print("{}", fitness_text(series, range, o, unit));
}

void run_load(const LoadArgs& a, Context& ctx) {
  const KnowledgeBase* kb = knowledge(ctx);
  if (!kb) return;
  auto acts = load_activities(ctx, false);
  if (!acts) return;
  HeartRateProfile hr;
  if (a.hr_rest > 0) hr.rest_hr = a.hr_rest;
  if (a.hr_max > 0) hr.max_hr = a.hr_max;
  hr.female = a.female;
  if (acts->empty() && a.format == "text" && a.chart.empty()) {
    fmt::print(fmt::runtime(kNoRunsLoad), load_thresholds(*kb).spike_window_days);
    return;
  }
  const auto unit_setting = runner_unit(ctx);
  if (!unit_setting) return;
  const DistanceUnit unit = *unit_setting;
  const LoadReport rep = analyze_load(*acts, now_utc(), load_thresholds(*kb), hr);
  auto range = parse_range(a, rep.today, ctx);
  if (!range) return;
  // Without --from/--to/--all: the runner's last 12 weeks of data (not of the calendar).
  const bool recent = !a.all && a.from.empty() && a.to.empty();
  if (recent) range = default_range(rep, 12);
  if (a.all) range = DayRange{rep.first_day, rep.today};
  if (recent && a.format == "text" && a.chart.empty() && !rep.days.empty()) {
    fmt::print("{} to {}: the last 12 weeks of your data (--all or --from/--to for more)\n\n",
               day_label(range->from_day), day_label(range->to_day));
  }
  if (!a.chart.empty()) {
    write_chart_file(load_chart(rep, range->from_day, range->to_day, unit), a.chart, ctx);
    return;
  }
  if (a.fitness) return print_fitness(a, rep, *range, unit, load_thresholds(*kb), ctx);
  if (a.runs) {
    if (a.format == "json")
      print_json(runs_json(rep, *range));
    else
      fmt::print("{}", a.format == "csv" ? runs_csv(rep, *range, unit)
                                         : runs_text(rep, *range, unit));
    return;
  }
  if (a.format == "json")
    print_json(load_json(rep, *range));
  else
    fmt::print("{}", a.format == "csv" ? load_csv(rep, *range, unit)
                                       : load_text(rep, *range, unit));
}

void run_form(const LoadArgs& a, Context& ctx) {
  const KnowledgeBase* kb = knowledge(ctx);
  if (!kb) return;
  auto acts = load_activities(ctx, true);
  if (!acts) return;
  if (acts->empty() && a.format == "text" && a.chart.empty()) {
    fmt::print("{}", kNoRunsForm);
    return;
  }
  FormOptions o;
  if (a.height_cm > 0) o.height_m = a.height_cm / 100;
  const std::int64_t now = now_utc();
  const FormReport rep = analyze_form(*acts, now, load_thresholds(*kb), o);
  const auto range = parse_range(a, day_of(now, latest_offset(*acts)), ctx);
  if (!range) return;
  const auto unit_setting = runner_unit(ctx);
  if (!unit_setting) return;
  const DistanceUnit unit = *unit_setting;
  if (!a.chart.empty()) {
    write_chart_file(form_chart(rep, range->from_day, range->to_day, unit), a.chart, ctx);
    return;
  }
  if (a.format == "json")
    print_json(form_json(rep, *range));
  else
    fmt::print("{}", a.format == "csv" ? form_csv(rep, *range, unit) : form_text(rep, *range, unit));
}

void add_common(CLI::App* cmd, LoadArgs& a) {
  cmd->add_option("--from", a.from, "first day shown (YYYY-MM-DD); signals still use all history");
  cmd->add_option("--to", a.to, "last day shown (YYYY-MM-DD)");
  cmd->add_option("--format", a.format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("--chart", a.chart, "write a chart to FILE.svg or FILE.png instead");
}

}  // namespace

void add_load_commands(CLI::App& app, Context& ctx) {
  auto load_args = std::make_shared<LoadArgs>();
  auto* load = app.add_subcommand(
      "load", "Training load: per-day and per-week table, single-run spikes, weekly change");
  add_common(load, *load_args);
  load->add_flag("--all", load_args->all, "the whole history (default: the last 12 weeks of data)")
      ->excludes(load->get_option("--from"))
      ->excludes(load->get_option("--to"));
  load->add_flag("--runs", load_args->runs,
                 "every run against the longest run of the previous 30 days");
  load->add_flag("--fitness", load_args->fitness,
                 "fitness, fatigue and form (long and short averages of daily running): a "
                 "training view, not an injury predictor")
      ->excludes(load->get_option("--runs"))
      ->excludes(load->get_option("--chart"));
  load->add_option("--basis", load_args->basis, "what --fitness averages: distance or time")
      ->check(CLI::IsMember({"distance", "time"}))
      ->needs(load->get_option("--fitness"));
  load->add_option("--hr-rest", load_args->hr_rest, "resting heart rate for TRIMP (default 60)");
  load->add_option("--hr-max", load_args->hr_max, "maximum heart rate for TRIMP (default 190)");
  load->add_flag("--female", load_args->female, "Banister's women's TRIMP coefficients");
  load->callback([load_args, &ctx] { run_load(*load_args, ctx); });

  auto form_args = std::make_shared<LoadArgs>();
  auto* form = app.add_subcommand(
      "form", "Running form: cadence and step length against your own baseline at matched pace");
  add_common(form, *form_args);
  form->add_option("--height-cm", form_args->height_cm, "your height, for step length / height");
  form->callback([form_args, &ctx] { run_form(*form_args, ctx); });
}

}  // namespace rk::cli
