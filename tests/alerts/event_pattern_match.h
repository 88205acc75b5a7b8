#pragma once

#include <stdexcept>

#include <nlohmann/json.hpp>

// A test-side EventBridge event pattern matcher: exactly the operators the patterns of
// stdlib/alert_classes.json use, with the semantics of AWS's docs and of aws/event-ruler
// (the open-source matcher behind EventBridge):
//
// - fields of one object are ANDed; the values listed for a leaf field are ORed;
// - an object value nests (`"detail": {"userIdentity": {...}}`); a field the event lacks, or
//   has as an object where the pattern expects a leaf, counts as absent;
// - a leaf value in the event that is an array matches when one of its elements does;
// - exact values compare by JSON type and value (`"true"` is not `true`);
// - `{"exists": true|false}` matches the presence or absence of the leaf;
// - `{"anything-but": v}` or `{"anything-but": [v, ...]}` matches a present value that is none
//   of them (never an absent field);
// - `{"prefix": "s"}` matches a present string starting with s;
// - `"$or": [p1, p2, ...]` (two or more objects) matches when one of them matches at its level.
//
// Anything else throws UnsupportedPattern, so a class that starts using another operator fails
// its tests until the matcher learns it.
namespace rootpol::testing {

struct UnsupportedPattern : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool matchesPattern(const nlohmann::json& pattern, const nlohmann::json& event);

}  // namespace rootpol::testing
