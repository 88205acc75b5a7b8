#include "policy/pattern.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "policy/arn.h"
#include "policy/glob.h"

// The hub's compiled patterns: IAM wildcards, policy variables through a resolver, and ARNs
// part by part. How the evaluator's request context resolves variables (key case, several
// values) is tests/unit/eval/request_test.cpp.
namespace rootpol::policy {
namespace {

struct GlobCase {
  const char* pattern;
  const char* text;
  bool matches;
};

// A resolver over fixed values: what the evaluator's request context does for one request.
struct Values {
  std::map<std::string, std::string, std::less<>> values;
  std::optional<std::string_view> operator()(std::string_view key) const {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    return std::string_view(it->second);
  }
};
static_assert(VariableResolver<Values>);
static_assert(VariableResolver<NoVariables>);

TEST(PolicyPatternTest, Wildcards) {
  const GlobCase cases[] = {
      {"*", "", true},
      {"*", "anything:at/all", true},
      {"abc", "abc", true},
      {"abc", "abcd", false},
      {"", "", true},
      {"", "a", false},
      {"a*c", "ac", true},
      {"a*c", "abbbc", true},
      {"a*c", "abbbd", false},
      {"a?c", "abc", true},
      {"a?c", "ac", false},
      {"a??", "abc", true},
      {"*a*b*", "xxaxxbxx", true},
      {"*a*b*", "xxbxxaxx", false},
      {"a*b*c", "abbbcbc", true},
      {"a**", "a", true},
      {"**", "", true},
      {"*?", "", false},
      {"s3:*", "s3:GetObject", true},
      {"prod-*", "Prod-1", false},  // case-sensitive unless asked
      {"*aaa", "aaaaaaaaab", false},
      {"a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", true},
  };
  for (const GlobCase& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " ~ " + c.text);
    EXPECT_EQ(globMatch(c.pattern, c.text), c.matches);
    EXPECT_EQ(Pattern(c.pattern, true, false).matches(c.text, false), c.matches);
    // With variables on but none written, the same.
    EXPECT_EQ(Pattern(c.pattern, true, true).matches(c.text, false, Values{}), c.matches);
  }
  EXPECT_TRUE(Pattern("*", true, false).matchesEverything());
  EXPECT_FALSE(Pattern("*", false, false).matchesEverything());
  EXPECT_FALSE(Pattern("a*", true, false).matchesEverything());
}

TEST(PolicyPatternTest, LiteralWithoutWildcardsAndCaseFolding) {
  EXPECT_TRUE(Pattern("a*b", false, false).matches("a*b", false));
  EXPECT_FALSE(Pattern("a*b", false, false).matches("axb", false));
  EXPECT_FALSE(Pattern("a?b", false, false).matches("axb", false));
  EXPECT_TRUE(Pattern("S3:Get*", true, false).matches("s3:getobject", true));
  EXPECT_FALSE(Pattern("S3:Get*", true, false).matches("s3:getobject", false));
  EXPECT_TRUE(globMatch("S3:Get*", "s3:getobject", true));
  EXPECT_TRUE(Pattern("ABC", false, false).matches("abc", true));
  EXPECT_FALSE(Pattern("ABC", false, false).matches("abd", true));
  EXPECT_TRUE(Pattern().matches("", false));  // default: the empty literal
  EXPECT_FALSE(Pattern().matches("a", false));
  EXPECT_TRUE(Pattern("", true, true).matches("", false));
}

TEST(PolicyPatternTest, Variables) {
  Values values{{{"aws:username", "alice"},
                 {"aws:PrincipalTag/team", "blue"},
                 {"star", "a*"},
                 {"empty", ""}}};
  const GlobCase cases[] = {
      {"${aws:username}", "alice", true},
      {"home/${aws:username}/*", "home/alice/notes", true},
      {"home/${aws:username}/*", "home/bob/notes", false},
      {"${aws:PrincipalTag/team}-*", "blue-1", true},
      {"${ aws:username }", "alice", true},
      {"${aws:missing}", "", false},  // no value: matches nothing
      {"${aws:missing}*", "anything", false},
      {"${aws:missing, 'none'}", "none", true},  // the default
      {"${aws:missing,'none'}", "none", true},
      {"${aws:missing, none}", "none", false},  // not quoted: no default
      {"${aws:username, 'none'}", "alice", true},
      {"${star}", "a*", true},  // a value's `*` is literal
      {"${star}", "abc", false},
      {"${empty}x", "x", true},
      {"a${*}b", "a*b", true},  // escapes
      {"a${*}b", "axb", false},
      {"a${?}", "a?", true},
      {"a${?}", "ab", false},
      {"${$}{x}", "${x}", true},
      {"${", "${", true},        // unterminated: literal
      {"a${}b", "a${}b", true},  // no key: literal
      {"a${ , 'x'}b", "a${ , 'x'}b", true},
      {"${aws:username}-${aws:PrincipalTag/team}-?", "alice-blue-1", true},
  };
  for (const GlobCase& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " ~ " + c.text);
    EXPECT_EQ(Pattern(c.pattern, true, true).matches(c.text, false, values), c.matches);
  }
  Pattern withVariable("${aws:username}", true, true);
  EXPECT_TRUE(withVariable.hasVariables());
  EXPECT_FALSE(withVariable.matches("alice", false));  // no resolver: no value
  EXPECT_TRUE(Pattern("${aws:username, 'x'}", false, true).matches("x", false));
  // Without wildcards a variable still substitutes, and `*` stays literal.
  EXPECT_TRUE(Pattern("${aws:username}*", false, true).matches("alice*", false, values));
  EXPECT_FALSE(Pattern("${aws:username}*", false, true).matches("alice1", false, values));
  // A value is folded like the rest under ignoreCase.
  EXPECT_TRUE(Pattern("${aws:username}", false, true).matches("ALICE", true, values));
}

