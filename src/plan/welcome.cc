#include "plan/welcome.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "plan/embedded_data.h"
#include "util/error.h"

namespace rk::plan {

Expected<Welcome> parse_welcome(std::string_view yaml, std::string_view file) {
  Welcome w;
  try {
    const auto root = YAML::Load(std::string(yaml));
    if (!root["title"] || !root["intro"] || !root["steps"]) {
      return fail("{}: needs 'title', 'intro' and 'steps'", file);
    }
    w.title = root["title"].as<std::string>();
    w.intro = root["intro"].as<std::string>();
    for (const auto& n : root["steps"]) {
      if (!n["id"] || !n["title"] || !n["text"]) {
        return fail("{}:{}: a step needs 'id', 'title' and 'text'", file, n.Mark().line + 1);
      }
      WelcomeStep s{n["id"].as<std::string>(),     n["title"].as<std::string>(),
                    n["text"].as<std::string>(),   n["command"].as<std::string>(""),
                    n["href"].as<std::string>(""), {}};
      for (const auto& note : n["notes"]) s.notes.push_back(note.as<std::string>());
      w.steps.push_back(std::move(s));
    }
  } catch (const YAML::Exception& e) {
    return fail("{}:{}: {}", file, e.mark.line + 1, e.msg);
  }
  return w;
}

const Welcome& welcome() {
  static const Welcome w = [] {
    const auto text = embedded_plan_file("plan/welcome.yaml");
    if (!text) throw InvariantError("plan/welcome.yaml is not compiled in");
    auto parsed = parse_welcome(*text, "plan/welcome.yaml");
    if (!parsed) throw InvariantError(parsed.error().message);
    return *parsed;
  }();
  return w;
}

nlohmann::json to_json(const Welcome& w) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : w.steps) {
    steps.push_back({{"id", s.id},
                     {"title", s.title},
                     {"text", s.text},
                     {"command", s.command},
                     {"href", s.href},
                     {"notes", s.notes}});
  }
  return {{"title", w.title}, {"intro", w.intro}, {"steps", steps}};
}

std::string render_welcome_text(const Welcome& w) {
  std::string out = w.title + "\n\n" + w.intro + "\n";
  int n = 0;
  for (const auto& s : w.steps) {
    out += fmt::format("\n{}. {}: {}\n   {}\n", ++n, s.title, s.command, s.text);
    for (const auto& note : s.notes) out += fmt::format("   - {}\n", note);
  }
  out += "\n`runknee --help` lists every command.\n";
  return out;
}

}  // namespace rk::plan
