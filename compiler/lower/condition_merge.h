#pragma once

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

}  // namespace rootpol::lower
