#include "assess/answers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "util/error.h"

namespace rk {
namespace {

std::string allowed_ids(const Question& q) {
  std::string out;
  for (const auto& c : q.values) out += (out.empty() ? "" : ", ") + c.id;
  return out;
}

bool has_choice(const Question& q, std::string_view id) {
  return std::any_of(q.values.begin(), q.values.end(), [&](const Choice& c) { return c.id == id; });
}

std::string range_text(const Question& q) {
  if (q.min && q.max) return fmt::format("{} to {}", *q.min, *q.max);
  if (q.min) return fmt::format("at least {}", *q.min);
  if (q.max) return fmt::format("at most {}", *q.max);
  return "any";
}

/// Checks one JSON value against its question; returns the problem or the value.
Expected<AnswerValue> check_json(const Question& q, const nlohmann::json& v) {
  switch (q.type) {
    case QuestionType::kBool:
      if (!v.is_boolean()) return fail("expected true or false, got {}", v.dump());
      return AnswerValue(v.get<bool>());
    case QuestionType::kInt:
    case QuestionType::kNumber: {
      if (!v.is_number()) return fail("expected a number, got {}", v.dump());
      const double d = v.get<double>();
      if (q.type == QuestionType::kInt && d != std::floor(d))
        return fail("expected a whole number, got {}", v.dump());
      if ((q.min && d < *q.min) || (q.max && d > *q.max))
        return fail("{} is out of range ({})", v.dump(), range_text(q));
      return AnswerValue(d);
    }
    case QuestionType::kEnum:
      if (!v.is_string() || !has_choice(q, v.get<std::string>()))
        return fail("expected one of {}; got {}", allowed_ids(q), v.dump());
      return AnswerValue(v.get<std::string>());
    case QuestionType::kMulti: {
      if (!v.is_array()) return fail("expected a list of {}; got {}", allowed_ids(q), v.dump());
      std::vector<std::string> ids;
      for (const auto& item : v) {
        if (!item.is_string() || !has_choice(q, item.get<std::string>()))
          return fail("{} is not one of {}", item.dump(), allowed_ids(q));
        if (std::find(ids.begin(), ids.end(), item.get<std::string>()) == ids.end())
          ids.push_back(item.get<std::string>());
      }
      return AnswerValue(std::move(ids));
    }
    case QuestionType::kText:
      if (!v.is_string()) return fail("expected a text, got {}", v.dump());
      if (q.max && static_cast<double>(v.get<std::string>().size()) > *q.max)
        return fail("text is longer than {} characters", *q.max);
      return AnswerValue(v.get<std::string>());
  }
  return fail("unsupported question type");
}

std::optional<double> number_fact(const Facts& f, const char* id) {
  auto it = f.find(id);
  if (it == f.end() || !std::holds_alternative<double>(it->second)) return std::nullopt;
  return std::get<double>(it->second);
}

double round1(double v) {
  return std::round(v * 10) / 10;
}

bool matches_scalar(const AnswerValue& v, const std::string& raw) {
  if (const bool* b = std::get_if<bool>(&v)) return *b == (raw == "true" || raw == "yes");
  if (const double* d = std::get_if<double>(&v)) return *d == std::strtod(raw.c_str(), nullptr);
  if (const std::string* s = std::get_if<std::string>(&v)) return *s == raw;
  return false;
}

bool contains(const AnswerValue& v, const std::string& id) {
  const auto* list = std::get_if<std::vector<std::string>>(&v);
  return list && std::find(list->begin(), list->end(), id) != list->end();
}

nlohmann::json predicate_to_json(const Predicate& p) {
  using Op = Predicate::Op;
  auto kids = [&] {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& c : p.children) a.push_back(predicate_to_json(c));
    return a;
  };
  switch (p.op) {
    case Op::kAll:
      return {{"all", kids()}};
    case Op::kAny:
      return {{"any", kids()}};
    case Op::kNot:
      return {{"not", predicate_to_json(p.children.front())}};
    case Op::kLt:
      return {{p.subject, {{"lt", p.number}}}};
    case Op::kLte:
      return {{p.subject, {{"lte", p.number}}}};
    case Op::kGt:
      return {{p.subject, {{"gt", p.number}}}};
    case Op::kGte:
      return {{p.subject, {{"gte", p.number}}}};
    case Op::kIn:
      return {{p.subject, {{"in", p.values}}}};
    case Op::kHasAny:
      return {{p.subject, {{"has_any", p.values}}}};
    case Op::kHas:
      return {{p.subject, {{"has", p.values.front()}}}};
    case Op::kNe:
      return {{p.subject, {{"ne", p.values.front()}}}};
    case Op::kAnswered:
      return {{p.subject, {{"answered", p.values.front() == "true"}}}};
    case Op::kEq:
      return {{p.subject, p.values.front()}};
  }
  return nullptr;
}

}  // namespace

