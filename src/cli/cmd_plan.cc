// Plans: `log`, `diary`, `koos`, `plan`, `today`, `report`. Thin: the use cases (src/app) do the
// work; this file reads options, asks the user, renders and writes files.

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "app/diary.h"
#include "app/exercise.h"
#include "app/koos.h"
#include "app/plan.h"
#include "cli/commands.h"
#include "cli/knowledge_access.h"
#include "plan/format.h"
#include "plan/ics.h"
#include "plan/report.h"
#include "plan/report_data.h"
#include "plan/session.h"
#include "plan/settings.h"
#include "plan/welcome.h"
#include "util/dose_format.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/json_limits.h"
#include "util/time.h"

namespace rk::cli {
namespace {

/// The plan for `weeks` weeks and today's view (the use case), in the runner's units.
Expected<app::PlanView> open_plan(Context& ctx, int weeks) {
  const KnowledgeBase* kb = knowledge(ctx);  // the plan's figures (--knowledge DIR)
  if (!kb) return fail_as(ErrorKind::kBadInput, "the plan needs a valid knowledge base");
  auto store = ctx.store();
  if (!store) return fail(store.error());
  auto settings = plan::load_settings();
  if (!settings) return fail(settings.error());
  return app::plan_view(*kb, (*store)->db(), (*store)->local_user(), now_utc(), weeks,
                        settings->units == plan::Units::kMi);
}

/// Calendar sessions at the runner's time of day (`config set time HH:MM`, default 07:00).
plan::IcsOptions ics_options() {
  plan::IcsOptions o;
  auto s = plan::load_settings();  // open_plan has already reported a broken file
  o.minute_of_day = s ? s->session_minute : 7 * 60;
  if (s) o.units = s->units;
  if (s) o.check_in_minute = s->check_in_minute;
  return o;
}

plan::Units units_of(const app::PlanView& v) {
  return v.session.inputs.miles ? plan::Units::kMi : plan::Units::kKm;
}

Expected<void> write_output(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    fmt::print("{}", text);
    return {};
  }
  return write_file_atomic(path, text);
}

// --- log ----------------------------------------------------------------------------------

struct LogOptions {
  std::string date;
  std::optional<int> during, after, morning, stiffness;
  std::vector<std::string> where;
  bool swelling = false, catching = false, locking = false, giving_way = false, fell = false,
       injury = false, night_pain = false, no_weight = false, hot_red = false, fever = false,
       calf_swelling = false, numbness = false, ran = false;
  std::string walk_ok, hop_ok, notes;
  bool interactive = false;
  // An exercise ticked off (`--exercise ID --sets N [--reps N | --hold S] [--pain N]`).
  std::string exercise;
  std::optional<int> sets, reps, hold, pain;
};

std::optional<int> ask_int(const std::string& prompt) {
  fmt::print("{}: ", prompt);
  std::fflush(stdout);
  std::string line;
  if (!std::getline(std::cin, line) || line.empty()) return std::nullopt;
  try {
    return std::stoi(line);
  } catch (...) {
    return -1;  // rejected by validation with a clear message
  }
}

bool ask_yes(const std::string& prompt) {
  fmt::print("{} [y/N]: ", prompt);
  std::fflush(stdout);
  std::string line;
  return std::getline(std::cin, line) && !line.empty() && (line[0] == 'y' || line[0] == 'Y');
}

void ask_all(LogOptions& o) {
  fmt::print("Pain on a 0-10 scale (blank to skip).\n");
  o.during = ask_int("Pain during the run");
  o.after = ask_int("Pain after the run");
  o.morning = ask_int("Pain the next morning");
  o.stiffness = ask_int("Morning stiffness, minutes");
  fmt::print(
      "Where (joint_line, below_joint_line, upper_shin_bone, above_joint_line; blank to "
      "skip): ");
  std::string where;
  if (std::getline(std::cin, where) && !where.empty()) o.where = {where};
  o.swelling = ask_yes("Swelling");
  o.catching = ask_yes("Catching");
  o.locking = ask_yes("Locking (the knee would not straighten)");
  o.giving_way = ask_yes("Giving way");
  if (o.giving_way) o.fell = ask_yes("Did you fall");
  o.night_pain = ask_yes("Pain at night or at rest");
  o.hot_red = ask_yes("Is the knee hot and red");
  o.fever = ask_yes("A fever or feeling feverish");
  o.calf_swelling = ask_yes("A swollen, tender or warm calf");
  o.numbness = ask_yes("Numbness or pins and needles in the leg or foot");
}

Expected<std::optional<bool>> yes_no(const std::string& v, const char* flag) {
  if (v.empty()) return std::optional<bool>();
  if (v == "yes" || v == "y" || v == "pass") return std::optional<bool>(true);
  if (v == "no" || v == "n" || v == "fail") return std::optional<bool>(false);
  return bad_input(std::string(flag), "expected yes or no, got '{}'", v);
}

/// The diary use case's field names as `runknee log` spells them, for messages.
std::string flag_of(const std::string& field) {
  static const std::pair<const char*, const char*> kFlags[] = {
      {"pain_during", "--during"},   {"pain_after", "--after"},
      {"pain_morning", "--morning"}, {"stiffness_min", "--stiffness"},
      {"locations", "--where"},      {"date", "--date"},
      {"notes", "--notes"},          {"brisk_walk_pain_free", "--walk-ok"},
      {"hop_pain_free", "--hop-ok"}};
  for (const auto& [f, flag] : kFlags) {
    if (field == f) return flag;
  }
  return field;
}

Expected<plan::DiaryUpdate> to_update(const LogOptions& o, const std::string& date) {
  plan::DiaryUpdate u;
  u.date = date;
  u.pain_during = o.during;
  u.pain_after = o.after;
  u.pain_morning = o.morning;
  u.stiffness_min = o.stiffness;
  for (const auto& w : o.where) {
    std::size_t start = 0;
    while (start <= w.size()) {
      auto end = w.find(',', start);
      if (end == std::string::npos) end = w.size();
      auto part = w.substr(start, end - start);
      if (!part.empty()) u.locations.push_back(part);
      start = end + 1;
    }
  }
  u.swelling = o.swelling;
  u.catching = o.catching;
  u.locking = o.locking;
  u.giving_way = o.giving_way;
  u.fell = o.fell;
  u.injury = o.injury;
  u.night_pain = o.night_pain;
  u.cannot_bear_weight = o.no_weight;
  u.hot_red = o.hot_red;
  u.fever = o.fever;
  u.calf_swelling = o.calf_swelling;
  u.numbness = o.numbness;
  u.ran = o.ran;
  auto walk = yes_no(o.walk_ok, "--walk-ok");
  if (!walk) return fail(walk.error());
  auto hop = yes_no(o.hop_ok, "--hop-ok");
  if (!hop) return fail(hop.error());
  u.brisk_walk_pain_free = *walk;
  u.hop_pain_free = *hop;
  u.notes = o.notes;
  return u;
}

std::string exercise_flag_of(const std::string& field) {
  if (field == "exercise_id") return "--exercise";
  if (field == "hold_s") return "--hold";
  return "--" + field;
}

/// Today's (or the day's) exercises with the sets ticked off, then the adherence sentence;
/// `steps` adds each exercise's steps and the mistake to avoid (`today` lists them only here).
std::string render_exercise_day(const app::ExerciseDay& d, bool steps = false) {
  std::string out;
  if (d.exercises.empty()) {
    out += fmt::format("No strengthening exercises planned for {}.\n", d.date);
  } else {
    out += fmt::format("Exercises for {}{}:\n", d.date,
                       d.doses_held ? " (doses held this week: adherence below the rule)" : "");
  }
  for (const auto& i : d.exercises) {
    const auto& p = i.prescribed;
    const int done = i.logged ? i.logged->sets : 0;
    out += fmt::format("  [{}] {} ({}): {} - {}/{} sets done\n", done >= p.sets ? "x" : " ",
                       i.exercise.name.empty() ? p.exercise_id : i.exercise.name, p.exercise_id,
                       exercise_dose_text({p.sets, p.amount, p.unit}), done, p.sets);
    if (!steps) continue;
    int n = 0;
    for (const auto& step : i.exercise.steps) out += fmt::format("        {}. {}\n", ++n, step);
    if (!i.exercise.mistake.empty()) out += fmt::format("        avoid: {}\n", i.exercise.mistake);
  }
  for (const auto& l : d.unplanned) {
    out += fmt::format("  [x] {} (not planned that day): {} sets done\n", l.exercise_id, l.sets);
  }
  if (!d.exercises.empty()) {
    out += "Tick one off: `runknee log --exercise ID --sets N` (--reps N, or --hold S for a hold).\n";
  }
  out += d.adherence_text + "\n";
  return out;
}

bool has_diary_values(const LogOptions& o) {
  return o.during || o.after || o.morning || o.stiffness || !o.where.empty() || o.swelling ||
         o.catching || o.locking || o.giving_way || o.fell || o.injury || o.night_pain ||
         o.no_weight || o.hot_red || o.fever || o.calf_swelling || o.numbness || o.ran ||
         !o.walk_ok.empty() || !o.hop_ok.empty() || !o.notes.empty() || o.interactive;
}

void run_log_exercise(Context& ctx, const LogOptions& o) {
  if (has_diary_values(o)) {
    return void(ctx.exit_code = report_error(
                    Error{"takes --sets, --reps or --hold, --pain and --date; log the pain diary "
                          "with a separate `runknee log`",
                          ErrorKind::kBadInput, "exercise_id", {}},
                    exercise_flag_of));
  }
  plan::ExerciseLogInput in;
  in.date = o.date;
  in.exercise_id = o.exercise;
  in.sets = o.sets;
  in.reps = o.reps;
  in.hold_s = o.hold;
  in.pain = o.pain;
  const KnowledgeBase* kb = knowledge(ctx);  // the plan's figures (--knowledge DIR)
  if (!kb) return;
  auto store = ctx.store();
  if (!store) return void(ctx.exit_code = report_error(store.error()));
  if (!in.sets) {
    auto day = app::exercise_day((*store)->db(), (*store)->local_user(), now_utc(), o.date, kb);
    if (!day) return void(ctx.exit_code = report_error(day.error(), exercise_flag_of));
    for (const auto& i : day->exercises) {
      if (i.prescribed.exercise_id == o.exercise) in.sets = i.prescribed.sets;
    }
  }
  auto logged = app::log_exercise((*store)->db(), (*store)->local_user(), in, now_utc(), kb);
  if (!logged) return void(ctx.exit_code = report_error(logged.error(), exercise_flag_of));
  const auto& l = logged->log;
  if (l.sets == 0) {
    fmt::print("Cleared {} on {}.\n", l.exercise_id, l.date);
  } else {
    std::string unit = "reps";
    for (const auto& i : logged->day.exercises) {
      if (i.prescribed.exercise_id == l.exercise_id) unit = i.prescribed.unit;
    }
    if (unit.find("hold") != std::string::npos) unit = "s held";
    fmt::print("Logged {} on {}: {} set{}{}{}.\n", l.exercise_id, l.date, l.sets,
               l.sets == 1 ? "" : "s", l.amount ? fmt::format(" of {} {}", *l.amount, unit) : "",
               l.pain ? fmt::format(", pain {}/10", *l.pain) : "");
  }
  fmt::print("{}", render_exercise_day(logged->day));
}

void run_log(Context& ctx, LogOptions& o) {
  if (!o.exercise.empty() || o.sets || o.reps || o.hold || o.pain) {
    return run_log_exercise(ctx, o);
  }
  auto settings = plan::load_settings();
  if (!settings) return void(ctx.exit_code = report_error(settings.error()));
  const auto units = settings->units;
  if (o.interactive) ask_all(o);
  const std::string date = o.date.empty() ? format_local_date(now_utc()) : o.date;
  auto update = to_update(o, date);
  if (!update) return void(ctx.exit_code = report_error(update.error()));
  const KnowledgeBase* kb = knowledge(ctx);
  if (!kb) return;
  auto store = ctx.store();
  if (!store) return void(ctx.exit_code = report_error(store.error()));
  auto logged = app::log_diary((*store)->db(), (*store)->local_user(), *update, now_utc(), *kb);
  if (!logged) return void(ctx.exit_code = report_error(logged.error(), flag_of));
  const auto runs = [&](const plan::DiaryEntry& e) {
    return e.activity_ids.empty()
               ? std::string()
               : fmt::format(" (linked to {} run(s), {})", e.activity_ids.size(),
                             plan::format_distance(e.run_km, units, 1));
  };
  const auto& run_day = logged->run_day_entry ? *logged->run_day_entry : logged->entry;
  if (!logged->morning_applied_to.empty()) {
    fmt::print("Logged this morning's values ({}) for the run on {}{}.\n", date,
               logged->morning_applied_to, runs(run_day));
  }
  if (logged->morning_applied_to.empty() || logged->run_day_entry) {
    fmt::print("Logged {}{}.\n", date, runs(logged->entry));
  }
  if (logged->entry.is_run() && !logged->entry.pain_morning && date == format_local_date(now_utc())) {
    fmt::print("Tomorrow morning, log how the knee feels: `runknee log --morning N`.\n");
  }
  auto rules = plan::plan_rules(*kb);
  for (const auto& d : logged->decisions) {
    fmt::print("Plan, {}{}: {}\n", d.date,
               logged->decided_again(d.date) ? " (decided again)" : "",
               rules ? plan::decision_sentence(d, *rules)
                     : fmt::format("{} - {}.", plan::decision_words(d.decision), d.reason));
  }
  for (const auto& f : logged->red_flags) {
    fmt::print("Red flag: {}. Please see a clinician before running again.\n", f.text);
  }
}

void add_log(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<LogOptions>();
  auto* cmd = app.add_subcommand("log", "Log knee pain for a day (during, after, next morning)");
  cmd->add_option("--date", o->date, "Day (YYYY-MM-DD; default today)");
  cmd->add_option("--during", o->during, "Pain during the run, 0-10");
  cmd->add_option("--after", o->after, "Pain after the run, 0-10");
  cmd->add_option("--morning", o->morning, "Pain the next morning, 0-10");
  cmd->add_option("--stiffness", o->stiffness, "Morning stiffness, minutes");
  cmd->add_option("--where", o->where,
                  "joint_line, below_joint_line, upper_shin_bone, above_joint_line");
  cmd->add_flag("--swelling", o->swelling, "The knee swelled");
  cmd->add_flag("--catching", o->catching, "Catching");
  cmd->add_flag("--locking", o->locking, "Locking: the knee would not straighten");
  cmd->add_flag("--giving-way", o->giving_way, "The knee gave way");
  cmd->add_flag("--fell", o->fell, "...and you fell");
  cmd->add_flag("--injury", o->injury, "A twist, fall or blow today");
  cmd->add_flag("--night-pain", o->night_pain, "Pain at night or at rest");
  cmd->add_flag("--cannot-bear-weight", o->no_weight, "Could not put weight on the leg");
  cmd->add_flag("--hot-red", o->hot_red, "The knee is hot and red");
  cmd->add_flag("--fever", o->fever, "A fever or feeling feverish");
  cmd->add_flag("--calf-swelling", o->calf_swelling, "A swollen, tender or warm calf");
  cmd->add_flag("--numbness", o->numbness, "Numbness or pins and needles in the leg or foot");
  cmd->add_flag("--ran", o->ran, "There was a run (also implied by --during or a stored run)");
  cmd->add_option("--walk-ok", o->walk_ok, "30 min brisk walk pain-free: yes|no");
  cmd->add_option("--hop-ok", o->hop_ok, "10 single-leg hops pain-free: yes|no");
  cmd->add_option("--notes", o->notes, "Free text");
  cmd->add_flag("-i,--interactive", o->interactive, "Ask for each field");
  cmd->add_option("--exercise", o->exercise,
                  "Tick off a strengthening exercise (its id, as `runknee today` lists it)");
  cmd->add_option("--sets", o->sets, "With --exercise: sets done that day (default: as planned; 0 clears)");
  cmd->add_option("--reps", o->reps, "With --exercise: repetitions per set");
  cmd->add_option("--hold", o->hold, "With --exercise: seconds held per set (timed holds)");
  cmd->add_option("--pain", o->pain, "With --exercise: knee pain during the exercise, 0-10");
  cmd->callback([&ctx, o] { run_log(ctx, *o); });
}

// --- diary --------------------------------------------------------------------------------

void add_diary(CLI::App& app, Context& ctx) {
  auto format = std::make_shared<std::string>("text");
  auto* cmd = app.add_subcommand("diary", "List pain diary entries");
  cmd->add_option("--format", *format, "text|json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, format] {
    auto store = ctx.store();
    if (!store) return void(ctx.exit_code = report_error(store.error()));
    auto diary = plan::read_diary((**store).db(), (**store).local_user());
    if (!diary) return void(ctx.exit_code = report_error(diary.error()));
    if (*format == "json") {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& e : *diary) arr.push_back(plan::to_json(e));
      fmt::print("{}\n", arr.dump(2));
    } else {
      auto settings = plan::load_settings();
      if (!settings) return void(ctx.exit_code = report_error(settings.error()));
      fmt::print("{}", plan::render_diary_text(*diary, settings->units));
    }
  });
}

