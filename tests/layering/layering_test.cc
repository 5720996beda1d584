// The layering ARCHITECTURE.md promises, checked on every build's tests: a module includes only
// modules below it in the layer list, and only modules it links (target_link_libraries, directly
// or through a module it links publicly). Each src/ folder is one module.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = RUNKNEE_SOURCE_DIR;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Module -> rank, 0 at the bottom; modules on one line share a rank (peers may not include
/// each other). From the code block under "## The layering rule".
std::map<std::string, int> layers_of(const std::string& architecture) {
  std::vector<std::vector<std::string>> lines;  // top first
  const auto start = architecture.find("## The layering rule");
  if (start == std::string::npos) return {};
  const auto open = architecture.find("```", start);
  const auto close = architecture.find("```", open + 3);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::istringstream block(architecture.substr(open + 3, close - open - 3));
  static const std::regex kLine(R"(^([a-z_]+(?:, [a-z_]+)*)(?:\s{2,}.*)?$)");
  for (std::string line; std::getline(block, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, kLine)) continue;
    std::vector<std::string> mods;
    std::istringstream names(m[1].str());
    for (std::string n; std::getline(names, n, ',');) {
      mods.push_back(n.substr(n.find_first_not_of(' ')));
    }
    lines.push_back(std::move(mods));
  }
  std::map<std::string, int> rank;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (const auto& m : lines[i]) rank[m] = static_cast<int>(lines.size() - 1 - i);
  }
  return rank;
}

using Links = std::map<std::string, std::set<std::string>>;

/// module -> the modules its targets link (rk_<module>; runknee_core stands for its list).
Links links_of(const fs::path& src, const std::map<std::string, int>& rank) {
  static const std::regex kCall(R"(target_link_libraries\(\s*(\S+)([^)]*)\))");
  static const std::regex kCore(R"(target_link_libraries\(\s*runknee_core\s+INTERFACE([^)]*)\))");
  auto modules_in = [&](const std::string& args, std::set<std::string>& out,
                        const std::set<std::string>& core) {
    std::istringstream words(args);
    for (std::string w; words >> w;) {
      if (w == "runknee_core") out.insert(core.begin(), core.end());
      if (w.rfind("rk_", 0) == 0 && rank.count(w.substr(3))) out.insert(w.substr(3));
    }
  };
  std::set<std::string> core;
  const std::string top = read(src / "CMakeLists.txt");
  if (std::smatch m; std::regex_search(top, m, kCore)) modules_in(m[1].str(), core, {});
  Links links;
  for (const auto& [module, _] : rank) {
    const std::string text = read(src / module / "CMakeLists.txt");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kCall);
         it != std::sregex_iterator(); ++it) {
      modules_in((*it)[2].str(), links[module], core);
    }
    links[module].erase(module);
  }
  return links;
}

std::set<std::string> reachable(const Links& links, const std::string& from) {
  std::set<std::string> seen;
  std::vector<std::string> todo{from};
  while (!todo.empty()) {
    const std::string m = todo.back();
    todo.pop_back();
    const auto it = links.find(m);
    if (it == links.end()) continue;
    for (const auto& n : it->second) {
      if (seen.insert(n).second) todo.push_back(n);
    }
  }
  return seen;
}

/// "file:line: what" for every include that breaks the rule.
std::vector<std::string> check_include(const std::string& where, const std::string& own,
                                       const std::string& included,
                                       const std::map<std::string, int>& rank,
                                       const Links& links) {
  if (included == own) return {};
  if (!rank.count(included)) return {where + ": includes '" + included + "/', not a listed module"};
  if (!rank.count(own)) return {where + ": module '" + own + "' is not in the layer list"};
  if (rank.at(included) >= rank.at(own)) {
    return {where + ": " + own + " includes " + included + "/, which is not below it"};
  }
  if (!reachable(links, own).count(included)) {
    return {where + ": " + own + " includes " + included + "/ but does not link rk_" + included};
  }
  return {};
}

std::vector<std::string> check_tree(const fs::path& src, const std::map<std::string, int>& rank,
                                    const Links& links) {
  static const std::regex kInclude(R"(^\s*#\s*include\s*"([a-z_]+)/)");
  std::vector<std::string> problems;
  for (const auto& e : fs::recursive_directory_iterator(src)) {
    const auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".h" && ext != ".cc")) continue;
    const auto rel = fs::relative(e.path(), src);
    const std::string own = rel.begin()->string();
    std::ifstream in(e.path());
    int n = 0;
    for (std::string line; std::getline(in, line);) {
      ++n;
      std::smatch m;
      if (!std::regex_search(line, m, kInclude)) continue;
      for (auto& p : check_include("src/" + rel.string() + ":" + std::to_string(n), own,
                                   m[1].str(), rank, links)) {
        problems.push_back(std::move(p));
      }
    }
  }
  return problems;
}

TEST(Layering, ArchitectureListsEveryModule) {
  const auto rank = layers_of(read(kRoot / "ARCHITECTURE.md"));
  ASSERT_GE(rank.size(), 10u);
  for (const auto& e : fs::directory_iterator(kRoot / "src")) {
    if (!e.is_directory()) continue;
    EXPECT_TRUE(rank.count(e.path().filename().string()))
        << "src/" << e.path().filename().string() << " is missing from ARCHITECTURE.md's layers";
  }
  EXPECT_LT(rank.at("util"), rank.at("model"));
  EXPECT_LT(rank.at("app"), rank.at("server"));
  EXPECT_EQ(rank.at("formats"), rank.at("store"));
}

TEST(Layering, EveryIncludeIsOfALinkedModuleBelow) {
  const auto rank = layers_of(read(kRoot / "ARCHITECTURE.md"));
  ASSERT_FALSE(rank.empty());
  const Links links = links_of(kRoot / "src", rank);
  const auto problems = check_tree(kRoot / "src", rank, links);
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_TRUE(problems.empty()) << all;
}

// The checker itself finds each kind of break (so the test above can fail).
TEST(Layering, CheckerFindsUpwardPeerAndUnlinkedIncludes) {
  const std::map<std::string, int> rank = {
      {"util", 0}, {"formats", 1}, {"store", 1}, {"load", 2}, {"plan", 3}};
  const Links links = {{"formats", {"util"}}, {"store", {"util"}}, {"load", {"store", "util"}},
                       {"plan", {"load"}}};
  EXPECT_TRUE(check_include("a", "plan", "util", rank, links).empty());  // through load
  EXPECT_EQ(check_include("a", "util", "plan", rank, links).size(), 1u);  // upward
  EXPECT_EQ(check_include("a", "store", "formats", rank, links).size(), 1u);  // a peer
  EXPECT_EQ(check_include("a", "load", "formats", rank, links).size(), 1u);  // not linked
  EXPECT_EQ(check_include("a", "plan", "server", rank, links).size(), 1u);  // not listed
}

TEST(Layering, ReadsTheLayerListTopFirst) {
  const auto rank = layers_of(
      "# x\n## The layering rule\n\n```\ncli                 top\nformats, store      two\n"
      "util                bottom\n```\n");
  EXPECT_EQ(rank.at("util"), 0);
  EXPECT_EQ(rank.at("store"), 1);
  EXPECT_EQ(rank.at("formats"), 1);
  EXPECT_EQ(rank.at("cli"), 2);
}

}  // namespace
