#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/document.h"

// Optional action compression (`rootpol compile --wildcard-actions`, docs/packing.md §1): in a
// Deny statement's Action list, the actions of a service that are every action the catalog
// knows under one name prefix become that prefix with `*` (`iam:Delete*` for the 14
// `iam:Delete…` actions). Exact for the catalog of today only: AWS adds actions, and a wildcard
// matches them too. In a Deny `Action` list that denies more later (fail closed), so only
// there; never in an Allow (it would allow more) nor in `NotAction` (it would deny less).
namespace rootpol::pack {

// The names (without the `service:` prefix) of the actions the catalog knows for a service,
// sorted without regard to case; empty for a service it does not know.
using KnownActions = std::function<std::vector<std::string>(std::string_view service)>;

// Rewrites `statement`'s Action list in place as above, when it is a Deny with `Action`.
void compressActions(policy::Statement& statement, const KnownActions& known);

}  // namespace rootpol::pack
