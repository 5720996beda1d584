#pragma once
// The first-run welcome (data/plan/welcome.yaml): what runknee does, "start with a knee check",
// "import your runs" with where watch and app exports come from. Shown while no knee check has
// been saved, by the CLI and, through the today JSON, by the web app.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/expected.h"

namespace rk::plan {

struct WelcomeStep {
  std::string id, title, text, command, href;
  std::vector<std::string> notes;
};

struct Welcome {
  std::string title, intro;
  std::vector<WelcomeStep> steps;
};

Expected<Welcome> parse_welcome(std::string_view yaml, std::string_view file);
/// The compiled-in welcome; plan_data_test checks it parses, so a failure here is a bug.
const Welcome& welcome();

nlohmann::json to_json(const Welcome& w);
std::string render_welcome_text(const Welcome& w);

}  // namespace rk::plan
