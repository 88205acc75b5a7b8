#pragma once

#include <optional>
#include <string>
#include <vector>

#include "policy/document.h"

// The values of one condition key that tell its classes apart, from the entries that test it:
// every literal, values just below and above each number and date, an address inside each CIDR
// block and one outside all, `true` and `false`, one string no literal equals or matches.
namespace rootpol::diff {

std::vector<std::string> candidateValues(const std::vector<const policy::ConditionEntry*>& entries);

}  // namespace rootpol::diff