const AnswerValue* Answers::find(std::string_view id) const {
  auto it = values.find(std::string(id));
  return it == values.end() ? nullptr : &it->second;
}

Expected<Answers> answers_from_json(const KnowledgeBase& kb, const nlohmann::json& j,
                                    std::string_view source) {
  if (!j.is_object()) {
    return fail(Error{
        fmt::format("{}: expected a JSON object of answers {{\"question_id\": value, ...}}", source),
        ErrorKind::kBadInput, {}, {}});
  }
  std::vector<Error> problems;  // one per question, field = the question id
  auto problem = [&problems](const std::string& id, std::string reason) {
    problems.push_back(Error{std::move(reason), ErrorKind::kBadInput, id, {}});
  };
  for (const auto& [key, value] : j.items())
    if (!kb.question(key)) problem(key, "unknown question id");
  Answers a;
  Facts so_far;
  for (const Question& q : kb.questions()) {  // catalogue order, so ask_if sees earlier answers
    auto it = j.find(q.id);
    const bool given = it != j.end() && !it->is_null();
    if (!should_ask(q, so_far)) continue;  // not asked: an answer given anyway is ignored
    if (!given) {
      if (q.required) problem(q.id, "missing required answer");
      continue;
    }
    auto v = check_json(q, *it);
    if (!v) {
      problem(q.id, v.error().message);
      continue;
    }
    a.values[q.id] = *v;
    so_far[q.id] = std::move(*v);
  }
  if (!problems.empty()) {
    std::string all;  // "answers.json: 'age': 200 is out of range (0-120)", one line each
    for (const auto& p : problems) {
      if (!all.empty()) all += '\n';
      all += fmt::format("{}: '{}': {}", source, p.field, p.message);
    }
    return fail(Error{std::move(all), ErrorKind::kBadInput, {}, std::move(problems)});
  }
  return a;
}

Expected<Answers> answers_from_text(const KnowledgeBase& kb, std::string_view text,
                                    std::string_view source) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {  // the library reports syntax this way
    std::string what = e.what();
    if (auto pos = what.find("parse error at "); pos != std::string::npos)
      what = what.substr(pos + 15);
    return fail(Error{fmt::format("{}: not valid JSON: {}", source, what), ErrorKind::kBadInput,
                      {}, {}});
  }
  return answers_from_json(kb, j, source);
}

nlohmann::json answers_to_json(const KnowledgeBase& kb, const Answers& a) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [id, v] : a.values) {
    const Question* q = kb.question(id);
    if (const double* d = std::get_if<double>(&v)) {
      if (q && q->type == QuestionType::kInt)
        out[id] = static_cast<long long>(*d);
      else
        out[id] = *d;
    } else {
      // An init-capture: clang 14 (the fuzz build) cannot capture a structured binding.
      std::visit([&out, &key = id](const auto& x) { out[key] = x; }, v);
    }
  }
  return out;
}

