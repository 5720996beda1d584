#include "app/prefill.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "load/stored_history.h"
#include "util/error.h"

namespace rk::app {
namespace {

constexpr std::int64_t kDay = 86400;

double round1(double v) { return std::round(v * 10) / 10; }

const QuestionSection* training_section(const KnowledgeBase& kb) {
  return kb.question_section("Training");
}

double tolerance(const KnowledgeBase& kb, std::string_view id) {
  const Threshold* t = kb.threshold(id);
  if (!t) throw InvariantError(fmt::format("threshold '{}' missing after validation", id));
  return t->value;
}

std::string replace_all(std::string s, std::string_view key, const std::string& value) {
  for (std::size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size()))
    s.replace(at, key.size(), value);
  return s;
}

std::string shown(double v) { return fmt::format("{:g}", round1(v)); }

}  // namespace

const std::vector<std::string>& prefilled_question_ids() {
  static const std::vector<std::string> ids = {"weekly_km_now", "weekly_km_before",
                                               "longest_recent_km", "longest_before_km",
                                               "cadence_spm"};
  return ids;
}

bool runs_incomplete(const Answers& answers) {
  const AnswerValue* v = answers.find(kRunsCompleteQuestion);
  const bool* complete = v ? std::get_if<bool>(v) : nullptr;
  return complete && !*complete;
}

RunAnswers derive_run_answers(const std::vector<Activity>& activities, std::int64_t now,
                              int current_days) {
  RunAnswers out;
  std::optional<std::int64_t> first;
  bool current = false;
  for (const Activity& a : activities) {
    if (!is_running(a) || a.start_utc > now) continue;
    if (!first || a.start_utc < *first) first = a.start_utc;
    current = current || a.start_utc >= now - std::int64_t{current_days} * kDay;
  }
  if (!first || !current) return out;
  auto km = [&](std::int64_t from, std::int64_t to) {
    double m = 0;
    for (const Activity& a : activities)
      if (is_running(a) && a.start_utc >= from && a.start_utc < to) m += a.distance_m;
    return m / 1000;
  };
  auto longest = [&](std::int64_t from, std::int64_t to) {
    std::optional<double> m;
    for (const Activity& a : activities)
      if (is_running(a) && a.start_utc >= from && a.start_utc < to)
        m = std::max(m.value_or(0), a.distance_m / 1000);
    return m;
  };
  const std::int64_t recent = now - 14 * kDay;  // "the last two weeks"
  const std::int64_t end = now + 1;
  // Each period counts only when the runs cover all of it (the first run is at its start or
  // before): a store that begins mid-period would under-count.
  if (*first <= recent) {
    out.values["weekly_km_now"] = round1(km(recent, end) / 2);
    if (auto l = longest(recent, end)) out.values["longest_recent_km"] = round1(*l);
  }
  if (*first <= recent - 28 * kDay)  // "the month before that", per week
    out.values["weekly_km_before"] = round1(km(recent - 28 * kDay, recent) / 4);
  if (*first <= recent - 30 * kDay)  // "the 30 days before that"
    if (auto l = longest(recent - 30 * kDay, recent)) out.values["longest_before_km"] = round1(*l);
  std::vector<double> cadences;
  for (const Activity& a : activities)
    if (is_running(a) && a.start_utc >= recent && a.start_utc < end && a.avg_cadence_spm &&
        *a.avg_cadence_spm >= 120 && *a.avg_cadence_spm <= 230)
      cadences.push_back(*a.avg_cadence_spm);
  if (!cadences.empty()) {
    std::sort(cadences.begin(), cadences.end());
    const std::size_t n = cadences.size();
    const double median = n % 2 ? cadences[n / 2] : (cadences[n / 2 - 1] + cadences[n / 2]) / 2;
    out.values["cadence_spm"] = std::round(median);
  }
  return out;
}

Expected<RunAnswers> run_answers(Database& db, UserId user, const KnowledgeBase& kb,
                                 std::int64_t now) {
  auto history = read_history(db, user, now, 0);  // summaries only: no stream is needed
  if (!history) return fail(history.error());
  return derive_run_answers(history->activities, now,
                            static_cast<int>(tolerance(kb, "assess.runs_current_days")));
}

std::vector<AnswerVsRuns> reconcile(const KnowledgeBase& kb, Answers& answers,
                                    const RunAnswers& runs) {
  std::vector<AnswerVsRuns> notes;
  if (runs_incomplete(answers)) return notes;  // the runner says runs are missing: answers win
  const double pct = tolerance(kb, "assess.answer_runs_tolerance_pct");
  const double abs = tolerance(kb, "assess.answer_runs_tolerance_abs");
  const QuestionSection* section = training_section(kb);
  for (const std::string& id : prefilled_question_ids()) {
    auto it = runs.values.find(id);
    if (it == runs.values.end()) continue;
    const double measured = it->second;
    const AnswerValue* given = answers.find(id);
    if (!given) continue;  // the history rules read the runs themselves
    const double* answer = std::get_if<double>(given);
    if (!answer) continue;
    const double diff = std::fabs(*answer - measured);
    if (diff <= abs || diff <= measured * pct / 100) continue;
    AnswerVsRuns n{id, *answer, measured, "runs", ""};
    const Question* q = nullptr;
    for (const Question& candidate : kb.questions())
      if (candidate.id == id) q = &candidate;
    const std::string unit = id == "cadence_spm" ? " steps/min" : " km";
    std::string text = section ? section->runs_used_note : std::string();
    text = replace_all(text, "{question}", q ? q->prompt : id);
    text = replace_all(text, "{answer}", shown(*answer));
    text = replace_all(text, "{runs}", shown(measured));
    text = replace_all(text, "{unit}", unit);
    n.text = std::move(text);
    answers.values[id] = measured;
    notes.push_back(std::move(n));
  }
  return notes;
}

nlohmann::json prefill_json(const KnowledgeBase& kb, const RunAnswers& runs) {
  nlohmann::json values = nlohmann::json::object();
  for (const auto& [id, v] : runs.values) values[id] = v;
  const QuestionSection* section = training_section(kb);
  return {{"label", section ? section->from_runs_label : std::string()}, {"values", values}};
}

nlohmann::json notes_json(const std::vector<AnswerVsRuns>& notes) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : notes)
    out.push_back({{"question", n.question_id},
                   {"answer", n.answer},
                   {"runs", n.runs},
                   {"used", n.used},
                   {"text", n.text}});
  return out;
}

}  // namespace rk::app
