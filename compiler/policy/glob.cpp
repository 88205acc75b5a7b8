#include "policy/glob.h"

#include "base/text.h"

namespace rootpol::policy {
namespace {

// The greedy glob match: on a mismatch, the last `*` of the pattern takes one more character
// and matching resumes after it. Exact whenever every other pattern character takes exactly
// one text character, as in IAM globs, with no recursion and no table. `takes(p, t)`: whether
// pattern character `p` (not `*`) takes text character `t`.
template <typename Takes>
bool greedyMatch(std::string_view pattern, std::string_view text, Takes takes) {
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = kNone;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && takes(pattern[p], text[t])) {
      ++p;
      ++t;
    } else if (star != kNone) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool sameChar(char a, char b, bool ignoreCase) {
  return a == b || (ignoreCase && asciiLower(a) == asciiLower(b));
}

}  // namespace

bool globMatch(std::string_view pattern, std::string_view text, bool ignoreCase) {
  if (pattern.size() == 1 && pattern[0] == '*') return true;
  return greedyMatch(pattern, text,
                     [&](char p, char t) { return p == '?' || sameChar(p, t, ignoreCase); });
}

// `narrow` read as a text whose `*` and `?` are characters of their own: a `*` of `wide` takes
// any of them, a `?` of `wide` any but `*` (one character for one), a literal only its equal.
bool patternCovers(std::string_view wide, std::string_view narrow, bool ignoreCase) {
  if (wide.size() == 1 && wide[0] == '*') return true;
  return greedyMatch(wide, narrow, [&](char w, char n) {
    if (w == '?') return n != '*';
    return n != '*' && n != '?' && sameChar(w, n, ignoreCase);
  });
}

}  // namespace rootpol::policy
