// The SCP writer: minified, deterministic key order, single values as strings.
#include "policy/document.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace rootpol::policy {
namespace {

Statement statement(std::string sid, std::vector<std::string> actions,
                    std::vector<std::string> resources = {"*"}) {
  Statement s;
  s.sid = std::move(sid);
  s.actions = std::move(actions);
  s.resources = std::move(resources);
  return s;
}

TEST(DocumentWriter, EmptyDocument) {
  EXPECT_EQ(toJson(Document{}), R"({"Version":"2012-10-17","Statement":[]})");
}

TEST(DocumentWriter, KeyOrderAndSingleValuesAsStrings) {
  Statement s = statement("Deny1", {"iam:CreateAccessKey"});
  s.conditions = {{"ArnLike", "aws:PrincipalArn", {"arn:*:iam::*:root"}}};
  Document d;
  d.statements.push_back(s);
  EXPECT_EQ(
      toJson(d),
      R"({"Version":"2012-10-17","Statement":[{"Sid":"Deny1","Effect":"Deny","Action":"iam:CreateAccessKey",)"
      R"("Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:*:iam::*:root"}}}]})");
}

TEST(DocumentWriter, ListsNotActionNotResourceAllowAndNoSid) {
  Statement s = statement("", {"iam:*", "sts:*"}, {"arn:aws:s3:::a", "arn:aws:s3:::b"});
  s.deny = false;
  s.notAction = true;
  s.notResource = true;
  s.conditions = {{"StringNotEquals", "aws:RequestedRegion", {"eu-west-1", "eu-central-1"}}};
  Document d;
  d.statements.push_back(s);
  EXPECT_EQ(
      toJson(d),
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","sts:*"],)"
      R"("NotResource":["arn:aws:s3:::a","arn:aws:s3:::b"],)"
      R"("Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}}]})");
}

TEST(DocumentWriter, ConditionOperatorsGroupInFirstAppearanceOrder) {
  // Not alphabetical: operators and keys stay in the order lowering produced them.
  Statement s = statement("S", {"*"});
  s.conditions = {{"StringEquals", "k2", {"a"}},
                  {"Bool", "aws:ViaAWSService", {"false"}},
                  {"StringEquals", "k1", {"b"}},
                  {"ArnLike", "aws:PrincipalArn", {"arn:*:iam::*:root"}}};
  Document d;
  d.statements.push_back(s);
  EXPECT_EQ(
      toJson(d),
      R"({"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Deny","Action":"*","Resource":"*",)"
      R"("Condition":{"StringEquals":{"k2":"a","k1":"b"},"Bool":{"aws:ViaAWSService":"false"},)"
      R"("ArnLike":{"aws:PrincipalArn":"arn:*:iam::*:root"}}}]})");
}

TEST(DocumentWriter, MinifiedValidJsonAndByteIdenticalAcrossRuns) {
  Document d;
  for (int i = 0; i < 3; ++i) {
    Statement s = statement("S" + std::to_string(i), {"s3:Get*", "s3:List*"});
    s.conditions = {{"NumericLessThan", "aws:MultiFactorAuthAge", {"3600"}}};
    d.statements.push_back(s);
  }
  std::string json = toJson(d);
  EXPECT_EQ(json.find(' '), std::string::npos);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_EQ(json, toJson(d));
  auto parsed = nlohmann::json::parse(json);
  ASSERT_EQ(parsed["Statement"].size(), 3u);
  EXPECT_EQ(parsed["Statement"][2]["Sid"], "S2");
  EXPECT_EQ(parsed.dump(), nlohmann::json::parse(json).dump());
}

TEST(DocumentWriter, EscapesAndUtf8) {
  Statement s = statement("S", {"*"});
  s.conditions = {{"StringEquals", "aws:PrincipalTag/team", {"say \"hi\" \\ ünï"}}};
  Document d;
  d.statements.push_back(s);
  std::string json = toJson(d);
  EXPECT_NE(json.find(R"("say \"hi\" \\ ünï")"), std::string::npos)
      << json;  // UTF-8 kept, not \u-escaped
  // Invalid UTF-8 does not throw; it is replaced.
  s.conditions = {{"StringEquals", "k", {std::string("bad\xff")}}};
  d.statements = {s};
  EXPECT_NO_THROW(toJson(d));
  EXPECT_EQ(toJson(d).find('\xff'), std::string::npos);
}

TEST(DocumentWriter, EveryElementOfAReadDocument) {
  Document d;
  d.version = "2008-10-17";
  d.id = "policy-1";
  Statement s = statement("", {"s3:GetObject"}, {});
  s.deny = false;
  s.principal = Principal{false, R"({"AWS":["arn:aws:iam::111122223333:root"]})", {}};
  ConditionEntry numbers{"NumericLessThan", "s3:max-keys", {"1.50", "7"}};
  numbers.written = {Written::Literal, Written::String};
  ConditionEntry flag{"Bool", "aws:SecureTransport", {"true"}};
  flag.written = {Written::Literal};
  s.conditions = {numbers, flag};
  d.statements.push_back(s);
  const std::string json = toJson(d);
  // No Resource (absent stays absent), literals unquoted and as written, Principal verbatim.
  EXPECT_EQ(json,
            R"({"Version":"2008-10-17","Id":"policy-1","Statement":[{"Effect":"Allow",)"
            R"("Principal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"s3:GetObject",)"
            R"("Condition":{"NumericLessThan":{"s3:max-keys":[1.50,"7"]},)"
            R"("Bool":{"aws:SecureTransport":true}}}]})");
  EXPECT_EQ(jsonSize(d), json.size());
  s.principal->notPrincipal = true;
  s.notResource = true;
  s.resources = {"arn:aws:s3:::b/*"};
  d.statements = {s};
  EXPECT_NE(toJson(d).find(R"("NotPrincipal":{"AWS")"), std::string::npos);
  EXPECT_NE(toJson(d).find(R"("NotResource":"arn:aws:s3:::b/*")"), std::string::npos);
}

TEST(DocumentWriter, OneOperatorKeyPairWrittenOnceWithItsLastValues) {
  Statement s = statement("S", {"*"});
  s.conditions = {
      {"StringEquals", "a", {"1"}}, {"Bool", "b", {"true"}}, {"StringEquals", "a", {"2"}}};
  Document d;
  d.statements.push_back(s);
  EXPECT_NE(toJson(d).find(R"("Condition":{"StringEquals":{"a":"2"},"Bool":{"b":"true"}})"),
            std::string::npos)
      << toJson(d);
}

}  // namespace
}  // namespace rootpol::policy
