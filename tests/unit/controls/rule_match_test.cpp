// matchRule: a lowered rule that is exactly an SCP control (with or without an exemption) is
// found; one that adds conditions the control cannot express is reported as such; unrelated or
// merely similar statements match nothing. The lowering's own output (the committed goldens) is
// used as input too, so the matcher and the lowering agree on how root is written.
#include "controls/rule_match.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_paths.h"

namespace rootpol::controls {
namespace {

using Kind = RuleControlMatch::Kind;
using policy::ConditionEntry;
using policy::Statement;

const ConditionEntry kRoot{"ArnLike", "aws:PrincipalArn", {"arn:*:iam::*:root"}};

Statement deny(std::vector<std::string> actions, std::vector<ConditionEntry> conditions,
               std::vector<std::string> resources = {"*"}) {
  Statement s;
  s.sid = "Whatever1";
  s.actions = std::move(actions);
  s.resources = std::move(resources);
  s.conditions = std::move(conditions);
  return s;
}

std::vector<RuleControlMatch> match(std::vector<Statement> statements) {
  return matchRule(ControlCatalog::builtin(), statements);
}

std::vector<std::string> ids(const std::vector<RuleControlMatch>& matches) {
  std::vector<std::string> out;
  for (const auto& m : matches) out.push_back(m.control->id);
  return out;
}

// A statement of a committed SCP golden (the lowering's output) as the policy model.
Statement goldenStatement(const std::string& file) {
  const auto text = testing::readText(testing::sourceDir() / "tests/golden/scp" / file);
  EXPECT_TRUE(text) << file;
  const auto json = nlohmann::ordered_json::parse(text.value_or("{}"))
                        .value("Statement", nlohmann::ordered_json());
  EXPECT_EQ(json.size(), 1u) << file;
  const auto list = [](const nlohmann::ordered_json& v) {
    return v.is_array() ? v.get<std::vector<std::string>>()
                        : std::vector<std::string>{v.get<std::string>()};
  };
  Statement s;
  if (json.empty()) return s;
  const auto& j = json[0];
  s.deny = j.at("Effect") == "Deny";
  s.actions = list(j.at("Action"));
  s.resources = list(j.at("Resource"));
  const nlohmann::ordered_json conditions = j.value("Condition", nlohmann::ordered_json::object());
  for (const auto& [op, keys] : conditions.items()) {
    for (const auto& [key, values] : keys.items()) s.conditions.push_back({op, key, list(values)});
  }
  return s;
}

TEST(ControlRuleMatch, RootAccessKeysIsExactWithoutExemption) {
  const auto matches = match({deny({"iam:CreateAccessKey"}, {kRoot})});
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].kind, Kind::Exact);
  EXPECT_EQ(matches[0].control->id, "AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS");
  EXPECT_TRUE(matches[0].exemptions.empty());
}

TEST(ControlRuleMatch, ArnNotLikeOnThePrincipalBecomesTheExemption) {
  const ConditionEntry exempt{"ArnNotLike",
                              "aws:PrincipalArn",
                              {"arn:aws:iam::111122223333:role/B", "arn:aws:iam::*:role/A"}};
  const auto matches = match({deny({"IAM:createaccesskey"}, {exempt, kRoot})});
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].kind, Kind::Exact);
  EXPECT_EQ(matches[0].exemptions, exempt.values);
}

TEST(ControlRuleMatch, ExtraNetworkConditionsAreNotExpressible) {
  const auto matches = match({deny({"*"}, {kRoot,
                                           {"NotIpAddress", "aws:SourceIp", {"203.0.113.0/24"}},
                                           {"Bool", "aws:ViaAWSService", {"false"}}})});
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].kind, Kind::NotExpressible);
  EXPECT_EQ(matches[0].control->id, "AWS-GR_RESTRICT_ROOT_USER");
  EXPECT_EQ(matches[0].reason, "conditions on aws:SourceIp and aws:ViaAWSService");
}

