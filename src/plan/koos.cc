#include "plan/koos.h"

#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <istream>
#include <ostream>
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
  const auto scales = root["scales"];
  if (!scales || !scales.IsSequence()) return fail("{}: missing list 'scales'", file);
  for (const auto& n : scales) {
    if (!n["id"] || !n["anchors"] || !n["anchors"].IsSequence()) {
      return fail("{}: scale needs 'id' and a list 'anchors'", at(file, n));
    }
    KoosScale sc{n["id"].as<std::string>(), {}};
    for (const auto& a : n["anchors"]) sc.anchors.push_back(a.as<std::string>());
    // Every KOOS item is a five-box Likert item scored 0..4.
    if (sc.anchors.size() != 5) {
      return fail("{}: scale '{}' needs 5 answer words, has {}", at(file, n), sc.id,
                  sc.anchors.size());
    }
    if (s.scale(sc.id)) return fail("{}: scale '{}' listed twice", at(file, n), sc.id);
    s.scales.push_back(std::move(sc));
  }
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
      if (!item.IsMap() || !item["id"] || !item["scale"]) {
        return fail("{}: item needs 'id' and 'scale'", at(file, item));
      }
      KoosItem it{item["id"].as<std::string>(), item["scale"].as<std::string>(),
                  item["reversed"] ? item["reversed"].as<bool>(false) : false};
      if (!seen.insert(it.id).second) {
        return fail("{}: item '{}' listed twice", at(file, item), it.id);
      }
      if (!s.scale(it.scale)) {
        return fail("{}: item '{}': unknown scale '{}'", at(file, item), it.id, it.scale);
      }
      sub.items.push_back(it.id);
      sub.entries.push_back(std::move(it));
    }
    if (sub.items.empty()) return fail("{}: subscale '{}' has no items", at(file, n), sub.id);
    s.subscales.push_back(std::move(sub));
  }
  return s;
}

const KoosItem* KoosStructure::item(std::string_view id) const {
  for (const auto& sub : subscales) {
    for (const auto& e : sub.entries) {
      if (e.id == id) return &e;
    }
  }
  return nullptr;
}

const KoosScale* KoosStructure::scale(std::string_view id) const {
  for (const auto& sc : scales) {
    if (sc.id == id) return &sc;
  }
  return nullptr;
}

std::vector<std::string> KoosStructure::anchors(std::string_view item_id) const {
  const auto* it = item(item_id);
  if (!it) return {};
  const auto* sc = scale(it->scale);
  if (!sc) return {};
  std::vector<std::string> out = sc->anchors;
  if (it->reversed) std::reverse(out.begin(), out.end());
  return out;
}

int KoosStructure::max_score(std::string_view item_id) const {
  const auto a = anchors(item_id);
  return a.empty() ? 0 : static_cast<int>(a.size()) - 1;
}

Expected<int> koos_score_of_word(const KoosStructure& s, std::string_view item,
                                 std::string_view word) {
  const auto words = s.anchors(item);
  if (words.empty()) return fail("unknown KOOS item '{}'", item);
  auto lower = [](std::string_view v) {
    std::string out(v);
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  };
  const std::string w = lower(word);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (lower(words[i]) == w) return static_cast<int>(i);
  }
  return fail("item '{}': '{}' is not one of its answers ({})", item, word, fmt::join(words, ", "));
}

Expected<KoosStructure> koos_structure() {
  auto text = embedded_plan_file("plan/koos.yaml");
  if (!text) return fail("plan/koos.yaml is not compiled in");
  return parse_koos_structure(*text, "plan/koos.yaml");
}

namespace {

/// Bad input about one item: the whole message for a person, the item as the field at fault.
Unexpected<Error> bad_item(std::string message, const std::string& id, std::string reason) {
  return fail(Error{std::move(message), ErrorKind::kBadInput, {},
                    {Error{std::move(reason), ErrorKind::kBadInput, id, {}}}});
}

}  // namespace

