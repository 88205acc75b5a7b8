#include "pack/merge.h"

#include <gtest/gtest.h>

#include <string>

#include "pack/pack.h"
#include "policy/read_document.h"

namespace rootpol::pack {
namespace {

policy::Document read(const std::string& statements) {
  std::string error;
  std::optional<policy::Document> doc =
      policy::readDocument(R"({"Version":"2012-10-17","Statement":[)" + statements + "]}", error);
  EXPECT_TRUE(doc) << error;
  return doc.value_or(policy::Document{});
}

// The merged document's statements, as JSON.
std::string merged(const std::string& statements, MergeOptions options = {}) {
  policy::Document doc = read(statements);
  std::string json = policy::toJson(documentOf(doc, mergeStatements(doc, options)));
  const std::string header = R"({"Version":"2012-10-17","Statement":[)";
  return json.substr(header.size(), json.size() - header.size() - 2);
}

TEST(PackMergeTest, ActionsOfOtherwiseEqualStatementsAreUnited) {
  EXPECT_EQ(merged(R"({"Sid":"A","Effect":"Deny","Action":"s3:PutObject","Resource":"*"},
                      {"Sid":"B","Effect":"Deny","Action":["ec2:RunInstances","s3:DeleteObject"],"Resource":"*"})"),
            R"({"Effect":"Deny","Action":["ec2:RunInstances","s3:DeleteObject","s3:PutObject"],"Resource":"*"})");
}

TEST(PackMergeTest, AStatementOfOneRuleKeepsItsSid) {
  EXPECT_EQ(merged(R"({"Sid":"A","Effect":"Deny","Action":["s3:B","s3:A","s3:B"],"Resource":"*"})"),
            R"({"Sid":"A","Effect":"Deny","Action":["s3:A","s3:B"],"Resource":"*"})");
}

TEST(PackMergeTest, PinnedStatementsAreNotMerged) {
  MergeOptions options;
  options.pinned = {true, false, false};
  EXPECT_EQ(merged(R"({"Sid":"Mine","Effect":"Deny","Action":"s3:A","Resource":"*"},
                      {"Sid":"P2","Effect":"Deny","Action":"s3:B","Resource":"*"},
                      {"Sid":"P3","Effect":"Deny","Action":"s3:C","Resource":"*"})",
                   options),
            R"({"Sid":"Mine","Effect":"Deny","Action":"s3:A","Resource":"*"},{"Effect":"Deny","Action":["s3:B","s3:C"],"Resource":"*"})");
}

TEST(PackMergeTest, DifferentResourcesKeepActionsApart) {
  // (A on R1) or (B on R2) is not (A or B) on (R1 or R2).
  const std::string in = R"({"Effect":"Deny","Action":"s3:A","Resource":"arn:aws:s3:::one"},
                            {"Effect":"Deny","Action":"s3:B","Resource":"arn:aws:s3:::two"})";
  EXPECT_EQ(merged(in), R"({"Effect":"Deny","Action":"s3:A","Resource":"arn:aws:s3:::one"},)"
                        R"({"Effect":"Deny","Action":"s3:B","Resource":"arn:aws:s3:::two"})");
}

TEST(PackMergeTest, ResourcesOfOtherwiseEqualStatementsAreUnited) {
  EXPECT_EQ(merged(R"({"Effect":"Deny","Action":"s3:A","Resource":"arn:aws:s3:::two"},
                      {"Effect":"Deny","Action":"s3:A","Resource":"arn:aws:s3:::one"})"),
            R"({"Effect":"Deny","Action":"s3:A","Resource":["arn:aws:s3:::one","arn:aws:s3:::two"]})");
}

TEST(PackMergeTest, NotActionListsAreNeverUnited) {
  // Deny what is not A, deny what is not B: together they deny everything but A∩B.
  const std::string in = R"({"Effect":"Deny","NotAction":"s3:A","Resource":"*"},{"Effect":"Deny","NotAction":"s3:B","Resource":"*"})";
  EXPECT_EQ(merged(in), R"({"Effect":"Deny","NotAction":"s3:A","Resource":"*"},{"Effect":"Deny","NotAction":"s3:B","Resource":"*"})");
  // Identical ones are one.
  EXPECT_EQ(merged(R"({"Effect":"Deny","NotAction":"s3:A","Resource":"*"},{"Effect":"Deny","NotAction":"s3:A","Resource":"*"})"),
            R"({"Effect":"Deny","NotAction":"s3:A","Resource":"*"})");
}

