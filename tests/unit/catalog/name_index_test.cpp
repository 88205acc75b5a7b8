// The catalog's lookup structures: lowerHash folds exactly the ASCII capitals, NameIndex finds
// every name in any case and nothing else, and the `r`/`a` line readers take a line's numbers
// (or nothing, for a line that does not read).
#include "catalog/name_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "catalog/parsed_service.h"

namespace rootpol::catalog {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

// Every other letter upper-case.
std::string mixed(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); i += 2) out[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i])));
  return out;
}

TEST(LowerHash, FoldsExactlyTheAsciiCapitals) {
  // Each byte at each place of a word and of the tail (lengths 1 to 17).
  for (std::size_t length = 1; length <= 17; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text(length, 'q');
        text[at] = static_cast<char>(byte);
        const char c = static_cast<char>(byte);
        const std::string other = [&] {
          std::string t = text;
          t[at] = (c >= 'A' && c <= 'Z') ? lower(c) : static_cast<char>(byte ^ 0x20);
          return t;
        }();
        if (c >= 'A' && c <= 'Z') {
          EXPECT_EQ(lowerHash(text), lowerHash(other)) << length << " " << at << " " << byte;
        } else if (!(c >= 'a' && c <= 'z')) {
          // '@' and '`', '[' and '{', 0xC1 and 0xE1, ...: not letters, not folded.
          EXPECT_NE(lowerHash(text), lowerHash(other)) << length << " " << at << " " << byte;
        }
      }
    }
  }
  EXPECT_NE(lowerHash("ab"), lowerHash(std::string_view("ab\0", 3)));
  EXPECT_EQ(lowerHash(""), lowerHash(std::string_view()));
}

TEST(EqualsIgnoreCase, AnswersAsTheByteLoopForEachByteAtEachPlace) {
  // The word-at-a-time compare against compareIgnoreCase's byte loop: lengths 0 to 17 (short
  // words, whole words, an overlapping last word), each byte against each case of the other.
  for (std::size_t length = 0; length <= 17; ++length) {
    for (std::size_t at = 0; at < std::max<std::size_t>(length, 1); ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text(length, 'q');
        if (length > 0) text[at] = static_cast<char>(byte);
        for (const std::string& other : {text, upper(text), lowered(text), mixed(text), std::string(length, 'Q'),
                                         std::string(length, 'r'), text + "q"}) {
          EXPECT_EQ(equalsIgnoreCase(text, other), compareIgnoreCase(text, other) == 0)
              << length << " " << at << " " << byte << " " << other;
          EXPECT_EQ(equalsIgnoreCase(other, text), equalsIgnoreCase(text, other)) << other;
        }
        if (length == 0) break;
        std::string flipped = text;
        flipped[at] = static_cast<char>(byte ^ 0x20);
        const char c = static_cast<char>(byte);
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        EXPECT_EQ(equalsIgnoreCase(text, flipped), letter) << length << " " << at << " " << byte;
      }
    }
  }
  EXPECT_TRUE(equalsIgnoreCase("s3:GetObject", "S3:getobject"));
  EXPECT_FALSE(equalsIgnoreCase("s3:GetObject", "s3:GetObjecu"));
  EXPECT_FALSE(equalsIgnoreCase("a", std::string_view("a\0", 2)));
}

TEST(NameIndex, EveryPrefixOfTheCatalogInAnyCaseAndNothingElse) {
  const std::vector<std::string_view> prefixes = Catalog::builtin().servicePrefixes();
  ASSERT_GT(prefixes.size(), 400u);
  auto at = [&](std::uint32_t i) { return prefixes[i]; };
  NameIndex index;
  index.build(static_cast<std::uint32_t>(prefixes.size()), at);
  const std::set<std::string> known = [&] {
    std::set<std::string> out;
    for (std::string_view p : prefixes) out.insert(lowered(p));
    return out;
  }();
  for (std::uint32_t i = 0; i < prefixes.size(); ++i) {
    const std::string_view p = prefixes[i];
    for (const std::string& spelling : {std::string(p), upper(p), mixed(p)}) {
      EXPECT_EQ(index.find(spelling, at), std::optional<std::uint32_t>(i)) << spelling;
    }
    for (const std::string& unknown : {std::string(p) + "x", std::string(p.substr(0, p.size() - 1)),
                                       "x" + std::string(p), std::string(p) + ":"}) {
      if (!known.contains(lowered(unknown))) {
        EXPECT_FALSE(index.find(unknown, at).has_value()) << unknown;
      }
    }
  }
  EXPECT_FALSE(index.find("", at).has_value());
}