Expected<KoosAnswers> koos_answers_from_json(const nlohmann::json& j, std::string_view where,
                                             const KoosStructure& s) {
  const nlohmann::json& body = j.is_object() && j.contains("answers") ? j["answers"] : j;
  if (!body.is_object()) {
    return fail(Error{fmt::format("{}: expected an object of item id -> 0..4", where),
                      ErrorKind::kBadInput, {}, {}});
  }
  KoosAnswers out;
  for (const auto& [id, v] : body.items()) {
    if (!s.item(id)) {
      return bad_item(fmt::format("{}: unknown KOOS item '{}'", where, id), id, "unknown item");
    }
    if (v.is_null()) continue;
    if (v.is_string()) {
      auto score = koos_score_of_word(s, id, v.get<std::string>());
      if (!score) {
        return bad_item(fmt::format("{}: {}", where, score.error().message), id,
                        score.error().message);
      }
      out[id] = *score;
      continue;
    }
    const int max = s.max_score(id);
    // Compared as 64-bit (4294967297 must not wrap to 1); beyond int64 is out of range too.
    const bool in_range = v.is_number_unsigned()
                              ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                              : v.is_number_integer() && v.get<std::int64_t>() >= 0 &&
                                    v.get<std::int64_t>() <= max;
    if (!in_range) {
      const std::string reason = fmt::format(
          "answer must be 0-{}, one of its answer words, or null, got {}", max, v.dump());
      return bad_item(fmt::format("{}: item '{}': {}", where, id, reason), id, reason);
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

std::string koos_anchor_line(const std::vector<std::string>& anchors) {
  std::string out;
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    if (i) out += " \u00b7 ";
    out += std::to_string(i);
    out += ' ';
    out += anchors[i];
  }
  return out;
}

Expected<KoosAnswers> ask_koos_items(const KoosStructure& s,
                                     const std::map<std::string, std::string>& text,
                                     std::istream& in, std::ostream& out) {
  out << "KOOS: think of your knee during the last week. For each item type the number of the "
         "box you ticked (0 = first box) or its word; press Enter to skip.\n";
  if (text.empty()) out << "Items are shown by their number on your KOOS form.\n";
  KoosAnswers answers;
  for (const auto& sub : s.subscales) {
    out << "\n" << sub.name << " (" << sub.items.size() << " items)\n";
    std::vector<std::string> shown;
    for (const auto& id : sub.items) {
      const auto words = s.anchors(id);
      if (words != shown) {
        out << "  Answers: " << koos_anchor_line(words) << "\n";
        shown = words;
      }
      auto t = text.find(id);
      const std::string prompt =
          t != text.end() ? fmt::format("  {} {}", id, t->second) : fmt::format("  {}", id);
      bool done = false;
      for (int attempt = 0; attempt < 3 && !done; ++attempt) {
        out << prompt << ": " << std::flush;
        std::string line;
        if (!std::getline(in, line)) return answers;  // end of input: keep what was answered
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
          line.pop_back();
        }
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) {
          line.erase(line.begin());
        }
        if (line.empty()) {
          done = true;
          break;
        }
        const int max = s.max_score(id);
        if (line.size() == 1 && std::isdigit(static_cast<unsigned char>(line[0]))) {
          const int v = line[0] - '0';
          if (v <= max) {
            answers[id] = v;
            done = true;
            break;
          }
        } else if (auto v = koos_score_of_word(s, id, line)) {
          answers[id] = *v;
          done = true;
          break;
        }
        out << "    answer 0-" << max << " or one of: " << fmt::format("{}", fmt::join(words, ", "))
            << "\n";
      }
      if (!done) return fail("{}: no valid answer after three tries", id);
    }
  }
  return answers;
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
    // Each answer as a fraction of its item's range (0 = no problems, 1 = extreme); with the
    // KOOS's 0..4 items this is the guide's 100 - mean x 100 / 4.
    double sum = 0;
    for (const auto& item : sub.items) {
      auto it = answers.find(item);
      const int max = s.max_score(item);
      if (it == answers.end() || max <= 0) continue;
      ++sc.answered;
      sum += static_cast<double>(it->second) / max;
    }
    // 2012 guide: at least half the items, i.e. 5 of 9, 4 of 7, 9 of 17, 3 of 5, 2 of 4.
    if (sc.answered > 0 && 2 * sc.answered >= sc.total) {
      sc.score = 100.0 - sum / sc.answered * 100.0;
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
