#include "plan/koos.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

#include "plan/embedded_data.h"
#include "util/error.h"

namespace rk::plan {
namespace {

std::string at(std::string_view file, const YAML::Node& n) {
  return fmt::format("{}:{}", file, n.Mark().line + 1);
}

}  // namespace

std::vector<std::string> KoosStructure::all_items() const {
  std::vector<std::string> out;
  for (const auto& s : subscales) out.insert(out.end(), s.items.begin(), s.items.end());
  return out;
}

Expected<KoosStructure> parse_koos_structure(std::string_view yaml, std::string_view file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return fail("{}:{}: {}", file, e.mark.line + 1, e.msg);
  }
  KoosStructure s;
  if (root["meaningful_change"]) s.meaningful_change = root["meaningful_change"].as<double>(10);
  if (root["citation"]) s.citation = root["citation"].as<std::string>("");
  const auto subs = root["subscales"];
  if (!subs || !subs.IsSequence()) return fail("{}: missing list 'subscales'", file);
  std::set<std::string> seen;
  for (const auto& n : subs) {
    KoosSubscale sub;
    if (!n["id"] || !n["name"] || !n["items"] || !n["items"].IsSequence()) {
      return fail("{}: subscale needs 'id', 'name' and 'items'", at(file, n));
    }
    sub.id = n["id"].as<std::string>();
    sub.name = n["name"].as<std::string>();
    for (const auto& item : n["items"]) {
      auto id = item.as<std::string>();
      if (!seen.insert(id).second) return fail("{}: item '{}' listed twice", at(file, item), id);
      sub.items.push_back(id);
    }
    if (sub.items.empty()) return fail("{}: subscale '{}' has no items", at(file, n), sub.id);
    s.subscales.push_back(std::move(sub));
  }
  return s;
}

Expected<KoosStructure> koos_structure() {
  auto text = embedded_plan_file("plan/koos.yaml");
  if (!text) return fail("plan/koos.yaml is not compiled in");
  return parse_koos_structure(*text, "plan/koos.yaml");
}

Expected<KoosAnswers> koos_answers_from_json(const nlohmann::json& j, std::string_view where,
                                             const KoosStructure& s) {
  const nlohmann::json& body = j.is_object() && j.contains("answers") ? j["answers"] : j;
  if (!body.is_object()) return fail("{}: expected an object of item id -> 0..4", where);
  const auto items = s.all_items();
  const std::set<std::string> known(items.begin(), items.end());
  KoosAnswers out;
  for (const auto& [id, v] : body.items()) {
    if (!known.count(id)) return fail("{}: unknown KOOS item '{}'", where, id);
    if (v.is_null()) continue;
    if (!v.is_number_integer() || v.get<int>() < 0 || v.get<int>() > 4) {
      return fail("{}: item '{}': answer must be 0-4 or null, got {}", where, id, v.dump());
    }
    out[id] = v.get<int>();
  }
  return out;
}

Expected<std::map<std::string, std::string>> parse_koos_item_text(std::string_view yaml,
                                                                  std::string_view file,
                                                                  const KoosStructure& s) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return fail("{}:{}: {}", file, e.mark.line + 1, e.msg);
  }
  const auto items = root["items"];
  if (!items || !items.IsMap()) return fail("{}: missing map 'items' (item id -> text)", file);
  const auto all = s.all_items();
  const std::set<std::string> known(all.begin(), all.end());
  std::map<std::string, std::string> out;
  for (const auto& kv : items) {
    auto id = kv.first.as<std::string>();
    if (!known.count(id)) return fail("{}: unknown KOOS item '{}'", at(file, kv.first), id);
    out[id] = kv.second.as<std::string>();
  }
  return out;
}

const SubscaleScore* KoosScore::find(std::string_view id) const {
  for (const auto& s : subscales) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

KoosScore score_koos(const KoosStructure& s, const KoosAnswers& answers) {
  KoosScore out;
  for (const auto& sub : s.subscales) {
    SubscaleScore sc{sub.id, sub.name, 0, static_cast<int>(sub.items.size()), std::nullopt};
    int sum = 0;
    for (const auto& item : sub.items) {
      auto it = answers.find(item);
      if (it == answers.end()) continue;
      ++sc.answered;
      sum += it->second;
    }
    // 2012 guide: at least half the items, i.e. 5 of 9, 4 of 7, 9 of 17, 3 of 5, 2 of 4.
    if (sc.answered > 0 && 2 * sc.answered >= sc.total) {
      const double mean = static_cast<double>(sum) / sc.answered;
      sc.score = 100.0 - mean * 25.0;
    }
    out.subscales.push_back(sc);
  }
  return out;
}

std::vector<KoosChange> koos_changes(const KoosScore& before, const KoosScore& after,
                                     double threshold) {
  std::vector<KoosChange> out;
  for (const auto& a : after.subscales) {
    KoosChange c{a.id, a.name, std::nullopt, a.score, std::nullopt, false};
    if (const auto* b = before.find(a.id)) c.before = b->score;
    if (c.before && c.after) {
      c.delta = *c.after - *c.before;
      c.meaningful = std::fabs(*c.delta) >= threshold - 1e-9;
    }
    out.push_back(c);
  }
  return out;
}

nlohmann::json to_json(const KoosScore& s) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& sc : s.subscales) {
    arr.push_back({{"id", sc.id},
                   {"name", sc.name},
                   {"answered", sc.answered},
                   {"total", sc.total},
                   {"score", sc.score ? nlohmann::json(*sc.score) : nlohmann::json(nullptr)}});
  }
  return {{"subscales", arr}};
}

Expected<KoosScore> koos_score_from_json(const nlohmann::json& j, std::string_view where) {
  if (!j.is_object() || !j.contains("subscales") || !j["subscales"].is_array()) {
    return fail("{}: missing list 'subscales'", where);
  }
  KoosScore out;
  for (const auto& s : j["subscales"]) {
    SubscaleScore sc;
    sc.id = s.value("id", "");
    sc.name = s.value("name", "");
    sc.answered = s.value("answered", 0);
    sc.total = s.value("total", 0);
    if (s.contains("score") && s["score"].is_number()) sc.score = s["score"].get<double>();
    out.subscales.push_back(sc);
  }
  return out;
}

}  // namespace rk::plan