// --- koos ---------------------------------------------------------------------------------

struct KoosOptions {
  std::string answers, items, format = "text";
  bool history = false;
};

void print_koos_history(Context& ctx, Store& store, const plan::KoosStructure& s,
                        const std::string& format) {
  auto hist = app::koos_history(store.db(), store.local_user());
  if (!hist) return void(ctx.exit_code = report_error(hist.error()));
  if (format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (std::size_t i = 0; i < hist->size(); ++i) {
      nlohmann::json row = {{"date", (*hist)[i].first}, {"scores", to_json((*hist)[i].second)}};
      if (i > 0) {
        nlohmann::json ch = nlohmann::json::array();
        for (const auto& c :
             plan::koos_changes((*hist)[i - 1].second, (*hist)[i].second, s.meaningful_change)) {
          ch.push_back({{"id", c.id},
                        {"delta", c.delta ? nlohmann::json(*c.delta) : nlohmann::json(nullptr)},
                        {"meaningful", c.meaningful}});
        }
        row["changes"] = ch;
      }
      arr.push_back(row);
    }
    fmt::print("{}\n", arr.dump(2));
    return;
  }
  if (hist->empty()) fmt::print("No KOOS taken yet. Take it with `runknee koos`.\n");
  for (std::size_t i = 0; i < hist->size(); ++i) {
    fmt::print("KOOS {} (0-100, 100 = no problems)\n{}", (*hist)[i].first,
               plan::render_koos_text((*hist)[i].second));
    if (i > 0) {
      fmt::print(
          "  change since {}:\n{}", (*hist)[i - 1].first,
          plan::render_koos_changes_text(
              plan::koos_changes((*hist)[i - 1].second, (*hist)[i].second, s.meaningful_change),
              s.meaningful_change));
    }
  }
}