// `s3:G?tObject` stays: it also matches `s3:GatObject`, which `s3:Get*` does not.
TEST(PackMergeTest, CoveredActionsAreDropped) {
  EXPECT_EQ(merged(R"({"Effect":"Deny","Action":["iam:DeleteUser","IAM:Delete*","s3:GetObject","s3:Get*","s3:G?tObject"],"Resource":"*"})"),
            R"({"Effect":"Deny","Action":["IAM:Delete*","s3:G?tObject","s3:Get*"],"Resource":"*"})");
  EXPECT_EQ(merged(R"({"Effect":"Deny","Action":["s3:*","*"],"Resource":"*"})"), R"({"Effect":"Deny","Action":"*","Resource":"*"})");
  // Patterns that cover each other: one stays.
  EXPECT_EQ(merged(R"({"Effect":"Deny","NotAction":["s3:Get*","s3:Get**"],"Resource":"*"})"),
            R"({"Effect":"Deny","NotAction":"s3:Get*","Resource":"*"})");
}

TEST(PackMergeTest, ResourcePatternsOnlyGiveWayToStar) {
  // ARNs are matched field by field: only `*` is known to cover another ARN pattern here.
  EXPECT_EQ(merged(R"({"Effect":"Deny","Action":"s3:A","Resource":["arn:aws:s3:::b/x","arn:aws:s3:::b/*"]})"),
            R"({"Effect":"Deny","Action":"s3:A","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b/x"]})");
  EXPECT_EQ(merged(R"({"Effect":"Deny","Action":"s3:A","Resource":["arn:aws:s3:::b/x","*"]})"),
            R"({"Effect":"Deny","Action":"s3:A","Resource":"*"})");
}

TEST(PackMergeTest, ConditionValuesOfAPositiveTestAreUnited) {
  EXPECT_EQ(merged(R"({"Effect":"Deny","Action":"s3:A","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"},"Bool":{"aws:MultiFactorAuthPresent":"false"}}},
                      {"Effect":"Deny","Action":"s3:A","Resource":"*","Condition":{"StringEquals":{"AWS:RequestedRegion":"eu-west-1"},"Bool":{"aws:MultiFactorAuthPresent":"false"}}})"),
            R"({"Effect":"Deny","Action":"s3:A","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]},"Bool":{"aws:MultiFactorAuthPresent":"false"}}})");
}

TEST(PackMergeTest, NegatedAndForAllValuesTestsAreNotUnited) {
  for (const char* op : {"StringNotEquals", "ForAllValues:StringEquals", "ForAnyValue:StringNotEquals", "Null"}) {
    SCOPED_TRACE(op);
    const std::string a = std::string(R"({"Effect":"Deny","Action":"s3:A","Resource":"*","Condition":{")") + op + R"(":{"aws:TagKeys":"true"}}})";
    const std::string b = std::string(R"({"Effect":"Deny","Action":"s3:A","Resource":"*","Condition":{")") + op + R"(":{"aws:TagKeys":"false"}}})";
    EXPECT_EQ(merged(a + "," + b), a + "," + b);
  }
}

TEST(PackMergeTest, ValuesAreSortedAndLikePatternsCoverEachOther) {
  EXPECT_EQ(merged(R"({"Effect":"Deny","Action":"s3:A","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/x","arn:aws:iam::*:role/*","arn:aws:iam::*:role/*"]},"StringEquals":{"k":["b","a","b"]}}})"),
            R"({"Effect":"Deny","Action":"s3:A","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"},"StringEquals":{"k":["a","b"]}}})");
  // A pattern with a policy variable covers nothing and is covered by nothing but its duplicate.
  EXPECT_EQ(merged(R"({"Effect":"Deny","Action":"s3:A","Resource":"*","Condition":{"StringLike":{"k":["${aws:username}*","${aws:username}x"]}}})"),
            R"({"Effect":"Deny","Action":"s3:A","Resource":"*","Condition":{"StringLike":{"k":["${aws:username}*","${aws:username}x"]}}})");
}

TEST(PackMergeTest, MergingIsIndependentOfOrder) {
  const std::string a = R"({"Effect":"Deny","Action":"s3:A","Resource":"*"})";
  const std::string b = R"({"Effect":"Deny","Action":"s3:B","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}})";
  const std::string c = R"({"Effect":"Deny","Action":"s3:C","Resource":"*"})";
  EXPECT_EQ(merged(a + "," + b + "," + c), R"({"Effect":"Deny","Action":["s3:A","s3:C"],"Resource":"*"},)" + b);
  EXPECT_EQ(merged(c + "," + b + "," + a), R"({"Effect":"Deny","Action":["s3:A","s3:C"],"Resource":"*"},)" + b);
}

}  // namespace
}  // namespace rootpol::pack
