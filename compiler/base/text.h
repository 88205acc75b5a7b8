#pragma once

#include <algorithm>
#include <string_view>

// ASCII case folding: AWS compares service prefixes, actions and condition-key names without
// regard to case, and every stage needs the same comparison.
namespace rootpol {

inline char asciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return asciiLower(x) == asciiLower(y); });
}

}  // namespace rootpol
