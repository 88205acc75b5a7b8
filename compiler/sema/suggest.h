#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rootpol::sema {

// Case-insensitive Levenshtein distance.
std::size_t editDistance(std::string_view a, std::string_view b);

// The closest candidate within a distance proportional to the word's length, if any
// ("did you mean" help).
std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace rootpol::sema