Expected<plan::KoosAnswers> ask_koos(const plan::KoosStructure& s,
                                     const std::map<std::string, std::string>& text) {
  return plan::ask_koos_items(s, text, std::cin, std::cout);
}

void run_koos(Context& ctx, const KoosOptions& o) {
  auto s = plan::koos_structure();
  if (!s) return void(ctx.exit_code = report_error(s.error()));
  auto store = ctx.store();
  if (!store) return void(ctx.exit_code = report_error(store.error()));
  if (o.history) return print_koos_history(ctx, **store, *s, o.format);
  std::map<std::string, std::string> text;
  if (!o.items.empty()) {
    auto raw = read_file_text(o.items);
    if (!raw) return void(ctx.exit_code = report_error(as_kind(raw.error(), ErrorKind::kBadInput)));
    auto parsed = plan::parse_koos_item_text(*raw, o.items, *s);
    if (!parsed) return void(ctx.exit_code = report_error(as_kind(parsed.error(), ErrorKind::kBadInput)));
    text = std::move(*parsed);
  }
  Expected<plan::KoosAnswers> answers = plan::KoosAnswers{};
  if (!o.answers.empty()) {
    auto raw = read_file_text(o.answers);
    if (!raw) return void(ctx.exit_code = report_error(as_kind(raw.error(), ErrorKind::kBadInput)));
    auto j = parse_json_limited(*raw, o.answers);
    if (!j) return void(ctx.exit_code = report_error(Error{j.error().message, ErrorKind::kBadInput, {}, {}}));
    answers = plan::koos_answers_from_json(*j, o.answers, *s);
  } else {
    answers = ask_koos(*s, text);
  }
  if (!answers) return void(ctx.exit_code = report_error(as_kind(answers.error(), ErrorKind::kBadInput)));
  auto saved =
      app::score_and_save_koos((*store)->db(), (*store)->local_user(), *s, *answers, now_utc());
  if (!saved) return void(ctx.exit_code = report_error(saved.error()));
  const auto& score = saved->score;
  if (o.format == "json") {
    fmt::print("{}\n", to_json(score).dump(2));
  } else {
    fmt::print("KOOS saved (0-100, 100 = no problems; a subscale needs half its items):\n{}",
               plan::render_koos_text(score));
  }
}

