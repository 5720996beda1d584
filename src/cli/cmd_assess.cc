// runknee assess (interactive or --answers FILE|-), history, show-assessment ID.
// Nothing is written until the last answer is in: Ctrl-C or end of input leave no trace.

#include <fmt/format.h>

#include <iostream>
#include <iterator>

#include "app/assess.h"
#include "app/plan.h"
#include "app/prefill.h"
#include "app/training.h"
#include "assess/engine.h"
#include "assess/summary.h"
#include "cli/commands.h"
#include "cli/knowledge_access.h"
#include "store/assessment_repo.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/json_limits.h"
#include "util/time.h"

namespace rk::cli {
namespace {

struct AssessOptions {
  std::string answers;  // file path, "-" for stdin, empty for interactive
  std::string format = "text";
  bool questions = false;
  bool no_save = false;
  bool full = false;  // everything, not the one-screen summary
};

std::string type_hint(const Question& q) {
  std::string hint;
  switch (q.type) {
    case QuestionType::kBool:
      hint = "yes/no";
      break;
    case QuestionType::kInt:
      hint = fmt::format("whole number {}-{}", q.min.value_or(0), q.max.value_or(0));
      break;
    case QuestionType::kNumber:
      hint = fmt::format("number {}-{}", q.min.value_or(0), q.max.value_or(0));
      break;
    case QuestionType::kEnum:
      hint = "a number or a name";
      break;
    case QuestionType::kMulti:
      hint = "numbers or names, separated by commas";
      break;
    case QuestionType::kText:
      hint = "free text";
      break;
  }
  return hint + (q.required ? ", required" : ", Enter to skip");
}

/// Why a section matters, said before it (data/questions.yaml): a skipped answer there is never
/// read as "no".
const char* section_intro(const KnowledgeBase& kb, const std::string& section) {
  const QuestionSection* s = kb.question_section(section);
  return s && !s->intro.empty() ? s->intro.c_str() : nullptr;
}

/// Asks every applicable question on stderr; nullopt when input ends before the last answer.
/// Training questions show what the runs say ("from your runs"); Enter keeps it.
std::optional<Answers> ask_interactively(const KnowledgeBase& kb, const app::RunAnswers& runs) {
  const QuestionSection* training = kb.question_section("Training");
  const std::string label =
      training && !training->from_runs_label.empty() ? training->from_runs_label : "from your runs";
  Answers answers;
  Facts facts;
  std::string section;
  int skipped_here = 0;
  auto end_section = [&] {
    if (skipped_here > 0 && section_intro(kb, section))
      fmt::print(stderr, "  You skipped {} question{} in \"{}\": the result will say so.\n",
                 skipped_here, skipped_here == 1 ? "" : "s", section);
    skipped_here = 0;
  };
  fmt::print(stderr,
             "runknee assessment: answer each question (Ctrl-C quits; nothing is saved "
             "until the end).\n");
  for (const Question& q : kb.questions()) {
    if (!should_ask(q, facts) || (q.only_with_runs && runs.empty())) continue;
    if (q.section != section) {
      end_section();
      fmt::print(stderr, "\n== {} ==\n", section = q.section);
      if (const char* intro = section_intro(kb, section)) fmt::print(stderr, "{}\n", intro);
    }
    // Runs the runner says are incomplete are not offered as answers.
    const auto from_runs = runs.values.find(q.id);
    const bool prefilled = from_runs != runs.values.end() && !app::runs_incomplete(answers);
    for (;;) {
      fmt::print(stderr, "{} [{}]\n", q.prompt, type_hint(q));
      if (prefilled)
        fmt::print(stderr, "  {}: {:g} (Enter keeps it; type another value to change it)\n", label,
                   from_runs->second);
      if (!q.help.empty()) fmt::print(stderr, "  ({})\n", q.help);
      for (std::size_t i = 0; i < q.values.size(); ++i)
        fmt::print(stderr, "  {}) {:<20} {}\n", i + 1, q.values[i].id, q.values[i].label);
      fmt::print(stderr, "> ");
      std::string line;
      if (!std::getline(std::cin, line)) return std::nullopt;
      auto reply = parse_reply(q, line);
      if (reply && !*reply && prefilled) *reply = AnswerValue(from_runs->second);
      if (!reply) {
        fmt::print(stderr, "  Sorry: {}. Please try again.\n", reply.error().message);
        continue;
      }
      if (!*reply && q.required) {
        fmt::print(stderr, "  This one is needed. Please answer it.\n");
        continue;
      }
      if (*reply) {
        answers.values[q.id] = **reply;
        facts[q.id] = **reply;
      } else {
        ++skipped_here;
      }
      break;
    }
  }
  end_section();
  return answers;
}

Expected<Answers> read_answers_file(const KnowledgeBase& kb, const std::string& path) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    auto t = read_file_text(path);
    if (!t) return fail(as_kind(t.error(), ErrorKind::kBadInput));  // the file the user named
    text = std::move(*t);
  }
  const std::string source = path == "-" ? "<stdin>" : path;
  // Bounded depth, size and numbers before the assess module sees the value (issue 13).
  auto j = parse_json_limited(text, source);
  if (!j) return fail(Error{j.error().message, ErrorKind::kBadInput, {}, {}});
  return answers_from_json(kb, *j, source);
}

