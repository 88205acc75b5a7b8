#include "policy/glob.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"

namespace rootpol::policy {
namespace {

// The table lint used before the hub had patternCovers (lint/rules/facts.cpp): a dynamic
// program over (position in wide, position in narrow), exact by construction. The hub's
// greedy match must agree with it everywhere. (A fixed table here: the strings are short.)
constexpr std::size_t kMaxLength = 5;
bool coversByTable(std::string_view wide, std::string_view narrow, bool ignoreCase) {
  char ok[kMaxLength + 1][kMaxLength + 1] = {};
  ok[wide.size()][narrow.size()] = 1;
  for (std::size_t i = wide.size(); i-- > 0;) {
    for (std::size_t j = narrow.size() + 1; j-- > 0;) {
      const char w = wide[i];
      if (w == '*') {
        ok[i][j] = ok[i + 1][j] || (j < narrow.size() && ok[i][j + 1]);
      } else if (j < narrow.size()) {
        const char n = narrow[j];
        const bool same = ignoreCase ? asciiLower(w) == asciiLower(n) : w == n;
        const bool one = w == '?' ? n != '*' : (n != '*' && n != '?' && same);
        ok[i][j] = one && ok[i + 1][j + 1];
      }
    }
  }
  return ok[0][0] != 0;
}

// Every string over `alphabet` of length at most `max`.
std::vector<std::string> allStrings(std::string_view alphabet, std::size_t max) {
  std::vector<std::string> out{""};
  for (std::size_t begin = 0, length = 1; length <= max; ++length) {
    const std::size_t end = out.size();
    for (std::size_t i = begin; i < end; ++i) {
      for (char c : alphabet) out.push_back(out[i] + c);
    }
    begin = end;
  }
  return out;
}

TEST(PolicyGlobTest, CoversAgreesWithTheTableOnEveryShortPattern) {
  // Both cases of a letter, a second letter, and both wildcards: 781 strings of up to 4
  // characters on each side.
  const std::vector<std::string> strings = allStrings("aAb*?", kMaxLength - 1);
  std::size_t covered = 0;
  for (const std::string& wide : strings) {
    for (const std::string& narrow : strings) {
      for (bool ignoreCase : {false, true}) {
        const bool expected = coversByTable(wide, narrow, ignoreCase);
        ASSERT_EQ(patternCovers(wide, narrow, ignoreCase), expected)
            << "wide `" << wide << "` narrow `" << narrow << "` ignoreCase " << ignoreCase;
        covered += expected;
      }
    }
  }
  EXPECT_GT(covered, 0u);
}

TEST(PolicyGlobTest, Covers) {
  struct Case {
    const char* wide;
    const char* narrow;
    bool ignoreCase;
    bool covers;
  };
  const Case cases[] = {
      {"*", "anything*", false, true},
      {"s3:*", "s3:Get*", false, true},
      {"s3:Get*", "s3:*", false, false},
      {"s3:?et*", "s3:*et", false, false},  // a `*` of narrow only goes into a `*` of wide
      {"s3:?et*", "s3:?etObject", false, true},
      {"s3:GetObject", "S3:getobject", true, true},
      {"s3:GetObject", "S3:getobject", false, false},
      {"s3:GetObject", "s3:GetObject", false, true},
      {"s3:GetObject", "s3:GetObjec?", false, false},
      {"arn:aws:s3:::b/*", "arn:aws:s3:::b/k/*", false, true},
      {"arn:aws:s3:::b/*", "arn:aws:s3:::b", false, false},
      {"", "", false, true},
      {"a", "", false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.wide) + " covers " + c.narrow);
    EXPECT_EQ(patternCovers(c.wide, c.narrow, c.ignoreCase), c.covers);
  }
}

TEST(PolicyGlobTest, MatchIsACoverOfAText) {
  // On a text without wildcards, covering is matching.
  const std::vector<std::string> patterns = allStrings("ab*?", 4);
  const std::vector<std::string> texts = allStrings("ab", 5);
  for (const std::string& p : patterns) {
    for (const std::string& t : texts) {
      ASSERT_EQ(globMatch(p, t), patternCovers(p, t, false)) << p << " ~ " << t;
    }
  }
}

}  // namespace
}  // namespace rootpol::policy
