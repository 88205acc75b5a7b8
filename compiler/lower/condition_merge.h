#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "policy/document.h"

namespace rootpol::lower {

enum class MergeResult { Added, Contradiction, Inexpressible };

// Adds `entry` to the AND of `entries`. A condition block holds one value list per
// (operator, key), so a second test of the same pair is folded in exactly: negated operators
// take the union of values, StringEquals the intersection, orderings the tighter bound, and
// a second positive test moves to the operator's `IfExists` form (exact, because the first
// test already requires the key). Contradiction: the AND can never hold.
MergeResult mergeCondition(std::vector<policy::ConditionEntry>& entries, policy::ConditionEntry entry);

// A condition block built by mergeCondition(), with an index on (operator, key) so that a
// long conjunction does not rescan every entry for every test.
class ConditionBlock {
 public:
  MergeResult add(policy::ConditionEntry entry);
  std::vector<policy::ConditionEntry> take() { return std::move(entries_); }

 private:
  static std::string indexKey(std::string_view op, std::string_view key);

  std::vector<policy::ConditionEntry> entries_;
  std::unordered_map<std::string, std::size_t> index_;  // (op, lower-case key) -> first position
  std::unordered_map<std::size_t, std::unordered_set<std::string>> valueSets_;  // of united entries
};

}  // namespace rootpol::lower
