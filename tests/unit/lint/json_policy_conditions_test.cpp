// Conditions in JSON policies: every IAM operator (with IfExists and the set qualifiers) and
// nothing else, keys against the catalog (case, tag suffixes, identity-provider keys),
// operators against the key's type, and the shape of values.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "policy_test_util.h"

namespace rootpol::lint {
namespace {

using testing::readJson;
using testing::scp;
using V = std::vector<std::string>;

// An SCP whose one statement has `"Condition": {condition}`; the condition starts at 4:50.
std::string withCondition(const std::string& condition) {
  return scp(R"("Effect": "Deny", "Action": "*", "Condition": )" + condition);
}

TEST(JsonPolicyConditions, EveryIamOperatorIsAccepted) {
  const char* bases[] = {"StringEquals",
                         "StringNotEquals",
                         "StringEqualsIgnoreCase",
                         "StringNotEqualsIgnoreCase",
                         "StringLike",
                         "StringNotLike",
                         "ArnEquals",
                         "ArnLike",
                         "ArnNotEquals",
                         "ArnNotLike"};
  for (const char* base : bases) {
    for (std::string prefix : {"", "ForAnyValue:", "ForAllValues:"}) {
      for (std::string suffix : {"", "IfExists"}) {
        std::string op = prefix + base + suffix;
        auto r = readJson(
            withCondition("{\"" + op + "\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:root\"}}"));
        EXPECT_EQ(r->codes(), V{}) << op;
      }
    }
  }
  const char* typed[][2] = {{"NumericLessThanEquals", "aws:MultiFactorAuthAge"},
                            {"NumericNotEquals", "aws:MultiFactorAuthAge"},
                            {"DateGreaterThanEquals", "aws:CurrentTime"},
                            {"DateNotEquals", "aws:TokenIssueTime"},
                            {"Bool", "aws:SecureTransport"},
                            {"BoolIfExists", "aws:MultiFactorAuthPresent"},
                            {"IpAddress", "aws:SourceIp"},
                            {"NotIpAddressIfExists", "aws:SourceIp"},
                            {"Null", "aws:PrincipalTag/team"},
                            {"ForAnyValue:Null", "aws:TagKeys"},
                            {"NumericLessThan", "aws:EpochTime"}};
  for (auto& [op, key] : typed) {
    auto r = readJson(withCondition(std::string("{\"") + op + "\": {\"" + key + "\": \"1\"}}"));
    EXPECT_EQ(r->codes(), V{}) << op << " " << key;
  }
}

TEST(JsonPolicyConditions, UnknownOperatorsGetTheRightSpelling) {
  auto typo = readJson(withCondition(R"({"StringEqual": {"aws:PrincipalArn": "x"}})"));
  EXPECT_EQ(typo->codes(), V{"RP4012 4:51"});
  EXPECT_EQ(typo->first(DiagCode::RP4012).help, "did you mean `StringEquals`?");
  auto lower = readJson(withCondition(R"({"ForAnyValue:Stringlike": {"aws:TagKeys": "x"}})"));
  EXPECT_EQ(lower->codes(), V{"RP4012 4:51"});
  EXPECT_EQ(lower->first(DiagCode::RP4012).help, "did you mean `ForAnyValue:StringLike`?");
  auto nullIfExists = readJson(withCondition(R"({"NullIfExists": {"aws:TagKeys": "true"}})"));
  EXPECT_EQ(nullIfExists->first(DiagCode::RP4012).help,
            "`Null` takes no `IfExists`: it already tests whether the key exists");
  // The condition is kept as written, for the rules to see.
  ASSERT_EQ(typo->doc->statements()[0].conditions.size(), 1u);
  EXPECT_EQ(typo->doc->statements()[0].conditions[0].op, "StringEqual");
}

TEST(JsonPolicyConditions, KeysAreCheckedAgainstTheCatalog) {
  auto unknown =
      readJson(withCondition(R"({"StringEquals": {"aws:PrincipleArn": "x", "s3:Bogus": "y"}})"));
  EXPECT_EQ(unknown->codes(), (V{"RP1010 4:68", "RP1010 4:93"}));
  EXPECT_EQ(unknown->first(DiagCode::RP1010).message, "unknown condition key `aws:PrincipleArn`");
  EXPECT_EQ(unknown->first(DiagCode::RP1010).help, "did you mean `aws:PrincipalArn`?");
  auto known = readJson(withCondition(R"({"StringEquals": {
    "AWS:PRINCIPALTAG/team": "a", "aws:RequestTag/cost-center": "b", "s3:ExistingObjectTag/k": "c",
    "ec2:Owner": "d", "token.actions.githubusercontent.com:sub": "e", )"
                                      R"("accounts.google.com:aud": "f",
    "saml:aud": "g"}})"));
  EXPECT_EQ(known->codes(), V{});
}

