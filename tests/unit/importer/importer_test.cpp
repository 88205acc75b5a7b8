#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "importer/importer.h"
#include "importer/key_view.h"
#include "importer/rule_draft.h"
#include "importer/verify.h"
#include "test_paths.h"

namespace rootpol::importer {
namespace {

// The importer's keyword list must be the grammar's: every literal token that the `name` rule
// does not accept. Read from grammar/RootPol.g4 so that a new keyword cannot be missed.
TEST(ImporterLexical, HardKeywordsAreTheGrammars) {
  std::ifstream in(testing::sourceDir() / "grammar" / "RootPol.g4");
  std::stringstream text;
  text << in.rdbuf();
  const std::string grammar = text.str();
  std::map<std::string, std::string> tokens;  // IMPORT -> import
  std::regex token(R"(\n([A-Z_]+) : '([a-z]+)' ;)");
  for (std::sregex_iterator it(grammar.begin(), grammar.end(), token), end; it != end; ++it) {
    tokens[(*it)[1]] = (*it)[2];
  }
  ASSERT_GT(tokens.size(), 30u);
  std::smatch nameRule;
  ASSERT_TRUE(std::regex_search(grammar, nameRule, std::regex(R"(\nname\s*:([^;]*);)")));
  std::set<std::string> soft;
  std::string body = nameRule[1];
  std::regex word(R"([A-Z_]+)");
  for (std::sregex_iterator it(body.begin(), body.end(), word), end; it != end; ++it) soft.insert((*it)[0]);
  for (const auto& [name, spelling] : tokens) {
    EXPECT_EQ(isHardKeyword(spelling), soft.count(name) == 0) << spelling;
  }
}

TEST(ImporterLexical, BareActions) {
  EXPECT_TRUE(bareAction("*"));
  EXPECT_TRUE(bareAction("s3:GetObject"));
  EXPECT_TRUE(bareAction("s3:Get*Acl?"));
  EXPECT_TRUE(bareAction("route53-recovery-cluster:*"));
  EXPECT_FALSE(bareAction("s3:"));
  EXPECT_FALSE(bareAction("GetObject"));
  EXPECT_FALSE(bareAction("s3:Get Object"));
  EXPECT_FALSE(bareAction("s3:in"));        // a keyword piece
  EXPECT_FALSE(bareAction("s3:Get*in"));    // ... also after a wildcard
  EXPECT_FALSE(bareAction("1s3:GetObject"));
  EXPECT_FALSE(bareAction("*:GetObject"));
}

TEST(ImporterNames, PolicyNames) {
  EXPECT_EQ(policyName("deny-regions"), "deny-regions");
  EXPECT_EQ(policyName("Deny Regions (v2)"), "Deny-Regions--v2-");
  EXPECT_EQ(policyName("2024-guardrails"), "p-2024-guardrails");
  EXPECT_EQ(policyName("root"), "root-policy");
  EXPECT_EQ(policyName(""), "p-");
  EXPECT_EQ(policyName("r\xc3\xa9gion"), "r--gion");
}

policy::Statement statement(std::vector<policy::ConditionEntry> conditions) {
  policy::Statement s;
  s.actions = {"s3:GetObject"};
  s.resources = {"*"};
  s.conditions = std::move(conditions);
  return s;
}

TEST(ImporterVerify, WhatIamDoesNotDistinguish) {
  policy::Statement original = statement({{"StringNotEqualsIfExists", "aws:SourceVpc", {"vpc-2", "vpc-1"}}});
  original.actions = {"S3:getobject"};
  original.resources = {};
  policy::Statement compiled = statement({{"StringNotEquals", "AWS:sourcevpc", {"vpc-1", "vpc-2", "vpc-1"}}});
  EXPECT_EQ(difference(original, compiled), std::nullopt);
}

TEST(ImporterVerify, WhatIamDistinguishes) {
  const policy::Statement base = statement({{"StringEquals", "aws:SourceVpc", {"vpc-1"}}});
  policy::Statement other = base;
  other.conditions[0].op = "StringEqualsIfExists";  // true on an absent key
  EXPECT_NE(difference(base, other), std::nullopt);
  other = base;
  other.conditions[0].values = {"VPC-1"};  // values are case-sensitive
  EXPECT_NE(difference(base, other), std::nullopt);
  other = base;
  other.conditions.push_back({"Bool", "aws:ViaAWSService", {"false"}});
  EXPECT_NE(difference(base, other), std::nullopt);
  other = base;
  other.deny = false;
  EXPECT_NE(difference(base, other), std::nullopt);
  other = base;
  other.notResource = true;
  EXPECT_NE(difference(base, other), std::nullopt);
  other = base;
  other.resources = {"arn:aws:s3:::b"};
  EXPECT_NE(difference(base, other), std::nullopt);
  other = base;
  other.actions = {"s3:*"};
  EXPECT_NE(difference(base, other), std::nullopt);
}

}  // namespace
}  // namespace rootpol::importer