void add_koos(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<KoosOptions>();
  auto* cmd = app.add_subcommand("koos", "Take the KOOS questionnaire or show its history");
  cmd->add_option("--answers", o->answers,
                  "JSON file of item id -> score 0..4 or answer word (e.g. {\"P1\": 2, \"S4\": "
                  "\"never\"})");
  cmd->add_option("--items", o->items, "Your own copy of the item text (YAML: items: {P1: ...})");
  cmd->add_flag("--history", o->history, "Show past results and changes");
  cmd->add_option("--format", o->format, "text|json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, o] { run_koos(ctx, *o); });
}

// --- plan, today, report ------------------------------------------------------------------

void add_plan(CLI::App& app, Context& ctx) {
  // This week and next by default: answers first, the rest on demand (issue 14).
  struct Opts {
    int weeks = plan::kPlanDefaultWeeks;
    bool all = false;
    std::string format = "text", output;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("plan", "Week-by-week plan that adapts to your pain diary");
  auto* weeks_opt = cmd->add_option("--weeks", o->weeks,
                                fmt::format("Number of weeks (1-{}; default {}: this week and next)",
                                            plan::kPlanMaxWeeks, plan::kPlanDefaultWeeks))
                    ->check(CLI::Range(1, plan::kPlanMaxWeeks));
  cmd->add_flag("--all", o->all, fmt::format("All {} weeks the plan looks ahead", plan::kPlanMaxWeeks))
      ->excludes(weeks_opt);
  cmd->add_option("--format", o->format, "text|json|ics")
      ->check(CLI::IsMember({"text", "json", "ics"}));
  cmd->add_option("-o,--output", o->output, "Write to this file instead of stdout");
  cmd->callback([&ctx, o] {
    const int weeks = o->all ? plan::kPlanMaxWeeks : o->weeks;
    auto pc = open_plan(ctx, weeks);
    if (!pc) return void(ctx.exit_code = report_error(pc.error()));
    const auto& p = pc->plan;
    std::string text = o->format == "json"  ? to_json(p).dump(2) + "\n"
                       : o->format == "ics" ? plan::write_ics(p, now_utc(), ics_options())
                                            : plan::render_plan_text(p, units_of(*pc));
    if (o->format == "text" && !p.weeks.empty() && weeks < plan::kPlanMaxWeeks) {
      text += fmt::format("\nShowing {} week{}: `runknee plan --weeks N` (up to {}) or `--all` "
                          "for more.\n",
                          p.weeks.size(), p.weeks.size() == 1 ? "" : "s", plan::kPlanMaxWeeks);
    }
    if (auto ok = write_output(text, o->output); !ok) {
      ctx.exit_code = report_error(ok.error());
    }
  });
}

void add_today(CLI::App& app, Context& ctx) {
  auto format = std::make_shared<std::string>("text");
  auto* cmd = app.add_subcommand("today", "What to do today, and why");
  cmd->add_option("--format", *format, "text|json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, format] {
    auto pc = open_plan(ctx, 1);
    if (!pc) return void(ctx.exit_code = report_error(pc.error()));
    const auto& t = pc->today;
    if (*format == "json") {
      auto j = to_json(t);
      j["exercise_adherence"] = plan::to_json(pc->adherence);
      j["exercise_adherence_text"] = plan::adherence_text(pc->adherence, pc->session.rules);
      fmt::print("{}\n", j.dump(2));
    } else {
      // The day's exercises once: in the tick-off list, with their steps, not in the session too.
      fmt::print("{}", plan::render_today_text(t, units_of(*pc), !t.needs_assessment));
      if (!t.needs_assessment) {
        fmt::print("\n{}", render_exercise_day(app::exercise_day_of(*pc, t.date), true));
      }
    }
  });
}

void add_exercises(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string date, format = "text";
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "exercises", "The day's strengthening exercises, what was ticked off, and adherence");
  cmd->add_option("--date", o->date, "Day (YYYY-MM-DD; default today)");
  cmd->add_option("--format", o->format, "text|json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, o] {
    const KnowledgeBase* kb = knowledge(ctx);
    if (!kb) return;
    auto store = ctx.store();
    if (!store) return void(ctx.exit_code = report_error(store.error()));
    auto day = app::exercise_day((*store)->db(), (*store)->local_user(), now_utc(), o->date, kb);
    if (!day) return void(ctx.exit_code = report_error(day.error(), exercise_flag_of));
    if (o->format == "json") {
      fmt::print("{}\n", app::to_json(*day).dump(2));
      return;
    }
    fmt::print("{}", render_exercise_day(*day));
    for (const auto& i : day->exercises) {
      fmt::print("\n{} ({})\n", i.exercise.name, i.prescribed.exercise_id);
      int n = 0;
      for (const auto& step : i.exercise.steps) fmt::print("  {}. {}\n", ++n, step);
      if (!i.exercise.mistake.empty()) fmt::print("  avoid: {}\n", i.exercise.mistake);
      if (!i.progression.empty()) fmt::print("  progression: {}\n", i.progression);
    }
  });
}

