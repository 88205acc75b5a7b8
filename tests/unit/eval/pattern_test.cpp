#include "eval/pattern.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace rootpol::eval {
namespace {

Request withContext(std::vector<std::pair<std::string, std::vector<std::string>>> context,
                    std::string resource = "*") {
  Request request{"arn:aws:iam::111122223333:user/alice", "s3:GetObject", std::move(resource),
                  std::move(context)};
  return request;
}

struct GlobCase {
  const char* pattern;
  const char* text;
  bool matches;
};

TEST(EvalPatternTest, Wildcards) {
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
      {"*?", "", false},
      {"s3:*", "s3:GetObject", true},
      {"prod-*", "Prod-1", false},  // case-sensitive unless asked
      {"*aaa", "aaaaaaaaab", false},
      {"a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", true},
  };
  RequestContext context(withContext({}));
  for (const GlobCase& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " ~ " + c.text);
    EXPECT_EQ(Pattern(c.pattern, true, false).matches(c.text, false, &context), c.matches);
  }
}

TEST(EvalPatternTest, LiteralWithoutWildcardsAndCaseFolding) {
  RequestContext context(withContext({}));
  EXPECT_TRUE(Pattern("a*b", false, false).matches("a*b", false, &context));
  EXPECT_FALSE(Pattern("a*b", false, false).matches("axb", false, &context));
  EXPECT_FALSE(Pattern("a?b", false, false).matches("axb", false, &context));
  EXPECT_TRUE(Pattern("S3:Get*", true, false).matches("s3:getobject", true, &context));
  EXPECT_FALSE(Pattern("S3:Get*", true, false).matches("s3:getobject", false, &context));
  EXPECT_TRUE(Pattern("ABC", false, false).matches("abc", true, &context));
  // Without variables, `${...}` is plain text.
  EXPECT_TRUE(Pattern("${aws:username}", false, false).matches("${aws:username}", false, &context));
}

TEST(EvalPatternTest, Variables) {
  Request request = withContext({{"aws:username", {"alice"}},
                                 {"aws:PrincipalTag/team", {"blue"}},
                                 {"star", {"a*"}},
                                 {"aws:TagKeys", {"x", "y"}},
                                 {"empty", {""}}});
  RequestContext context(request);
  const GlobCase cases[] = {
      {"${aws:username}", "alice", true},
      {"${AWS:USERNAME}", "alice", true},  // key names are case-insensitive
      {"home/${aws:username}/*", "home/alice/notes", true},
      {"home/${aws:username}/*", "home/bob/notes", false},
      {"${aws:PrincipalTag/team}-*", "blue-1", true},
      {"${ aws:username }", "alice", true},
      {"${aws:missing}", "", false},  // unresolved: matches nothing
      {"${aws:missing}*", "anything", false},
      {"${aws:TagKeys}", "x", false},            // multi-valued: not a variable value
      {"${aws:missing, 'none'}", "none", true},  // the default
      {"${aws:username, 'none'}", "alice", true},
      {"${aws:TagKeys, 'none'}", "none", true},
      {"${star}", "a*", true},  // a value's `*` is literal
      {"${star}", "abc", false},
      {"${empty}x", "x", true},
      {"a${*}b", "a*b", true},  // escapes
      {"a${*}b", "axb", false},
      {"a${?}", "a?", true},
      {"a${?}", "ab", false},
      {"${$}{x}", "${x}", true},
      {"${", "${", true},        // unterminated: literal
      {"a${}b", "a${}b", true},  // empty: literal
  };
  for (const GlobCase& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " ~ " + c.text);
    EXPECT_EQ(Pattern(c.pattern, true, true).matches(c.text, false, &context), c.matches);
  }
  EXPECT_FALSE(Pattern("${aws:username}", true, true).matches("alice", false, nullptr));
}

TEST(EvalPatternTest, ArnPartWise) {
  Request request = withContext({{"aws:PrincipalAccount", {"111122223333"}}});
  RequestContext context(request);
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
    ArnPattern pattern(c.pattern);
    ArnParts parts;
    ASSERT_TRUE(pattern.valid());
    ASSERT_TRUE(splitArn(c.text, parts));
    EXPECT_EQ(pattern.matches(parts, context), c.matches);
  }
  EXPECT_FALSE(ArnPattern("arn:aws:iam").valid());
  EXPECT_TRUE(ArnPattern("*").valid());  // one part ending in `*`: padded, matches any ARN
  ArnParts parts;
  EXPECT_FALSE(splitArn("arn:aws:iam::root", parts));
  EXPECT_FALSE(splitArn("urn:aws:iam::1:root", parts));
  EXPECT_FALSE(splitArn("*", parts));
}

TEST(EvalPatternTest, Resources) {
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
  for (const GlobCase& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " ~ " + c.text);
    Request request = withContext({{"aws:username", {"alice"}}}, c.text);
    EXPECT_EQ(ResourcePattern(c.pattern).matches(RequestContext(request)), c.matches);
  }
}

TEST(EvalPatternTest, ContextLookup) {
  Request request = withContext({{"AWS:SourceIp", {"203.0.113.7"}}, {"aws:sourceip", {"other"}}});
  RequestContext context(request);
  ASSERT_TRUE(context.find("aws:sourceip").has_value());
  EXPECT_EQ(context.find("aws:SOURCEIP")->front(), "203.0.113.7");  // the first entry wins
  EXPECT_EQ(context.single("aws:PrincipalArn"),
            std::optional<std::string_view>(request.principalArn));
  request.context.push_back({"aws:PrincipalArn", {"arn:aws:iam::1:root"}});
  EXPECT_EQ(RequestContext(request).single("aws:principalarn"),
            std::optional<std::string_view>("arn:aws:iam::1:root"));
  request.principalArn.clear();
  request.context.clear();
  EXPECT_FALSE(RequestContext(request).find("aws:PrincipalArn").has_value());
}

}  // namespace
}  // namespace rootpol::eval
