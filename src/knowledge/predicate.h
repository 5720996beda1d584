#pragma once
// A condition over answers, read from the knowledge base (`when`, `ask_if`, `skip_if`). The
// knowledge module parses and validates predicates; assess/ evaluates them against answers.
//
// YAML forms (docs/knowledge-base.md):
//   {onset: sudden}                 equality (a bool, number or value id)
//   {age: {gte: 55}}                lt, lte, gt, gte, eq, ne, in: [..], has: x, has_any: [..],
//                                   answered: true|false
//   {all: [..]} {any: [..]} {not: {..}}; several keys in one map mean "all of them".

#include <string>
#include <vector>

namespace rk {

struct Predicate {
  enum class Op { kAll, kAny, kNot, kEq, kNe, kLt, kLte, kGt, kGte, kIn, kHas, kHasAny, kAnswered };
  Op op = Op::kAll;
  std::string subject;              // question or derived-fact id (comparisons)
  std::vector<std::string> values;  // raw scalars for eq, ne, in, has, has_any, answered
  double number = 0;                // lt, lte, gt, gte
  std::vector<Predicate> children;  // all, any, not
  std::string file;                 // where it was written, for validation messages
  int line = 0;
};

/// The question ids a predicate mentions (for the "ask_if uses only earlier questions" check).
void collect_subjects(const Predicate& p, std::vector<std::string>& out);

}  // namespace rk