void add_report(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string format = "md", output;
    int weeks = plan::kPlanDefaultWeeks;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("report", "Printable report for a physiotherapist");
  cmd->add_option("--format", o->format, "html|md")->check(CLI::IsMember({"html", "md"}));
  cmd->add_option("-o,--output", o->output, "Write to this file instead of stdout");
  cmd->add_option("--weeks", o->weeks, "Plan weeks to include")->check(CLI::Range(1, 26));
  cmd->callback([&ctx, o] {
    const KnowledgeBase* kb = knowledge(ctx);
    if (!kb) return;
    auto store = ctx.store();
    if (!store) return void(ctx.exit_code = report_error(store.error()));
    auto settings = plan::load_settings();
    if (!settings) return void(ctx.exit_code = report_error(settings.error()));
    auto data = app::build_report(*kb, (*store)->db(), (*store)->local_user(), now_utc(), o->weeks,
                                  settings->units == plan::Units::kMi);
    if (!data) return void(ctx.exit_code = report_error(data.error()));
    const auto& d = *data;
    const auto text = o->format == "html" ? plan::render_report_html(d) : plan::render_report_md(d);
    if (auto ok = write_output(text, o->output); !ok) {
      ctx.exit_code = report_error(ok.error());
    }
  });
}

// --- config -------------------------------------------------------------------------------

