#include "policy/normalise.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rootpol::policy {
namespace {

Statement make(std::vector<std::string> actions, std::vector<std::string> resources,
               std::vector<ConditionEntry> conditions) {
  Statement s;
  s.actions = std::move(actions);
  s.resources = std::move(resources);
  s.conditions = std::move(conditions);
  return s;
}

TEST(PolicyNormaliseTest, ConditionEntry) {
  NormalCondition n =
      normalise(ConditionEntry{"StringEquals", "AWS:PrincipalTag/Team", {"b", "a", "b"}});
  EXPECT_EQ(n.op, "StringEquals");
  EXPECT_EQ(n.key, "aws:principaltag/team");
  EXPECT_EQ(n.values, (std::vector<std::string>{"a", "b"}));
  // A name IAM does not spell that way is kept as written: it is not the operator.
  EXPECT_EQ(normalise(ConditionEntry{"stringequals", "k", {}}).op, "stringequals");
  EXPECT_NE(normalise(ConditionEntry{"stringequals", "k", {"v"}}),
            normalise(ConditionEntry{"StringEquals", "k", {"v"}}));
  // Values keep their case: only keys are case-insensitive.
  EXPECT_NE(normalise(ConditionEntry{"StringEquals", "k", {"V"}}),
            normalise(ConditionEntry{"StringEquals", "k", {"v"}}));
}

TEST(PolicyNormaliseTest, NegatedIfExistsOnlyOnRequest) {
  const ConditionEntry withIfExists{"StringNotEqualsIfExists", "k", {"v"}};
  EXPECT_EQ(normalise(withIfExists).op, "StringNotEqualsIfExists");
  NormalOptions options;
  options.dropNegatedIfExists = true;
  EXPECT_EQ(normalise(withIfExists, options).op, "StringNotEquals");
  // Positive operators and set qualifiers keep theirs: there it changes the meaning.
  EXPECT_EQ(normalise(ConditionEntry{"StringEqualsIfExists", "k", {"v"}}, options).op,
            "StringEqualsIfExists");
  EXPECT_EQ(
      normalise(ConditionEntry{"ForAllValues:StringNotEqualsIfExists", "k", {"v"}}, options).op,
      "ForAllValues:StringNotEqualsIfExists");
}

TEST(PolicyNormaliseTest, StatementsInAnotherOrderAreEqual) {
  Statement a = make({"s3:GetObject", "S3:getobject", "ec2:*"}, {"arn:aws:s3:::b/*", "*"},
                     {{"StringEquals", "aws:SourceVpc", {"vpc-2", "vpc-1"}},
                      {"Bool", "aws:SecureTransport", {"false"}}});
  a.sid = "One";
  Statement b = make({"EC2:*", "s3:GetObject"}, {"*", "arn:aws:s3:::b/*", "*"},
                     {{"Bool", "AWS:SecureTransport", {"false"}},
                      {"StringEquals", "aws:sourcevpc", {"vpc-1", "vpc-2", "vpc-1"}},
                      {"Bool", "aws:SecureTransport", {"false"}}});
  b.sid = "Two";  // Sids are not compared
  EXPECT_TRUE(sameStatement(a, b));
  const NormalStatement n = normalise(a);
  EXPECT_EQ(n.actions, (std::vector<std::string>{"ec2:*", "s3:getobject"}));
  EXPECT_EQ(n.resources, (std::vector<std::string>{"*", "arn:aws:s3:::b/*"}));
  ASSERT_EQ(n.conditions.size(), 2u);
  EXPECT_EQ(n.conditions[0].op, "Bool");
}

TEST(PolicyNormaliseTest, WhatDiffers) {
  const Statement base = make({"s3:*"}, {"arn:aws:s3:::b/*"}, {});
  Statement other = base;
  other.resources = {"arn:aws:s3:::B/*"};  // resources are case-sensitive
  EXPECT_FALSE(sameStatement(base, other));
  other = base;
  other.deny = false;
  EXPECT_FALSE(sameStatement(base, other));
  EXPECT_FALSE(sameTarget(normalise(base), normalise(other)));
  other = base;
  other.notAction = true;
  EXPECT_FALSE(sameStatement(base, other));
  other = base;
  other.principal = Principal{false, "\"*\"", {}};
  EXPECT_FALSE(sameStatement(base, other));
  Statement notPrincipal = other;
  notPrincipal.principal->notPrincipal = true;
  EXPECT_FALSE(sameStatement(other, notPrincipal));
  other = base;
  other.conditions = {{"StringEquals", "k", {"v"}}};
  EXPECT_FALSE(sameStatement(base, other));
  EXPECT_TRUE(sameTarget(normalise(base), normalise(other)));  // conditions aside
}

TEST(PolicyNormaliseTest, AbsentResourceIsStarOnlyOnRequest) {
  const Statement absent = make({"s3:*"}, {}, {});
  const Statement star = make({"s3:*"}, {"*"}, {});
  EXPECT_FALSE(sameStatement(absent, star));
  NormalOptions options;
  options.absentResourceIsStar = true;
  EXPECT_TRUE(sameStatement(absent, star, options));
}

}  // namespace
}  // namespace rootpol::policy
