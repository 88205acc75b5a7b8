#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

// ASCII case folding: AWS compares service prefixes, actions and condition-key names without
// regard to case, and every stage needs the same comparison.
namespace rootpol {

inline char asciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return asciiLower(x) == asciiLower(y); });
}

// Where the first character of `set` is in `text`, from `from`: string_view::find_first_of
// without libstdc++'s memchr over `set` for every character of `text`, which made the short
// texts and two- or three-character sets of the hot paths (wildcards, ARN fields) costly.
inline std::size_t findAnyOf(std::string_view text, std::string_view set, std::size_t from = 0) {
  for (std::size_t i = from; i < text.size(); ++i) {
    for (char c : set) {
      if (text[i] == c) return i;
    }
  }
  return std::string_view::npos;
}

// Whether `text` has an IAM wildcard: `*` (any run) or `?` (one character).
inline bool hasWildcard(std::string_view text) { return findAnyOf(text, "*?") != std::string_view::npos; }

// Hash containers of strings that are looked up by string_view, without a string made for
// each lookup (the hot paths look up text read from a file).
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
// The same for text compared in any case (condition keys): the hash of the lower-cased text,
// without a copy for a text of up to 128 bytes.
struct IgnoreCaseHash {
  std::size_t operator()(std::string_view s) const {
    char buffer[128];
    if (s.size() > sizeof buffer) {
      std::string lowered(s);
      for (char& c : lowered) c = asciiLower(c);
      return std::hash<std::string_view>{}(lowered);
    }
    for (std::size_t i = 0; i < s.size(); ++i) buffer[i] = asciiLower(s[i]);
    return std::hash<std::string_view>{}(std::string_view(buffer, s.size()));
  }
};
struct IgnoreCaseEqual {
  bool operator()(std::string_view a, std::string_view b) const { return equalsIgnoreCase(a, b); }
};
using TextSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;
template <typename T>
using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

// Text for an HTML page, element content or a quoted attribute value (report.html, diff's page).
inline std::string htmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace rootpol