void run_assess(Context& ctx, const AssessOptions& opt) {
  const KnowledgeBase* kb = knowledge(ctx);
  if (!kb) return;
  if (opt.questions) {
    if (opt.format == "json") {
      fmt::print("{}\n", questions_schema(*kb).dump(2));
    } else {
      for (const Question& q : kb->questions())
        fmt::print("{:<20} {:<7} {}\n", q.id, to_string(q.type), q.prompt);
    }
    return;
  }
  auto store = ctx.store();  // opened first: a broken database is reported before any question
  if (!store) {
    ctx.exit_code = report_error(store.error());
    return;
  }
  Answers answers;
  app::RunAnswers runs;
  if (opt.answers.empty()) {  // the questionnaire offers what the runs already say
    auto r = app::run_answers((*store)->db(), (*store)->local_user(), *kb, now_utc());
    if (!r) {
      ctx.exit_code = report_error(r.error());
      return;
    }
    runs = std::move(*r);
  }
  if (!opt.answers.empty()) {
    auto read = read_answers_file(*kb, opt.answers);
    if (!read) {
      print_error_lines(read.error().message);
      print_error("nothing was saved");
      ctx.exit_code = exit_code_for(read.error().kind);
      return;
    }
    answers = std::move(*read);
  } else {
    auto asked = ask_interactively(*kb, runs);
    if (!asked) {
      fmt::print(stderr, "\n");
      print_error("input ended before the last question; nothing was saved");
      ctx.exit_code = kFailed;
      return;
    }
    answers = std::move(*asked);
  }
  auto training =
      app::training_for_assessment((*store)->db(), (*store)->local_user(), *kb, now_utc());
  if (!training) {
    ctx.exit_code = report_error(training.error());
    return;
  }
  auto outcome = app::assess_and_save((*store)->db(), (*store)->local_user(), *kb, answers,
                                      *training, now_utc(), !opt.no_save);
  if (!outcome) {
    ctx.exit_code = report_error(outcome.error());
    return;
  }
  const nlohmann::json& j = outcome->json;
  const std::optional<std::int64_t> saved_id = outcome->id;
  if (saved_id) {
    fmt::print(stderr, "Saved as assessment {} (runknee show-assessment {}).\n", *saved_id,
               *saved_id);
  }
  if (opt.format == "json") {
    fmt::print("{}\n", j.dump(2));
  } else if (opt.full) {
    fmt::print("{}", render_text(*kb, j));
  } else {
    const std::string more = saved_id ? fmt::format("runknee show-assessment {} --full", *saved_id)
                                      : std::string("add --full");
    fmt::print("{}", render_summary_text(*kb, j, more, outcome->plan_today));
  }
}

