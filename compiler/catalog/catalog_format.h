#pragma once

// Internal to the catalog library: the text format's primitives (case-insensitive order,
// templates, field splitting, key records). Only the catalog library includes it.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace rootpol::catalog {

constexpr std::string_view kMagic = "#rootpol-catalog ";
constexpr int kFormatVersion = 1;

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Byte order of the ASCII-lowercased texts: the order the catalog is sorted in.
inline int compareIgnoreCase(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] == b[i]) continue;  // the common case, and cheaper than lowering both
    const auto x = static_cast<unsigned char>(lower(a[i]));
    const auto y = static_cast<unsigned char>(lower(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// Each ASCII capital of eight bytes lowered; no other byte changes. The capitals are found with
// carries (no branch per character) and get their 0x20 bit.
inline std::uint64_t lowerWord(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t low7 = x & ~kHigh;
  const std::uint64_t atLeastA = low7 + (0x80 - 'A') * kOnes;    // bit 7 set where >= 'A'
  const std::uint64_t aboveZ = low7 + (0x80 - 'Z' - 1) * kOnes;  // bit 7 set where > 'Z'
  const std::uint64_t upper = atLeastA & ~aboveZ & ~x & kHigh;   // ASCII 'A'..'Z' only
  return x | (upper >> 2);                                       // 0x80 >> 2 == 0x20
}

inline std::uint64_t loadWord(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

// The bytes of a text shorter than eight bytes (size 1 to 7) as one word, each byte in it: two
// four-byte loads that may overlap, or three single bytes. Texts of one size map to equal words
// exactly when their bytes are equal, without a call to memcpy of a variable size.
inline std::uint64_t shortWord(const char* p, std::size_t size) {
  if (size >= 4) {
    std::uint32_t head, tail;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + size - 4, 4);
    return head | static_cast<std::uint64_t>(tail) << 32;
  }
  const auto byte = [&](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])); };
  return byte(0) | byte(size / 2) << 8 | byte(size - 1) << 16;
}

// Calls visit(word) for each eight bytes of `text`, then for the rest: the last eight bytes
// (overlapping the words before) or, for a text under eight bytes, its shortWord. Two texts of
// one size give equal words exactly when their bytes are equal.
template <typename Visit>
inline void forEachWord(std::string_view text, Visit visit) {
  const std::size_t n = text.size();
  if (n < 8) {
    if (n > 0) visit(shortWord(text.data(), n));
    return;
  }
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) visit(loadWord(text.data() + i));
  if (i < n) visit(loadWord(text.data() + n - 8));
}

// compareIgnoreCase(a, b) == 0, eight bytes at a time: equal words need no lowering.
inline bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n < 8) {
    if (n == 0) return true;
    const std::uint64_t x = shortWord(a.data(), n), y = shortWord(b.data(), n);
    return x == y || lowerWord(x) == lowerWord(y);
  }
  auto same = [&](std::size_t i) {
    const std::uint64_t x = loadWord(a.data() + i), y = loadWord(b.data() + i);
    return x == y || lowerWord(x) == lowerWord(y);
  };
  for (std::size_t i = 0; i + 8 <= n; i += 8) {
    if (!same(i)) return false;
  }
  return same(n - 8);
}

inline bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}


// Whether `s` has a wildcard. (A loop: string_view::find_first_of calls memchr on the set for
// every character.) The catalog stands apart from base/, which has the same test.
inline bool hasWildcard(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c == '*' || c == '?'; });
}

// End of a template variable starting at `i` (`${...}` or `<...>`), or 0 when none starts there.
inline std::size_t variableEnd(std::string_view s, std::size_t i) {
  if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
    const std::size_t close = s.find('}', i + 2);
    return close == std::string_view::npos ? 0 : close + 1;
  }
  if (s[i] == '<') {
    const std::size_t close = s.find('>', i + 1);
    return close == std::string_view::npos ? 0 : close + 1;
  }
  return 0;
}

inline bool isTemplate(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] == '$' || s[i] == '<') && variableEnd(s, i) != 0) return true;
  }
  return false;
}

// A template variable is `?*` in glob terms: the classic one-star backtracking suffices.
inline bool templateMatch(std::string_view tmpl, std::string_view key) {
  constexpr std::size_t npos = std::string_view::npos;
  std::size_t p = 0, t = 0, starP = npos, starT = 0;
  for (;;) {
    if (p == tmpl.size() && t == key.size()) return true;
    if (p < tmpl.size()) {
      if (const std::size_t end = variableEnd(tmpl, p); end != 0) {
        if (t < key.size()) {
          starP = end;
          starT = t + 1;
          p = end;
          t = starT;
          continue;
        }
      } else if (t < key.size() && lower(tmpl[p]) == lower(key[t])) {
        ++p;
        ++t;
        continue;
      }
    }
    if (starP == npos || starT >= key.size()) return false;
    p = starP;
    t = ++starT;
  }
}