TEST(NameIndex, EmptyAndCaseDuplicates) {
  const std::vector<std::string_view> none;
  NameIndex empty;
  auto noneAt = [&](std::uint32_t i) { return none[i]; };
  EXPECT_FALSE(empty.find("s3", noneAt).has_value());  // never built
  empty.build(0, noneAt);
  EXPECT_FALSE(empty.find("s3", noneAt).has_value());
  // Of names equal but for case, the first is found.
  const std::vector<std::string_view> names = {"Get", "GET", "put", "get"};
  auto at = [&](std::uint32_t i) { return names[i]; };
  NameIndex index;
  index.build(static_cast<std::uint32_t>(names.size()), at);
  EXPECT_EQ(index.find("gEt", at), std::optional<std::uint32_t>(0));
  EXPECT_EQ(index.find("PUT", at), std::optional<std::uint32_t>(2));
  EXPECT_FALSE(index.find("ge", at).has_value());
}

TEST(ParsedServiceLines, ActionAndResourceLinesReadOrLeaveNothing) {
  std::vector<std::uint32_t> refs = {7};  // numbers of earlier lines stay
  const LineRefs action = readActionLine("a\tGetObject\tRW\t0*,1\t2", 2, 3, refs);
  ASSERT_TRUE(action.ok);
  EXPECT_EQ(action.access, kRead | kWrite);
  EXPECT_EQ(std::vector<std::uint32_t>(refs.begin() + action.first, refs.begin() + action.middle),
            (std::vector<std::uint32_t>{1, 2}));  // 0 required, 1 not
  EXPECT_EQ(std::vector<std::uint32_t>(refs.begin() + action.middle, refs.begin() + action.end),
            (std::vector<std::uint32_t>{2}));
  const LineRefs none = readActionLine("a\tList\tL\t-\t-", 2, 3, refs);
  ASSERT_TRUE(none.ok);
  EXPECT_EQ(none.first, none.end);
  const std::size_t before = refs.size();
  for (std::string_view bad : {"a\tX\tL\t2\t-", "a\tX\tL\t0\t3", "a\tX\tLQ\t0\t0", "a\tX\tL\t0", "r\tX\tL\t0\t0",
                               "a\tX\tL\t0,\t-"}) {
    const LineRefs read = readActionLine(bad, 2, 3, refs);
    EXPECT_FALSE(read.ok) << bad;
    EXPECT_EQ(refs.size(), before) << bad;
    EXPECT_EQ(read.first, read.end) << bad;
  }
  const LineRefs resource = readResourceLine("r\tobject\tarn:${Partition}:s3:::${Key}\t0,2", 3, refs);
  ASSERT_TRUE(resource.ok);
  EXPECT_EQ(resource.arns, "arn:${Partition}:s3:::${Key}");
  EXPECT_EQ(resource.first, resource.middle);
  EXPECT_EQ(std::vector<std::uint32_t>(refs.begin() + resource.middle, refs.begin() + resource.end),
            (std::vector<std::uint32_t>{0, 2}));
  const std::size_t after = refs.size();
  for (std::string_view bad : {"r\tobject\t-\t3", "r\tobject\t-\t0*", "r\tobject\t-", "k\tobject\t-\t0"}) {
    EXPECT_FALSE(readResourceLine(bad, 3, refs).ok) << bad;
    EXPECT_EQ(refs.size(), after) << bad;
  }
}

TEST(TemplateHeads, MatchFromTheHeadAnswersAsTemplateMatch) {
  EXPECT_EQ(literalHead("aws:PrincipalTag/${TagKey}"), "aws:PrincipalTag/");
  EXPECT_EQ(literalHead("s3:ExistingObjectTag/<key>"), "s3:ExistingObjectTag/");
  EXPECT_EQ(literalHead("${Domain}.example"), "");
  EXPECT_EQ(literalHead("a<b"), "a<b");  // no variable
  const std::vector<std::string_view> templates = {"aws:PrincipalTag/${TagKey}", "${Domain}.example",
                                                   "x/${A}/${B}", "k:<key>", "token.${D}.ghe.com"};
  const std::vector<std::string_view> keys = {"aws:PrincipalTag/team", "AWS:PRINCIPALTAG/t", "aws:PrincipalTag/",
                                              "aws:PrincipalTag", "a.example", ".example", "x/1/2", "x//2",
                                              "K:v", "k:", "token.a.ghe.com", "token..ghe.com", "", "b"};
  for (std::string_view t : templates) {
    for (std::string_view k : keys) {
      EXPECT_EQ(templateMatchFrom(literalHead(t), t, k), templateMatch(t, k)) << t << " " << k;
    }
  }
}

}  // namespace
}  // namespace rootpol::catalog
