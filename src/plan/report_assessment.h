#pragma once
// What the physio report says about the latest assessment, in plain labelled rows: the clinical
// picture (onset, mechanism, location, pain scores, duration and trend), every warning-sign
// question asked with its answer, the medicines with their safety answers, then urgency,
// causes and conditions. Built from the stored result with the knowledge base's own question
// prompts and answer labels, so no id reaches the reader.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "knowledge/knowledge_base.h"

namespace rk::plan {

struct ReportRow {
  std::string label, value;
  bool flagged = false;  // a warning sign that holds, or a medicine to avoid
};

struct ReportAssessment {
  std::string date;
  std::string urgency_label;
  std::vector<std::string> urgency_reasons;
  std::vector<ReportRow> picture;        // about the person and the pain
  std::vector<ReportRow> warning_signs;  // every warning-sign question asked: yes / no / skipped
  std::vector<std::string> red_flags;    // the warning signs that hold, with what to do
  std::vector<ReportRow> medicine_answers;  // the painkiller-safety questions answered "yes"
  std::vector<ReportRow> medicines;         // suitable / check first / avoid, with the reason
  std::vector<ReportRow> causes;            // name -> fit and first reason
  std::vector<ReportRow> conditions;        // consistent with (not a diagnosis)
  std::string spike;                        // the run spike around the onset, when any
};

/// nullopt-like: an empty urgency label when the result cannot be read.
ReportAssessment report_assessment(const KnowledgeBase& kb, const nlohmann::json& result,
                                   const std::string& date);

}  // namespace rk::plan
