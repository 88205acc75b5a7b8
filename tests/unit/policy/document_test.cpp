// The SCP writer: minified, deterministic key order, single values as strings.
#include "policy/document.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace rootpol::policy {
namespace {

Statement statement(std::string sid, std::vector<std::string> actions, std::vector<std::string> resources = {"*"}) {
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
  EXPECT_EQ(toJson(d),
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
  EXPECT_EQ(toJson(d),
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
  EXPECT_EQ(toJson(d),
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
  EXPECT_NE(json.find(R"("say \"hi\" \\ ünï")"), std::string::npos) << json;  // UTF-8 kept, not \u-escaped
  // Invalid UTF-8 does not throw; it is replaced.
  s.conditions = {{"StringEquals", "k", {std::string("bad\xff")}}};
  d.statements = {s};
  EXPECT_NO_THROW(toJson(d));
  EXPECT_EQ(toJson(d).find('\xff'), std::string::npos);
}

}  // namespace
}  // namespace rootpol::policy
