#include "knowledge/knowledge_base.h"

#include <algorithm>

#include "knowledge/parse.h"
#include "util/embedded.h"
#include "util/error.h"
#include "util/file_io.h"

namespace rk {

void collect_subjects(const Predicate& p, std::vector<std::string>& out) {
  if (!p.subject.empty()) out.push_back(p.subject);
  for (const auto& c : p.children) collect_subjects(c, out);
}

std::string_view to_string(QuestionType t) {
  switch (t) {
    case QuestionType::kBool:
      return "bool";
    case QuestionType::kInt:
      return "int";
    case QuestionType::kNumber:
      return "number";
    case QuestionType::kEnum:
      return "enum";
    case QuestionType::kMulti:
      return "multi";
    case QuestionType::kText:
      return "text";
  }
  return "text";
}

Expected<KnowledgeBase> KnowledgeBase::load_files(const std::vector<KnowledgeFile>& files) {
  KnowledgeData data;
  knowledge::CrossRefs refs;
  knowledge::Diagnostics diag;
  // One value per fact: "${spike.none_max_pct}" in a text or a condition is that threshold's
  // value as written in its file, so a sentence can never state another number than the rule.
  const auto values = knowledge::threshold_values(files);
  for (const auto& f : files)
    knowledge::parse_file(f.name, knowledge::expand_thresholds(f, values, diag), data, refs, diag);
  knowledge::validate(data, refs, diag);
  if (!diag.empty()) {
    std::string all;
    for (const auto& m : diag.messages()) all += (all.empty() ? "" : "\n") + m;
    return fail(Error{all});
  }
  return KnowledgeBase(std::move(data));
}

Expected<KnowledgeBase> KnowledgeBase::load_embedded() {
  std::vector<KnowledgeFile> files;
  for (const auto& f : embedded_files_knowledge())
    files.push_back({std::string(f.name), std::string(f.bytes)});
  return load_files(files);
}

Expected<KnowledgeBase> KnowledgeBase::load_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return fail("{}: knowledge folder not found", dir.string());
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path());
  if (ec) return fail("{}: cannot list folder: {}", dir.string(), ec.message());
  if (paths.empty()) return fail("{}: no .yaml files in the knowledge folder", dir.string());
  std::sort(paths.begin(), paths.end());
  std::vector<KnowledgeFile> files;
  for (const auto& p : paths) {
    auto text = read_file_text(p);
    if (!text) return fail(text.error());
    files.push_back({p.filename().string(), std::move(*text)});
  }
  return load_files(files);
}

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}
}  // namespace

const Threshold* KnowledgeBase::threshold(std::string_view id) const {
  return find_by_id(data_.thresholds, id);
}
const Citation* KnowledgeBase::citation(std::string_view id) const {
  return find_by_id(data_.citations, id);
}
KnowledgeBase::KnowledgeBase(KnowledgeData data) : data_(std::move(data)) {
  for (std::size_t i = 0; i < data_.questions.size(); ++i)
    question_index_.emplace(data_.questions[i].id, i);
}

const std::vector<std::string>& required_threshold_ids() {
  static const std::vector<std::string> ids = {
      // data/load_thresholds.yaml: the load analysis holds no copy (load/thresholds.h)
      "spike.window_days", "spike.none_max_pct", "spike.small_max_pct", "spike.moderate_max_pct",
      "spike.recent_days", "weekly.change_flag_pct", "acwr.acute_days", "acwr.chronic_days",
      "acwr.context_high", "monotony.high", "coverage.min_days", "coverage.gap_days",
      "form.recent_days", "form.baseline_days", "form.cadence_change_pct",
      "form.cadence_medial_spm", "form.overstride_cadence_drop_pct", "form.downhill_grade_pct",
      "fitness.fitness_days", "fitness.fatigue_days", "trimp.rest_hr", "trimp.max_hr",
      // data/scoring.yaml
      "assess.answer_runs_tolerance_pct", "assess.answer_runs_tolerance_abs", "assess.runs_current_days",
      "assess.history_weekly_jump_pct",
      "assess.history_cadence_drop_pct",
      "assess.history_step_length_rise_pct",
      "assess.history_downhill_share_pct",
      "assess.history_low_cadence_spm",
      "assess.history_weight_spike_large",
      "assess.history_weight_spike_moderate",
      "assess.history_weight_spike_small",
      "assess.history_weight_no_spike",
      "assess.history_weight_two_week_jump",
      "assess.history_weight_weekly_jump",
      "assess.history_weight_low_cadence",
      "assess.history_weight_cadence_drop",
      "assess.history_weight_step_length_rise",
      "assess.history_weight_downhill"};
  return ids;
}

const QuestionSection* KnowledgeBase::question_section(std::string_view section) const {
  for (const auto& s : data_.question_sections) {
    if (s.section == section) return &s;
  }
  return nullptr;
}

const Question* KnowledgeBase::question(std::string_view id) const {
  auto it = question_index_.find(id);
  return it == question_index_.end() ? nullptr : &data_.questions[it->second];
}
const Cause* KnowledgeBase::cause(std::string_view id) const {
  return find_by_id(data_.causes, id);
}
const Condition* KnowledgeBase::condition(std::string_view id) const {
  return find_by_id(data_.conditions, id);
}
const Exercise* KnowledgeBase::exercise(std::string_view id) const {
  return find_by_id(data_.exercises, id);
}
const UrgencyLevel* KnowledgeBase::urgency_level(std::string_view id) const {
  return find_by_id(data_.urgency_levels, id);
}
double KnowledgeBase::threshold_or(std::string_view id, double fallback) const {
  const Threshold* t = threshold(id);
  return t ? t->value : fallback;
}

}  // namespace rk