Expected<std::optional<AnswerValue>> parse_reply(const Question& q, std::string_view reply) {
  std::string r(reply);
  r.erase(0, r.find_first_not_of(" \t\r\n"));
  r.erase(r.find_last_not_of(" \t\r\n") + 1);
  if (r.empty()) return std::optional<AnswerValue>();
  auto choice = [&](std::string token) -> Expected<std::string> {
    char* end = nullptr;
    const long n = std::strtol(token.c_str(), &end, 10);
    if (*end == '\0' && n >= 1 && static_cast<std::size_t>(n) <= q.values.size())
      return q.values[static_cast<std::size_t>(n - 1)].id;
    if (has_choice(q, token)) return token;
    return fail("'{}' is not one of the choices; type its number or its name", token);
  };
  nlohmann::json j;
  switch (q.type) {
    case QuestionType::kBool: {
      std::string low = r;
      std::transform(low.begin(), low.end(), low.begin(), ::tolower);
      if (low == "y" || low == "yes" || low == "true") return std::optional<AnswerValue>(true);
      if (low == "n" || low == "no" || low == "false") return std::optional<AnswerValue>(false);
      return fail("please answer yes or no");
    }
    case QuestionType::kInt:
    case QuestionType::kNumber: {
      // A distance question (its id names km) also takes miles: "12 mi", "12 miles", "19 km".
      std::string num = r;
      double factor = 1;
      const bool distance = q.id.find("_km") != std::string::npos;
      if (distance) {
        for (const auto& [suffix, f] : {std::pair<const char*, double>{"miles", 1.609344},
                                        {"mile", 1.609344},
                                        {"mi", 1.609344},
                                        {"km", 1.0}}) {
          const std::string sfx(suffix);
          if (num.size() > sfx.size() && num.compare(num.size() - sfx.size(), sfx.size(), sfx) == 0) {
            num.erase(num.size() - sfx.size());
            num.erase(num.find_last_not_of(' ') + 1);
            factor = f;
            break;
          }
        }
      }
      char* end = nullptr;
      const double d = std::strtod(num.c_str(), &end);
      if (num.empty() || *end != '\0' || !std::isfinite(d)) {
        return fail("please type a number ({}){}", range_text(q),
                    distance ? ", or a distance in miles like 12 mi" : "");
      }
      j = factor == 1 ? d : std::round(d * factor * 100) / 100;
      break;
    }
    case QuestionType::kEnum: {
      auto id = choice(r);
      if (!id) return fail(id.error());
      j = *id;
      break;
    }
    case QuestionType::kMulti: {
      j = nlohmann::json::array();
      std::stringstream ss(r);
      for (std::string token; std::getline(ss, token, ',');) {
        token.erase(0, token.find_first_not_of(' '));
        token.erase(token.find_last_not_of(' ') + 1);
        if (token.empty()) continue;
        auto id = choice(token);
        if (!id) return fail(id.error());
        j.push_back(*id);
      }
      break;
    }
    case QuestionType::kText:
      j = r;
      break;
  }
  auto v = check_json(q, j);
  if (!v) return fail(v.error());
  return std::optional<AnswerValue>(std::move(*v));
}

bool should_ask(const Question& q, const Facts& facts) {
  return !q.ask_if || evaluate(*q.ask_if, facts);
}

Facts compute_facts(const Answers& a) {
  Facts f(a.values.begin(), a.values.end());
  auto pct = [&](const char* now, const char* before, const char* out) {
    auto n = number_fact(f, now), b = number_fact(f, before);
    if (n && b && *b > 0) f[out] = round1((*n / *b - 1) * 100);
  };
  pct("weekly_km_now", "weekly_km_before", "weekly_change_pct");
  pct("longest_recent_km", "longest_before_km", "long_run_spike_pct");
  std::optional<double> max_pain;
  for (const char* id : {"pain_during", "pain_after", "pain_morning"})
    if (auto v = number_fact(f, id)) max_pain = std::max(max_pain.value_or(0), *v);
  if (max_pain) f["max_pain"] = *max_pain;
  return f;
}

const std::vector<std::string>* derived_sources(std::string_view fact) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kSources = {
      {"weekly_change_pct", {"weekly_km_now", "weekly_km_before"}},
      {"long_run_spike_pct", {"longest_recent_km", "longest_before_km"}},
      {"max_pain", {"pain_during", "pain_after", "pain_morning"}}};
  auto it = kSources.find(fact);
  return it == kSources.end() ? nullptr : &it->second;
}

