#include "plan/ics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "test_helpers.h"

namespace rk::plan {
namespace {

using testing::kToday;
using testing::rules;

// A small RFC 5545 reader for the test: unfold, split NAME;PARAMS:VALUE, unescape TEXT.
struct Event {
  std::map<std::string, std::string> props;  // name (with params) -> value
};

std::string unescape(const std::string& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      const char n = v[++i];
      out += (n == 'n' || n == 'N') ? '\n' : n;
    } else {
      out += v[i];
    }
  }
  return out;
}

std::vector<Event> parse_ics(const std::string& text, std::vector<std::string>& physical) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find("\r\n", pos);
    if (end == std::string::npos) throw std::runtime_error("line without CRLF");
    std::string line = text.substr(pos, end - pos);
    physical.push_back(line);
    if (!line.empty() && line[0] == ' ') {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    pos = end + 2;
  }
  std::vector<Event> events;
  bool in_event = false;
  for (const auto& l : lines) {
    if (l == "BEGIN:VEVENT") {
      events.emplace_back();
      in_event = true;
    } else if (l == "END:VEVENT") {
      in_event = false;
    } else if (in_event) {
      const auto colon = l.find(':');
      events.back().props[l.substr(0, colon)] = unescape(l.substr(colon + 1));
    }
  }
  return events;
}

Plan sample_plan() {
  PlanInputs in;
  in.has_assessment = true;
  in.today = kToday;
  in.runs = {{kToday - 2, 9, 55}, {kToday - 6, 6, 36}, {kToday - 20, 12, 75}};
  in.causes = {{"poor_form", 0.8}, {"hip_weakness", 0.6}};
  in.cadence_spm = 162;
  return generate_plan(in, PlanState{}, rules(), 6);
}

TEST(Ics, RoundTripsEverySession) {
  const auto plan = sample_plan();
  const auto text = write_ics(plan, 1764072000);  // 2025-11-25T12:00:00Z
  std::vector<std::string> physical;
  const auto events = parse_ics(text, physical);
  std::size_t sessions = 0;
  for (const auto& w : plan.weeks) sessions += w.sessions.size();
  ASSERT_EQ(events.size(), sessions);
  ASSERT_GT(sessions, 10u);
  EXPECT_EQ(physical.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(physical.back(), "END:VCALENDAR");
  for (const auto& l : physical) EXPECT_LE(l.size(), 75u) << l;
  EXPECT_EQ(text.find('\n', 0), text.find("\r\n") + 1);  // first LF belongs to a CRLF
  std::size_t i = 0;
  std::set<std::string> uids;
  for (const auto& w : plan.weeks) {
    for (const auto& s : w.sessions) {
      const auto& e = events[i++].props;
      EXPECT_EQ(e.at("SUMMARY"), s.title);
      std::string compact = s.date;
      compact.erase(std::remove(compact.begin(), compact.end(), '-'), compact.end());
      EXPECT_EQ(e.at("DTSTART;VALUE=DATE"), compact);
      EXPECT_EQ(e.at("DTSTAMP"), "20251125T120000Z");
      EXPECT_NE(e.at("DESCRIPTION").find("Why: " + s.why), std::string::npos);
      EXPECT_NE(e.at("DESCRIPTION").find(s.details), std::string::npos);
      EXPECT_TRUE(uids.insert(e.at("UID")).second) << "duplicate UID";
    }
  }
}

TEST(Ics, EscapesText) {
  EXPECT_EQ(ics_escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}

TEST(Ics, FoldsAt75OctetsWithoutSplittingUtf8) {
  std::string line = "DESCRIPTION:";
  for (int i = 0; i < 40; ++i) line += "\xC3\xA9";  // é, two octets each
  const auto folded = ics_fold_line(line);
  std::size_t start = 0;
  std::string unfolded;
  while (true) {
    const auto end = folded.find("\r\n", start);
    const auto part = folded.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(part.size(), 75u);
    EXPECT_NE(static_cast<unsigned char>(part.back()), 0xC3u);  // no cut after a lead byte
    unfolded += start == 0 ? part : part.substr(1);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  EXPECT_EQ(unfolded, line);
}

TEST(Ics, TimedSessionsCarryATimeOfDayAndAReminder) {
  const auto plan = sample_plan();
  IcsOptions o;
  o.minute_of_day = 18 * 60 + 30;
  const auto text = write_ics(plan, 1764072000, o);
  std::size_t sessions = 0;
  for (const auto& w : plan.weeks) sessions += w.sessions.size();
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("BEGIN:VEVENT\r\n"), sessions);
  EXPECT_EQ(count("BEGIN:VALARM\r\n"), sessions);
  EXPECT_EQ(count("END:VALARM\r\n"), sessions);
  EXPECT_EQ(count("TRIGGER:-PT30M\r\n"), sessions);
  EXPECT_EQ(count("ACTION:DISPLAY\r\n"), sessions);
  EXPECT_EQ(count("VALUE=DATE"), 0u);
  const auto first = plan.weeks.front().sessions.front();
  std::string day = first.date;
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  EXPECT_NE(text.find("DTSTART:" + day + "T183000\r\n"), std::string::npos);
  // Without a time: all-day events and no alarms, as before.
  EXPECT_EQ(write_ics(plan, 1764072000).find("VALARM"), std::string::npos);
}

}  // namespace
}  // namespace rk::plan
