// `runknee import`, `activities`, `show` and `decode`: thin wrappers over src/ingest and the
// decoders.

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include "app/import.h"
#include "cli/commands.h"
#include "plan/settings.h"
#include "formats/decode.h"
#include "ingest/activity_format.h"
#include "ingest/importer.h"
#include "load/splits.h"
#include "store/activity_name_repo.h"
#include "store/activity_repo.h"
#include "util/file_io.h"
#include "util/time.h"

namespace rk::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_sigint(int) {
  g_interrupted.store(true);
}

/// Ctrl-C stops the import cleanly (finished activities stay stored, nothing half-written);
/// the previous handler comes back afterwards.
class SigintGuard {
 public:
  SigintGuard() {
    g_interrupted.store(false);
    previous_ = std::signal(SIGINT, on_sigint);
  }
  ~SigintGuard() { std::signal(SIGINT, previous_); }
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  void (*previous_)(int) = SIG_DFL;
};

struct ImportArgs {
  std::vector<std::string> paths;
  int jobs = 0;
  bool verbose = false;
  bool no_progress = false;
};

void run_import(const ImportArgs& args, Context& ctx) {
  auto store = ctx.store();
  if (!store) {
    ctx.exit_code = report_error(store.error());
    return;
  }
  ImportOptions options;
  options.jobs = args.jobs > 0
                     ? args.jobs
                     : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.progress = !args.no_progress && isatty(STDERR_FILENO);
  options.cancel = &g_interrupted;
  std::vector<std::filesystem::path> paths(args.paths.begin(), args.paths.end());
  SigintGuard guard;
  auto report = app::import_files((*store)->db(), (*store)->local_user(), paths, options);
  if (!report) {
    ctx.exit_code = report_error(report.error());
    return;
  }
  fmt::print("{}", format_report(*report, args.verbose));
  ctx.exit_code = report->ok() ? kOk : kFailed;
}

struct ListArgs {
  std::string since, until, format = "text";
};

std::optional<std::int64_t> parse_date_arg(const std::string& text, const char* what,
                                           Context& ctx) {
  if (text.empty()) return std::nullopt;
  auto t = parse_iso8601(text);
  if (!t) {
    print_error(fmt::format("{} '{}': expected a date like 2024-05-01", what, text));
    ctx.exit_code = kBadInput;
  }
  return t;
}

void run_activities(const ListArgs& args, Context& ctx) {
  ActivityQuery q;
  q.since_utc = parse_date_arg(args.since, "--since", ctx);
  q.until_utc = parse_date_arg(args.until, "--until", ctx);
  // A bare day means the whole day: the query's upper bound is exclusive.
  if (q.until_utc && args.until.size() == 10) *q.until_utc += 86400;
  if (ctx.exit_code != kOk) return;
  auto store = ctx.store();
  if (!store) {
    ctx.exit_code = report_error(store.error());
    return;
  }
  // Renamed activities (a few, in memory); the activities themselves stream below.
  auto names = ActivityNameRepo((*store)->db()).all((*store)->local_user());
  if (!names) {
    ctx.exit_code = report_error(names.error());
    return;
  }
  bool miles = false;
  if (args.format != "json") {  // text and CSV in the runner's units; JSON stays SI
    auto settings = plan::load_settings();
    if (!settings) {
      print_error(settings.error().message);
      ctx.exit_code = kFailed;
      return;
    }
    miles = settings->units == plan::Units::kMi;
  }
  // Streamed row by row: a store of a million activities lists in constant memory.
  std::size_t count = 0;
  auto print_row = [&](StoredActivity&& s) {
    if (args.format == "json") {
      nlohmann::json j = summary_json(s.activity, s.id);
      const auto named = names->find(s.id);
      j["name"] = named != names->end() ? named->second : default_activity_name(s.activity);
      fmt::print("{}{}", count == 0 ? "[\n" : ",\n", j.dump());
    } else if (args.format == "csv") {
      fmt::print("{}", activity_csv_row(s, miles));
    } else {
      const auto named = names->find(s.id);  // the runner's own name ends the row
      fmt::print("{}", activity_text_row(s, miles, named != names->end() ? named->second : ""));
    }
    ++count;
  };
  if (args.format == "csv") fmt::print("{}", activities_csv_header(miles));
  if (args.format == "text") fmt::print("{}", activities_text_header(miles));
  auto listed = ActivityRepo((*store)->db()).for_each((*store)->local_user(), q, print_row);
  if (!listed) {
    std::fflush(stdout);
    ctx.exit_code = report_error(listed.error());
    return;
  }
  if (args.format == "json") fmt::print("{}", count == 0 ? "[]\n" : "\n]\n");
  if (args.format == "text") fmt::print("{}", activities_text_footer(count));
}

struct ShowArgs {
  std::int64_t id = 0;
  std::string format = "text";
};