// Variables off (a document that is not 2012-10-17): `${...}` is text, wildcards still work.
TEST(PolicyPatternTest, VariablesOffAreText) {
  Values values{{{"aws:username", "alice"}}};
  Pattern literal("${aws:username}", false, false);
  EXPECT_FALSE(literal.hasVariables());
  EXPECT_TRUE(literal.matches("${aws:username}", false, values));
  EXPECT_FALSE(literal.matches("alice", false, values));
  Pattern glob("home/${aws:username}/*", true, false);
  EXPECT_TRUE(glob.matches("home/${aws:username}/notes", false, values));
  EXPECT_FALSE(glob.matches("home/alice/notes", false, values));
  // `${*}` is no escape either: its `*` is a wildcard.
  EXPECT_TRUE(Pattern("a${*}b", true, false).matches("a${xyz}b", false));
}

TEST(PolicyPatternTest, ManyVariablesMatchNothingRatherThanAllocate) {
  std::string text;
  Values values;
  for (int i = 0; i < 17; ++i) {
    text += "${k" + std::to_string(i) + "}";
    values.values["k" + std::to_string(i)] = "v";
  }
  EXPECT_FALSE(Pattern(text, true, true).matches(std::string(17, 'v'), false, values));
  text.resize(text.find("${k16}"));
  EXPECT_TRUE(Pattern(text, true, true).matches(std::string(16, 'v'), false, values));
}

