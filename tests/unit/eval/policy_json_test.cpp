#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eval/evaluator.h"

namespace rootpol::eval {
namespace {

TEST(EvalPolicyJsonTest, ReadsShapes) {
  std::string error;
  auto document = parsePolicyJson(R"({
    "Version": "2012-10-17", "Id": "x",
    "Statement": [
      {"Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
       "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": [3600, 1.50, 1e3, -0.0]},
                     "Bool": {"aws:SecureTransport": false},
                     "StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]},
                     "ForAnyValue:StringLike": {"aws:TagKeys": "a*"}}},
      {"Effect": "Allow", "NotAction": ["iam:*", "sts:*"], "NotResource": ["arn:aws:s3:::b/*"]}
    ]})",
                                  error);
  ASSERT_TRUE(document.has_value()) << error;
  ASSERT_EQ(document->statements.size(), 2u);
  const policy::Statement& first = document->statements[0];
  EXPECT_EQ(first.sid, "A");
  EXPECT_TRUE(first.deny);
  EXPECT_FALSE(first.notAction);
  EXPECT_EQ(first.actions, std::vector<std::string>{"s3:*"});
  EXPECT_EQ(first.resources, std::vector<std::string>{"*"});
  ASSERT_EQ(first.conditions.size(), 4u);
  // Entries keep the order they were written in.
  std::vector<std::string> ops;
  for (const auto& c : first.conditions) ops.push_back(c.op);
  EXPECT_EQ(ops, (std::vector<std::string>{"NumericLessThan", "Bool", "StringEquals",
                                           "ForAnyValue:StringLike"}));
  EXPECT_EQ(first.conditions[0].key, "aws:MultiFactorAuthAge");
  EXPECT_EQ(first.conditions[0].values, (std::vector<std::string>{"3600", "1.50", "1e3", "-0.0"}));
  EXPECT_EQ(first.conditions[1].values, std::vector<std::string>{"false"});
  EXPECT_EQ(first.conditions[2].values, (std::vector<std::string>{"eu-west-1", "eu-central-1"}));
  EXPECT_EQ(first.conditions[3].values, std::vector<std::string>{"a*"});
  const policy::Statement& second = document->statements[1];
  EXPECT_FALSE(second.deny);
  EXPECT_TRUE(second.notAction);
  EXPECT_TRUE(second.notResource);
  EXPECT_EQ(second.actions, (std::vector<std::string>{"iam:*", "sts:*"}));
  EXPECT_TRUE(second.conditions.empty());
}

TEST(EvalPolicyJsonTest, SingleStatementObjectAndNoVersion) {
  std::string error;
  auto document = parsePolicyJson(R"({"Statement":{"Effect":"Allow","Action":"*"}})", error);
  ASSERT_TRUE(document.has_value()) << error;
  ASSERT_EQ(document->statements.size(), 1u);
  EXPECT_TRUE(document->statements[0].resources.empty());
  EXPECT_TRUE(parsePolicyJson(R"({"Version":"2008-10-17","Statement":[]})", error).has_value());
}

TEST(EvalPolicyJsonTest, RoundTripsTheWriter) {
  policy::Document original;
  policy::Statement s;
  s.sid = "DenyRoot";
  s.actions = {"*"};
  s.resources = {"*"};
  s.conditions = {{"ArnLike", "aws:PrincipalArn", {"arn:aws:iam::*:root"}},
                  {"NotIpAddressIfExists", "aws:SourceIp", {"10.0.0.0/8", "2001:db8::/32"}}};
  original.statements.push_back(s);
  std::string error;
  auto back = parsePolicyJson(policy::toJson(original), error);
  ASSERT_TRUE(back.has_value()) << error;
  ASSERT_EQ(back->statements.size(), 1u);
  EXPECT_EQ(back->statements[0].sid, s.sid);
  EXPECT_EQ(back->statements[0].actions, s.actions);
  EXPECT_EQ(back->statements[0].resources, s.resources);
  ASSERT_EQ(back->statements[0].conditions.size(), 2u);
  EXPECT_EQ(back->statements[0].conditions[1].values, s.conditions[1].values);
}

TEST(EvalPolicyJsonTest, Rejects) {
  struct Case {
    const char* json;
    const char* error;  // a part of the message
  };
  const Case cases[] = {
      {R"({"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]})",
       "Statement[0]: has Principal: not an SCP"},
      {R"({"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"x"},"Action":"*"}]})",
       "has Principal: not an SCP"},
      {R"({"Statement":[)", "parse error"},
      {"", "parse error"},
      {R"([{"Effect":"Deny"}])", "a policy must be a JSON object"},
      {R"({"Version":"2012-10-17"})", "Statement is missing"},
      {R"({"Version":"2020-01-01","Statement":[]})", "unsupported Version"},
      {R"({"Statement":[],"Extra":1})", "unknown element `Extra`"},
      {R"({"Statement":["x"]})", "a statement must be an object"},
      {R"({"Statement":[{"Effect":"allow","Action":"*"}]})", "Effect must be"},
      {R"({"Statement":[{"Action":"*"}]})", "Effect is missing"},
      {R"({"Statement":[{"Effect":"Deny","Resource":"*"}]})",
       "exactly one of Action and NotAction"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","NotAction":"s3:*"}]})",
       "exactly one of Action"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","NotResource":"*"}]})",
       "Resource and NotResource cannot both appear"},
      {R"({"Statement":[{"Effect":"Deny","Action":5}]})",
       "Action must be a string or an array of strings"},
      {R"({"Statement":[{"Effect":"Deny","Action":["s3:*",1]}]})", "Action must be"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Sid":1}]})", "Sid must be a string"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Foo":1}]})", "unknown element `Foo`"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":[]}]})",
       "Condition must be an object"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringFoo":{"k":"v"}}}]})",
       "unknown condition operator `StringFoo`"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"NullIfExists":{"k":"true"}}}]})",
       "unknown condition operator"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringEquals":"v"}}]})",
       "must map keys"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringEquals":{"k":null}}}]})",
       "values of `k` under `StringEquals`"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringEquals":{"k":[["v"]]}}}]})",
       "values of `k`"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringEquals":{"k":{"a":1}}}}]})",
       "values of `k`"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    std::string error;
    EXPECT_FALSE(parsePolicyJson(c.json, error).has_value());
    EXPECT_NE(error.find(c.error), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace rootpol::eval