// A key met again under an operator of the same type is not looked up again; under another
// type it is, and a key with a finding is reported wherever it is written.
TEST(JsonPolicyConditions, RepeatedKeysAreCheckedPerOperatorType) {
  auto r = readJson(scp(R"("Effect": "Deny", "Action": "*", "Condition": {
    "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "NotIpAddress": {"aws:SourceIp": "10.0.0.0/9"},
    "NumericEquals": {"aws:SourceIp": "3", "aws:Bogus": "1"}}},
    {"Effect": "Deny", "Action": "*", "Condition": {
    "NumericLessThan": {"aws:SourceIp": "4", "aws:Bogus": "2"}})"));
  EXPECT_EQ(r->codes(), (V{"RP1011 6:23", "RP1010 6:44", "RP1011 8:25", "RP1010 8:46"}));
}

TEST(JsonPolicyConditions, OperatorsMustFitTheKeyType) {
  auto r = readJson(withCondition(R"({
    "NumericLessThan": {"aws:SourceIp": "3"},
    "IpAddress": {"aws:RequestedRegion": "10.0.0.0/8"},
    "Bool": {"aws:CurrentTime": "true"},
    "StringLike": {"aws:SourceIp": "10.0.*"},
    "DateLessThan": {"aws:MultiFactorAuthAge": "2020-01-01"}})"));
  // At the key (an operator may hold keys of several types), with the operator as a label.
  EXPECT_EQ(r->codes(), (V{"RP1011 5:25", "RP1011 6:19", "RP1011 7:14", "RP1011 8:20", "RP1011 9:22"}));
  const Diagnostic& d = r->first(DiagCode::RP1011);
  EXPECT_EQ(d.message,
            "`NumericLessThan` does not apply to `aws:SourceIp`, a key of type IPAddress");
  EXPECT_EQ(d.help, "use `IpAddress` or `NotIpAddress`");
  EXPECT_EQ(r->at(d.labels.at(0).span), "5:5");
  // Where IAM is lenient, so is lint: String operators on ARN, bool and number keys, ARN
  // operators on string keys.
  auto lenient = readJson(withCondition(R"({
    "StringLike": {"aws:PrincipalArn": "arn:*", "aws:MultiFactorAuthPresent": "true", )"
                                        R"("aws:MultiFactorAuthAge": "1"},
    "ArnLike": {"aws:userid": "x"}})"));
  EXPECT_EQ(lenient->codes(), V{});
}

TEST(JsonPolicyConditions, ValuesAreScalarsOrArraysOfScalars) {
  auto r = readJson(withCondition(R"({"StringEquals": {
    "aws:PrincipalAccount": ["111122223333", 7, true, ["x"], null],
    "aws:PrincipalOrgID": {"a": 1},
    "aws:RequestedRegion": null}})"));
  EXPECT_EQ(r->codes(), (V{"RP4006 5:55", "RP4006 5:62", "RP4006 6:27", "RP4006 7:28"}));
  const auto& conditions = r->doc->statements()[0].conditions;
  ASSERT_EQ(conditions.size(), 1u);
  V texts;
  for (const std::string& v : conditions[0].values) texts.push_back(v);
  EXPECT_EQ(texts, (V{"111122223333", "7", "true"}));
}

TEST(JsonPolicyConditions, BlockShapes) {
  auto notObject = readJson(withCondition(R"(["StringEquals"])"));
  EXPECT_EQ(notObject->codes(), V{"RP4006 4:50"});
  auto opValue = readJson(withCondition(R"({"StringEquals": "aws:SourceIp"})"));
  EXPECT_EQ(opValue->codes(), V{"RP4006 4:67"});
}

TEST(JsonPolicyConditions, KeysDifferingOnlyInCaseAreOneKeyTwice) {
  auto r = readJson(
      withCondition(R"({"StringEquals": {"aws:PrincipalOrgID": "a", "aws:principalorgid": "b"}})"));
  EXPECT_EQ(r->codes(), V{"RP4014 4:95"});
  EXPECT_EQ(r->at(r->first(DiagCode::RP4014).labels.at(0).span), "4:68");
}

// Small operators compare pairs, large ones fold keys into a map: both report each later
// spelling at itself with the first one as its label, and an exact repeat is RP4014's other
// finding (duplicate key), not this one.
TEST(JsonPolicyConditions, KeysDifferingOnlyInCaseInSmallAndLargeOperators) {
  for (int size : {3, 20}) {
    std::string keys;
    for (int i = 0; i < size; ++i) keys += fmt::format("\"aws:PrincipalTag/k{}\": \"v\", ", i);
    keys += "\"AWS:principaltag/K1\": \"w\", \"aws:PRINCIPALTAG/k1\": \"x\"";
    auto r = readJson(withCondition("{\"StringEquals\": {" + keys + "}}"));
    std::vector<std::string> messages;
    for (const Diagnostic& d : r->sink.diagnostics())
      if (d.code == DiagCode::RP4014) messages.push_back(d.message + " / " + r->at(d.labels.at(0).span));
    EXPECT_EQ(messages, (V{"`aws:PrincipalTag/k1` and `AWS:principaltag/K1` are the same condition key / 4:96",
                           "`aws:PrincipalTag/k1` and `aws:PRINCIPALTAG/k1` are the same condition key / 4:96"}))
        << size;
  }
}

}  // namespace
}  // namespace rootpol::lint