void add_config(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "config", "Settings: `config set units mi|km`, `config set tz Europe/London`, `config get units`");
  cmd->require_subcommand(1);
  auto kv = std::make_shared<std::vector<std::string>>();
  auto* set = cmd->add_subcommand("set", "Set a value (stored in $XDG_CONFIG_HOME/runknee/)");
  set->add_option("key value", *kv,
                  "units km|mi, time HH:MM (calendar sessions), checkin HH:MM|off (a daily "
                  "check-in event in the calendar), tz ZONE|system (e.g. America/Los_Angeles)")
      ->expected(2)
      ->required();
  set->callback([&ctx, kv] {
    auto s = plan::load_settings();
    if (!s) return void(ctx.exit_code = report_error(s.error()));
    if (auto ok = plan::set_setting(*s, (*kv)[0], (*kv)[1]); !ok) {
      return void(ctx.exit_code = report_error(as_kind(ok.error(), ErrorKind::kBadInput)));
    }
    if (auto ok = plan::save_settings(*s); !ok) {
      return void(ctx.exit_code = report_error(ok.error()));
    }
    fmt::print("{} = {} (in {})\n", (*kv)[0], (*kv)[1], plan::settings_path().string());
  });
  auto key = std::make_shared<std::string>();
  auto* get = cmd->add_subcommand("get", "Print a value");
  get->add_option("key", *key, "units|time|checkin|tz")
      ->required()
      ->check(CLI::IsMember(plan::setting_keys()));
  get->callback([&ctx, key] {
    auto s = plan::load_settings();
    if (!s) return void(ctx.exit_code = report_error(s.error()));
    fmt::print("{}\n", plan::setting_text(*s, *key));
  });
}

}  // namespace