TEST(ControlRuleMatch, ExemptionBesideAnInexpressibleConditionIsNotBlamed) {
  const auto matches =
      match({deny({"*"}, {kRoot,
                          {"ArnNotLike", "aws:PrincipalArn", {"arn:aws:iam::*:role/A"}},
                          {"StringNotEquals", "aws:RequestedRegion", {"eu-west-1"}}})});
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].kind, Kind::NotExpressible);
  EXPECT_EQ(matches[0].reason, "a condition on aws:RequestedRegion");
}

TEST(ControlRuleMatch, UnrelatedStatementMatchesNothing) {
  EXPECT_TRUE(match({deny({"organizations:LeaveOrganization"}, {})}).empty());
  EXPECT_TRUE(match({}).empty());
}

TEST(ControlRuleMatch, SimilarStatementsAreNotTheControl) {
  Statement extraAction = deny({"iam:CreateAccessKey", "iam:DeleteAccessKey"}, {kRoot});
  Statement otherResource = deny({"iam:CreateAccessKey"}, {kRoot}, {"arn:aws:iam::*:user/*"});
  Statement allow = deny({"iam:CreateAccessKey"}, {kRoot});
  allow.deny = false;
  Statement notAction = deny({"iam:CreateAccessKey"}, {kRoot});
  notAction.notAction = true;
  Statement noRoot = deny({"iam:CreateAccessKey"}, {});
  Statement oldRoot =
      deny({"iam:CreateAccessKey"}, {{"StringLike", "aws:PrincipalArn", {"arn:aws:iam::*:root"}}});
  Statement rootValueCase =
      deny({"iam:CreateAccessKey"}, {{"ArnLike", "aws:PrincipalArn", {"arn:*:IAM::*:root"}}});
  // A resource control policy's statement names a principal; SCP controls never do.
  Statement withPrincipal = deny({"iam:CreateAccessKey"}, {kRoot});
  withPrincipal.principal = policy::Principal{false, "\"*\"", {}};
  for (const Statement& s : {extraAction, otherResource, allow, notAction, noRoot, oldRoot,
                             rootValueCase, withPrincipal}) {
    EXPECT_TRUE(match({s}).empty()) << ::testing::PrintToString(ids(match({s})));
  }
  // Two statements (a rule lowered to a disjunction) are never one control.
  EXPECT_TRUE(match({deny({"iam:CreateAccessKey"}, {kRoot}), deny({"s3:*"}, {kRoot})}).empty());
}

TEST(ControlRuleMatch, SharedBodyMatchesEveryControlInIdOrder) {
  const ConditionEntry execution{
      "ArnNotLike", "aws:principalarn", {"arn:aws:iam::*:role/AWSControlTowerExecution"}};
  const auto matches =
      match({deny({"cloudtrail:UpdateTrail", "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
                   "cloudtrail:PutEventSelectors"},
                  {execution}, {"arn:aws:cloudtrail:*:*:trail/aws-controltower-*"})});
  EXPECT_EQ(ids(matches),
            (std::vector<std::string>{
                "AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED", "AWS-GR_CLOUDTRAIL_CLOUDWATCH_LOGS_ENABLED",
                "AWS-GR_CLOUDTRAIL_ENABLED", "AWS-GR_CLOUDTRAIL_VALIDATION_ENABLED"}));
  for (const auto& m : matches) EXPECT_EQ(m.kind, Kind::Exact);
}

TEST(ControlRuleMatch, LoweringGoldensMatchTheRootControls) {
  const auto keys = match({goldenStatement("example_b.no-root-access-keys.json")});
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].kind, Kind::Exact);
  EXPECT_EQ(keys[0].control->id, "AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS");
  const auto vpn = match({goldenStatement("example_a.no-root-outside-vpn.json")});
  ASSERT_EQ(vpn.size(), 1u);
  EXPECT_EQ(vpn[0].kind, Kind::NotExpressible);
  EXPECT_EQ(vpn[0].control->id, "AWS-GR_RESTRICT_ROOT_USER");
  EXPECT_EQ(vpn[0].reason, "conditions on aws:SourceIp and aws:ViaAWSService");
}

}  // namespace
}  // namespace rootpol::controls
