#pragma once
// How soon to be seen, as one type: the assessment's urgency levels (data/triage.yaml's
// urgency_levels), most urgent first. Strings appear only at the edges (JSON, the store, data
// text ids): parse_urgency reads one, urgency_name writes it.

#include <optional>
#include <string_view>

namespace rk {

enum class Urgency { kEmergency, kUrgent, kSoon, kSelfCare };

/// "emergency", "urgent", "soon", "self_care": the id in data/ and in every JSON.
constexpr std::string_view urgency_name(Urgency u) {
  switch (u) {
    case Urgency::kEmergency:
      return "emergency";
    case Urgency::kUrgent:
      return "urgent";
    case Urgency::kSoon:
      return "soon";
    case Urgency::kSelfCare:
      return "self_care";
  }
  return "self_care";
}

/// The level named `name`; nullopt for anything else.
constexpr std::optional<Urgency> parse_urgency(std::string_view name) {
  for (Urgency u : {Urgency::kEmergency, Urgency::kUrgent, Urgency::kSoon, Urgency::kSelfCare})
    if (urgency_name(u) == name) return u;
  return std::nullopt;
}

/// Seen today or sooner: emergency or urgent.
constexpr bool seen_today(Urgency u) {
  return u == Urgency::kEmergency || u == Urgency::kUrgent;
}

}  // namespace rk
