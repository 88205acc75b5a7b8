#include "eval/request.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "policy/pattern.h"

// The request context: key lookups, and the values it gives the hub's patterns for policy
// variables (policy/pattern.h tests the matching itself).
namespace rootpol::eval {
namespace {

Request withContext(std::vector<std::pair<std::string, std::vector<std::string>>> context) {
  return Request{"arn:aws:iam::111122223333:user/alice", "s3:GetObject", "*", std::move(context)};
}

TEST(EvalRequestTest, ContextLookup) {
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

// Only a key with exactly one value is a variable's value (IAM: "any single-valued context
// key"); key names are case-insensitive.
TEST(EvalRequestTest, VariablesForPatterns) {
  Request request =
      withContext({{"aws:username", {"alice"}}, {"aws:TagKeys", {"x", "y"}}, {"none", {}}});
  RequestContext context(request);
  auto variables = context.variables();
  static_assert(policy::VariableResolver<decltype(variables)>);
  EXPECT_EQ(variables("AWS:USERNAME"), std::optional<std::string_view>("alice"));
  EXPECT_FALSE(variables("aws:TagKeys").has_value());
  EXPECT_FALSE(variables("none").has_value());
  EXPECT_FALSE(variables("aws:missing").has_value());
  EXPECT_TRUE(policy::Pattern("${AWS:USERNAME}", true, true).matches("alice", false, variables));
  EXPECT_FALSE(policy::Pattern("${aws:TagKeys}", true, true).matches("x", false, variables));
  EXPECT_TRUE(
      policy::Pattern("${aws:TagKeys, 'none'}", true, true).matches("none", false, variables));
}

}  // namespace
}  // namespace rootpol::eval