void run_history(Context& ctx, const std::string& format) {
  auto store = ctx.store();
  if (!store) {
    ctx.exit_code = report_error(store.error());
    return;
  }
  auto list = AssessmentRepo((*store)->db()).list((*store)->local_user());
  if (!list) {
    ctx.exit_code = report_error(list.error());
    return;
  }
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : *list)
      out.push_back({{"id", a.id},
                     {"created_utc", format_utc(a.created_utc)},
                     {"urgency", a.urgency},
                     {"top_cause", a.top_cause}});
    fmt::print("{}\n", out.dump(2));
    return;
  }
  if (list->empty()) {
    fmt::print("No saved assessments yet. Run `runknee assess`.\n");
    return;
  }
  fmt::print("{:>4}  {:<20}  {:<10}  {}\n", "ID", "DATE (UTC)", "URGENCY", "TOP CAUSE");
  for (const auto& a : *list)
    fmt::print("{:>4}  {:<20}  {:<10}  {}\n", a.id, format_utc(a.created_utc), a.urgency,
               a.top_cause);
}

void run_show(Context& ctx, std::int64_t id, const std::string& format, bool full) {
  auto store = ctx.store();
  if (!store) {
    ctx.exit_code = report_error(store.error());
    return;
  }
  auto found = AssessmentRepo((*store)->db()).find((*store)->local_user(), id);
  if (!found) {
    ctx.exit_code = report_error(found.error());
    return;
  }
  if (!*found) {
    print_error(fmt::format("no assessment with id {} (see `runknee history`)", id));
    ctx.exit_code = kBadInput;
    return;
  }
  auto j = nlohmann::json::parse((*found)->result_json, nullptr, false);
  if (j.is_discarded()) {
    print_error(fmt::format("assessment {}: the stored result is not valid JSON", id));
    ctx.exit_code = kFailed;
    return;
  }
  if (format == "json") {
    fmt::print("{}\n", j.dump(2));
    return;
  }
  const KnowledgeBase* kb = knowledge(ctx);
  if (!kb) return;
  if (full) {
    fmt::print("Assessment {}\n{}", id, render_text(*kb, j));
    return;
  }
  auto plan_today =
      app::plan_today_lines(*kb, (*store)->db(), (*store)->local_user(), now_utc(), id);
  if (!plan_today) {
    ctx.exit_code = report_error(plan_today.error());
    return;
  }
  fmt::print("Assessment {}\n{}", id,
             render_summary_text(*kb, j, fmt::format("runknee show-assessment {} --full", id),
                                 *plan_today));
}

}  // namespace

void add_assess_commands(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<AssessOptions>();
  auto* assess = app.add_subcommand(
      "assess", "Knee-pain assessment: urgency, likely causes, relief now, longer-term plan");
  assess->add_option("--answers", opt->answers,
                     "Answers as a JSON file (\"-\" reads stdin) instead of asking");
  assess->add_option("--format", opt->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  assess->add_flag("--questions", opt->questions,
                   "Print the questions (the answers schema) instead of assessing");
  assess->add_flag("--no-save", opt->no_save, "Do not save the assessment");
  assess->add_flag("--full", opt->full,
                   "Print everything (all causes, conditions, medicines, sources), not the "
                   "one-screen summary");
  assess->callback([&ctx, opt] { run_assess(ctx, *opt); });

  auto format = std::make_shared<std::string>("text");
  auto* history = app.add_subcommand("history", "List saved assessments, newest first");
  history->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
  history->callback([&ctx, format] { run_history(ctx, *format); });

  auto id = std::make_shared<std::int64_t>(0);
  auto show_format = std::make_shared<std::string>("text");
  auto* show = app.add_subcommand("show-assessment", "Reprint a saved assessment");
  show->add_option("id", *id, "Assessment id (see runknee history)")->required();
  show->add_option("--format", *show_format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  auto show_full = std::make_shared<bool>(false);
  show->add_flag("--full", *show_full, "Print everything, not the one-screen summary");
  show->callback(
      [&ctx, id, show_format, show_full] { run_show(ctx, *id, *show_format, *show_full); });
}

}  // namespace rk::cli