void run_show(const ShowArgs& args, Context& ctx) {
  auto store = ctx.store();
  if (!store) {
    ctx.exit_code = report_error(store.error());
    return;
  }
  auto found = ActivityRepo((*store)->db()).find((*store)->local_user(), args.id, false);
  if (!found) {
    ctx.exit_code = report_error(found.error());
    return;
  }
  if (!*found) {
    print_error(fmt::format("no activity with id {} (see `runknee activities`)", args.id));
    ctx.exit_code = kBadInput;
    return;
  }
  const StoredActivity& s = **found;
  auto own = ActivityNameRepo((*store)->db()).find((*store)->local_user(), s.id);
  if (!own) {
    print_error(own.error().message);
    ctx.exit_code = kFailed;
    return;
  }
  const std::string name = *own ? **own : default_activity_name(s.activity);
  if (args.format == "json") {
    nlohmann::json j = summary_json(s.activity, s.id);
    j["name"] = name;
    j["laps"] = laps_json(s.activity.laps);
    fmt::print("{}\n", j.dump(2));
  } else {
    auto settings = plan::load_settings();
    if (!settings) {
      print_error(settings.error().message);
      ctx.exit_code = kFailed;
      return;
    }
    fmt::print("{}\n{}", name, activity_detail_text(s, settings->units == plan::Units::kMi));
  }
}

struct RenameArgs {
  std::int64_t id = 0;
  std::string name;
};

/// `runknee rename ID NAME`: the runner's own name for a stored activity ("" goes back to the
/// name from its file). Exit 2 and nothing stored on a bad name or an unknown id.
void run_rename(const RenameArgs& args, Context& ctx) {
  auto name = clean_activity_name(args.name);
  if (!name) {
    print_error(name.error().message);
    ctx.exit_code = kBadInput;
    return;
  }
  auto store = ctx.store();
  if (!store) {
    print_error(store.error().message);
    ctx.exit_code = kFailed;
    return;
  }
  auto stored = ActivityNameRepo((*store)->db()).set((*store)->local_user(), args.id, *name);
  if (!stored) {
    print_error(stored.error().message);
    ctx.exit_code = kFailed;
    return;
  }
  if (!*stored) {
    print_error(fmt::format("no activity with id {} (see `runknee activities`)", args.id));
    ctx.exit_code = kBadInput;
    return;
  }
  if (name->empty())
    fmt::print("Activity {} has the name from its file again.\n", args.id);
  else
    fmt::print("Activity {} is now called \"{}\".\n", args.id, *name);
}

struct DecodeArgs {
  std::string file;
  std::string format = "json";
  bool records = false;
};

void run_decode(const DecodeArgs& args, Context& ctx) {
  auto bytes = read_file_bytes(args.file);
  if (!bytes) {
    print_error(bytes.error().message);
    ctx.exit_code = kBadInput;
    return;
  }
  auto decoded = decode_any(*bytes, args.file);
  if (!decoded) {
    ctx.exit_code = report_error(decoded.error());
    return;
  }
  fmt::print("{}\n", decoded_json(*decoded, args.file, args.records).dump(2));
  for (const auto& w : decoded->warnings) fmt::print(stderr, "warning: {}\n", w.message);
}

}  // namespace

void add_import_commands(CLI::App& app, Context& ctx) {
  auto import_args = std::make_shared<ImportArgs>();
  auto* imp = app.add_subcommand(
      "import", "Import activity files, folders (recursively) and Strava/Garmin export archives");
  imp->add_option("paths", import_args->paths, "Files, folders or .zip exports")->required();
  imp->add_option("-j,--jobs", import_args->jobs, "Decoding threads (default: all cores)");
  imp->add_flag("-v,--verbose", import_args->verbose, "List every duplicate and skipped file");
  imp->add_flag("--no-progress", import_args->no_progress, "Never draw the progress bar");
  imp->callback([import_args, &ctx] { run_import(*import_args, ctx); });

  auto list_args = std::make_shared<ListArgs>();
  auto* act = app.add_subcommand("activities", "List stored activities, oldest first");
  act->add_option("--since", list_args->since, "First day (YYYY-MM-DD, inclusive)");
  act->add_option("--until", list_args->until, "Last day (YYYY-MM-DD, inclusive)");
  act->add_option("--format", list_args->format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  act->callback([list_args, &ctx] { run_activities(*list_args, ctx); });

  auto show_args = std::make_shared<ShowArgs>();
  auto* show = app.add_subcommand("show", "Show one stored activity with its laps");
  show->add_option("id", show_args->id, "Activity id (from `runknee activities`)")->required();
  show->add_option("--format", show_args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  show->callback([show_args, &ctx] { run_show(*show_args, ctx); });

  auto rename_args = std::make_shared<RenameArgs>();
  auto* rename = app.add_subcommand("rename", "Give a stored activity your own name");
  rename->add_option("id", rename_args->id, "Activity id (from `runknee activities`)")->required();
  rename->add_option("name", rename_args->name,
                     fmt::format("The name (at most {} characters; \"\" for the file's name)",
                                 kActivityNameMaxChars))
      ->required();
  rename->callback([rename_args, &ctx] { run_rename(*rename_args, ctx); });

  auto decode_args = std::make_shared<DecodeArgs>();
  auto* dec = app.add_subcommand(
      "decode", "Decode a FIT, GPX, TCX, CSV log or export archive without storing it");
  dec->add_option("file", decode_args->file, "The file")->required();
  dec->add_option("--format", decode_args->format, "json")->check(CLI::IsMember({"json"}));
  dec->add_flag("--records", decode_args->records, "Include every sample of the streams");
  dec->callback([decode_args, &ctx] { run_decode(*decode_args, ctx); });
}

}  // namespace rk::cli