TEST(PolicyPatternTest, ArnPartWise) {
  Values values{{{"aws:PrincipalAccount", "111122223333"}}};
  const GlobCase cases[] = {
      {"arn:aws:iam::*:root", "arn:aws:iam::111122223333:root", true},
      {"arn:*:iam::*:root", "arn:aws-cn:iam::111122223333:root", true},
      {"arn:aws:iam::*:root", "arn:aws:iam::111122223333:role/root", false},
      {"arn:aws:iam::*:ROOT", "arn:aws:iam::111122223333:root", false},  // case-sensitive
      {"arn:aws:iam::11112222333?:root", "arn:aws:iam::111122223333:root", true},
      // `*` stays inside its part: the account part "1" matches, the resource "2:root" does not.
      {"arn:aws:iam::1*:root", "arn:aws:iam::1:2:root", false},
      // ... but the resource part keeps its colons.
      {"arn:aws:s3:::bucket*", "arn:aws:s3:::bucket:extra", true},
      {"arn:aws:logs:*:*:log-group:/a/*", "arn:aws:logs:us-east-1:1:log-group:/a/b:*", true},
      {"arn:aws:iam::*", "arn:aws:iam::111122223333:role/x", true},  // short, trailing `*`
      {"arn:aws:s3:*", "arn:aws:s3:::bucket/key", true},
      {"arn:aws:ec2:*", "arn:aws:s3:::bucket/key", false},
      {"arn:aws:iam::${aws:PrincipalAccount}:root", "arn:aws:iam::111122223333:root", true},
      {"arn:aws:iam::${aws:PrincipalAccount}:root", "arn:aws:iam::444455556666:root", false},
      {"arn:aws:iam::${aws:Missing}:root", "arn:aws:iam::111122223333:root", false},
  };
  for (const GlobCase& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " ~ " + c.text);
    ArnPattern pattern(c.pattern, true);
    ArnParts parts;
    ASSERT_TRUE(pattern.valid());
    ASSERT_TRUE(splitArn(c.text, parts));
    EXPECT_EQ(pattern.matches(parts, values), c.matches);
    if (std::string_view(c.pattern).find("${") == std::string_view::npos) {
      EXPECT_EQ(arnLike(c.pattern, c.text), c.matches);
    }
  }
  EXPECT_FALSE(ArnPattern("arn:aws:iam", true).valid());
  EXPECT_FALSE(ArnPattern("", true).valid());
  EXPECT_TRUE(ArnPattern("*", true).valid());  // one part ending in `*`: padded, matches any ARN
  EXPECT_FALSE(arnLike("arn:aws:iam", "arn:aws:iam::1:root"));
  EXPECT_FALSE(arnLike("*", "not-an-arn"));
  ArnParts parts;
  EXPECT_FALSE(splitArn("arn:aws:iam::root", parts));
  EXPECT_FALSE(splitArn("urn:aws:iam::1:root", parts));
  EXPECT_FALSE(splitArn("*", parts));
}

// Colons inside `${...}` split only where variables apply.
TEST(PolicyPatternTest, ArnPatternPartsAndVariables) {
  const std::string_view text = "arn:aws:iam::${aws:PrincipalAccount}:root";
  EXPECT_EQ(
      arnPatternParts(text, true),
      (std::vector<std::string_view>{"arn", "aws", "iam", "", "${aws:PrincipalAccount}", "root"}));
  EXPECT_EQ(
      arnPatternParts(text, false),
      (std::vector<std::string_view>{"arn", "aws", "iam", "", "${aws", "PrincipalAccount}:root"}));
  EXPECT_EQ(arnPatternParts("arn:aws:s3:*", false),
            (std::vector<std::string_view>{"arn", "aws", "s3", "*", "*", "*"}));
  EXPECT_TRUE(arnPatternParts("arn:aws:s3", false).empty());
  // As text, the pattern matches itself and not the substituted ARN.
  ArnPattern literal(text, false);
  ArnParts parts;
  ASSERT_TRUE(splitArn(text, parts));
  EXPECT_TRUE(literal.matches(parts, Values{{{"aws:PrincipalAccount", "1"}}}));
  ASSERT_TRUE(splitArn("arn:aws:iam::1:root", parts));
  EXPECT_FALSE(literal.matches(parts, Values{{{"aws:PrincipalAccount", "1"}}}));
}

TEST(PolicyPatternTest, Resources) {
  const GlobCase cases[] = {
      {"*", "*", true},
      {"*", "arn:aws:s3:::bucket/key", true},
      {"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b", true},
      {"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false},
      {"arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a", false},
      {"arn:aws:s3:::bucket/*", "*", false},  // the wildcard request resource is just text
      {"arn:aws:iam::*:role/admin-*", "arn:aws:iam::111122223333:role/admin-1", true},
      {"arn:aws:s3:*", "arn:aws:s3:::bucket/key", true},
      {"arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/doc", true},
      {"arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/bob/doc", false},
      {"arn:aws:s3:::home/${aws:nobody}/*", "arn:aws:s3:::home/bob/doc", false},
      {"not-an-arn*", "not-an-arn-either", true},
  };
  Values values{{{"aws:username", "alice"}}};
  for (const GlobCase& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " ~ " + c.text);
    ArnParts parts;
    const bool isArn = splitArn(c.text, parts);
    EXPECT_EQ(ResourcePattern(c.pattern, true).matches(c.text, isArn ? &parts : nullptr, values),
              c.matches);
  }
  ArnParts parts;
  ASSERT_TRUE(splitArn("arn:aws:s3:::home/${aws:username}/doc", parts));
  EXPECT_TRUE(ResourcePattern("arn:aws:s3:::home/${aws:username}/*", false)
                  .matches("arn:aws:s3:::home/${aws:username}/doc", &parts, values));
}

}  // namespace
}  // namespace rootpol::policy
