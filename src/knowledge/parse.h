#pragma once
// Internal: turns one YAML file into the parts of KnowledgeData it holds. Shape problems
// (unknown or missing keys, wrong kinds of value, out-of-range numbers) are reported here;
// checks across files (citations, question ids in predicates, duplicates) are in validate.cc.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "knowledge/diagnostics.h"
#include "knowledge/knowledge_base.h"

namespace rk::knowledge {

/// Where something was written: for messages about it after all files are read.
struct Loc {
  std::string file;
  int line = 0;
};

/// References and definitions noted while parsing, checked once every file is read.
struct CrossRefs {
  struct Ref {
    Loc loc;
    std::string kind;  // "citation", "cause", "exercise", "urgency level"
    std::string id;
    std::string owner;  // "cause 'overuse'"
  };
  struct Def {
    Loc loc;
    std::string kind;  // id namespace: "rule", "question", "cause", ...
    std::string id;
  };
  std::vector<Ref> refs;
  std::vector<Def> defs;
  std::vector<std::pair<Loc, std::string>> templates;  // reason texts with {answer} fields
  std::vector<Loc> question_locs;                      // parallel to KnowledgeData::questions
};

/// Every threshold's value as written in the files (`thresholds: [{id, value}]`), by id.
std::map<std::string, std::string> threshold_values(const std::vector<KnowledgeFile>& files);
/// The file's text with each "${threshold.id}" replaced by that value; an unknown id is reported
/// at its line.
std::string expand_thresholds(const KnowledgeFile& file,
                              const std::map<std::string, std::string>& values, Diagnostics& diag);

/// Adds what `text` holds to `data`; problems go to `diag`.
void parse_file(std::string_view name, std::string_view text, KnowledgeData& data, CrossRefs& refs,
                Diagnostics& diag);

/// Cross-file checks on the complete data.
void validate(const KnowledgeData& data, const CrossRefs& refs, Diagnostics& diag);

}  // namespace rk::knowledge