// The text of a template before its first variable (all of a text without one).
inline std::string_view literalHead(std::string_view tmpl) {
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if ((tmpl[i] == '$' || tmpl[i] == '<') && variableEnd(tmpl, i) != 0) return tmpl.substr(0, i);
  }
  return tmpl;
}

// templateMatch(tmpl, key) for a template (isTemplate) whose literalHead is `head`: a key that
// matches starts with the head and is longer (a variable stands for one character or more),
// which most keys fail at their first character, without a call.
inline bool templateMatchFrom(std::string_view head, std::string_view tmpl, std::string_view key) {
  return key.size() > head.size() && (head.empty() || lower(head[0]) == lower(key[0])) &&
         startsWithIgnoreCase(key, head) && templateMatch(tmpl, key);
}

// Splits a line into exactly `n` tab-separated fields; false if the count differs.
template <std::size_t N>
inline bool splitFields(std::string_view line, std::array<std::string_view, N>& out) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < N; ++i) {
    const std::size_t tab = line.find('\t', start);
    if (i + 1 == N) {
      if (tab != std::string_view::npos) return false;
      out[i] = line.substr(start);
    } else {
      if (tab == std::string_view::npos) return false;
      out[i] = line.substr(start, tab - start);
      start = tab + 1;
    }
  }
  for (std::string_view field : out) {
    if (field.empty()) return false;
  }
  return true;
}

inline bool parseNumber(std::string_view s, std::uint64_t& value) {
  if (s.empty() || s.size() > 12) return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && ptr == s.data() + s.size();
}

constexpr std::array<std::string_view, 7> kBaseNames = {"String", "ARN",       "Bool",  "Numeric",
                                                        "Date",   "IPAddress", "Binary"};
constexpr std::array<std::string_view, 7> kArrayNames = {
    "ArrayOfString", "ArrayOfARN",       "ArrayOfBool",  "ArrayOfNumeric",
    "ArrayOfDate",   "ArrayOfIPAddress", "ArrayOfBinary"};

struct KeyRec {
  std::string_view name;
  KeyType type;
  bool templated = false;
  std::string_view head;  // literalHead(name), for templateMatchFrom
};

inline std::optional<KeyRec> parseKeyFields(std::string_view name, std::string_view typeName) {
  const auto type = keyTypeFromName(typeName);
  if (!type) return std::nullopt;
  return KeyRec{name, *type, isTemplate(name), literalHead(name)};
}

// The field after the one-letter kind and its tab, up to the next tab: the name of a `k`, `r`
// or `a` line, the prefix of an `i` line. The whole rest when the line has no second tab.
inline std::string_view firstField(std::string_view line) {
  const std::string_view rest = line.substr(std::min<std::size_t>(2, line.size()));
  return rest.substr(0, rest.find('\t'));
}

// `-`, or `,`-separated numbers below `limit` (each may end in `*` when allowRequired).
inline bool parseRefs(std::string_view list, std::size_t limit, bool allowRequired,
               std::vector<std::uint32_t>& refs) {
  if (list == "-") return true;
  std::size_t p = 0;
  while (p <= list.size()) {
    const std::size_t comma = std::min(list.find(',', p), list.size());
    std::string_view item = list.substr(p, comma - p);
    bool required = false;
    if (allowRequired && !item.empty() && item.back() == '*') {
      required = true;
      item.remove_suffix(1);
    }
    std::uint64_t value = 0;
    if (!parseNumber(item, value) || value >= limit) return false;
    refs.push_back(allowRequired ? static_cast<std::uint32_t>(value << 1 | (required ? 1 : 0))
                                 : static_cast<std::uint32_t>(value));
    p = comma + 1;
  }
  return true;
}

inline std::size_t lineNumberAt(std::string_view text, std::size_t pos) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + pos, '\n'));
}

struct Alias {
  std::string_view prefix;  // may be a template ("token.actions.githubusercontent.com/${SubPath}")
  std::size_t slot = 0;
  bool templated = false;
  std::string_view head;  // literalHead(prefix), for templateMatchFrom
};

}  // namespace rootpol::catalog