bool evaluate(const Predicate& p, const Facts& facts) {
  using Op = Predicate::Op;
  switch (p.op) {
    case Op::kAll:
      return std::all_of(p.children.begin(), p.children.end(),
                         [&](const Predicate& c) { return evaluate(c, facts); });
    case Op::kAny:
      return std::any_of(p.children.begin(), p.children.end(),
                         [&](const Predicate& c) { return evaluate(c, facts); });
    case Op::kNot:
      return !evaluate(p.children.front(), facts);
    default:
      break;
  }
  auto it = facts.find(p.subject);
  if (p.op == Op::kAnswered) return (it != facts.end()) == (p.values.front() == "true");
  if (it == facts.end()) return p.op == Op::kNe;
  const AnswerValue& v = it->second;
  const double* d = std::get_if<double>(&v);
  switch (p.op) {
    case Op::kEq:
      return matches_scalar(v, p.values.front());
    case Op::kNe:
      return !matches_scalar(v, p.values.front());
    case Op::kLt:
      return d && *d < p.number;
    case Op::kLte:
      return d && *d <= p.number;
    case Op::kGt:
      return d && *d > p.number;
    case Op::kGte:
      return d && *d >= p.number;
    case Op::kIn:
      return std::any_of(p.values.begin(), p.values.end(),
                         [&](const std::string& x) { return matches_scalar(v, x); });
    case Op::kHas:
      return contains(v, p.values.front());
    case Op::kHasAny:
      return std::any_of(p.values.begin(), p.values.end(),
                         [&](const std::string& x) { return contains(v, x); });
    default:
      return false;
  }
}

std::string format_value(const AnswerValue& v) {
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "yes" : "no";
  if (const double* d = std::get_if<double>(&v)) {
    if (*d == std::floor(*d) && std::fabs(*d) < 1e15)
      return fmt::format("{}", static_cast<long long>(*d));
    return fmt::format("{:.1f}", *d);
  }
  if (const std::string* s = std::get_if<std::string>(&v)) return *s;
  std::string out;
  for (const auto& x : std::get<std::vector<std::string>>(v)) out += (out.empty() ? "" : ", ") + x;
  return out;
}

std::string fill_template(std::string_view text, const Facts& facts) {
  // {id} with id made of [a-z0-9_]; anything else is copied as it is.
  auto is_id_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      std::size_t j = i + 1;
      while (j < text.size() && is_id_char(text[j])) ++j;
      if (j > i + 1 && j < text.size() && text[j] == '}') {
        auto f = facts.find(std::string(text.substr(i + 1, j - i - 1)));
        out += f == facts.end() ? "?" : format_value(f->second);
        i = j + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

nlohmann::json questions_schema(const KnowledgeBase& kb) {
  nlohmann::json qs = nlohmann::json::array();
  for (const Question& q : kb.questions()) {
    nlohmann::json j = {{"id", q.id},
                        {"section", q.section},
                        {"prompt", q.prompt},
                        {"type", std::string(to_string(q.type))},
                        {"required", q.required}};
    if (q.only_with_runs) j["only_with_runs"] = true;
    if (!q.help.empty()) j["help"] = q.help;
    if (!q.values.empty()) {
      j["values"] = nlohmann::json::array();
      for (const auto& c : q.values) j["values"].push_back({{"id", c.id}, {"label", c.label}});
    }
    if (q.type == QuestionType::kText) {
      if (q.max) j["max_length"] = static_cast<long long>(*q.max);
    } else {
      if (q.min) j["min"] = *q.min;
      if (q.max) j["max"] = *q.max;
    }
    j["ask_if"] = q.ask_if ? predicate_to_json(*q.ask_if) : nlohmann::json(nullptr);
    qs.push_back(std::move(j));
  }
  return {{"schema_version", 1}, {"questions", qs}};
}

}  // namespace rk