void show_home(Context& ctx) {
  auto pc = open_plan(ctx, 1);
  if (!pc) return void(ctx.exit_code = report_error(pc.error()));
  const auto& t = pc->today;
  if (t.needs_assessment) {
    fmt::print("{}", plan::render_welcome_text(plan::welcome()));
    if (t.has_runs) {
      fmt::print("\nYou have {} run(s) from the last 120 days stored already.\n",
                 pc->session.inputs.runs.size());
    }
    return;
  }
  fmt::print("runknee, {}: {}\n\n", t.date, t.headline);
  fmt::print(
      "  runknee today           what to do today, and why\n"
      "  runknee log ...         knee pain during/after a run, and the next morning\n"
      "  runknee plan            the weeks ahead\n"
      "  runknee import PATH     add runs (watch folder, exports, files)\n"
      "  runknee assess          a new knee check\n"
      "  runknee load            training load from your runs\n"
      "  runknee report          a report for your physiotherapist\n"
      "  runknee serve           the web app\n"
      "\n`runknee --help` lists every command.\n");
}

void add_plan_commands(CLI::App& app, Context& ctx) {
  add_config(app, ctx);
  add_log(app, ctx);
  add_diary(app, ctx);
  add_koos(app, ctx);
  add_plan(app, ctx);
  add_today(app, ctx);
  add_exercises(app, ctx);
  add_report(app, ctx);
}

}  // namespace rk::cli
