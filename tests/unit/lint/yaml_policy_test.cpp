// readPolicyFile on YAML: Terraform statement lists as Cloud Posse writes them map onto the
// same document as JSON; template directives are reported and skipped; what is not a
// statement list is RP4016.
#include <gtest/gtest.h>

#include "policy_test_util.h"

namespace rootpol::lint {
namespace {

using testing::read;
using V = std::vector<std::string>;

constexpr std::string_view kList = R"(# Deny leaving the organization
- sid: "DenyLeave"
  effect: "Deny"
  actions:
    - "organizations:LeaveOrganization"
  resources:
    - "*"

- sid: "DenyNoMFA"
  effect: "Deny"
  not_actions:
    - "iam:ListMFADevices"
    - "sts:GetSessionToken"
  condition:
    - test: "BoolIfExists"
      variable: "aws:MultiFactorAuthPresent"
      values:
        - false
  resources:
    - "*"
)";

TEST(YamlPolicy, TerraformStatementListMapsOntoTheDocument) {
  auto r = read("iam-policies.yaml", std::string(kList));
  EXPECT_EQ(r->codes(), V{});
  ASSERT_TRUE(r->doc);
  const LintDocument& doc = *r->doc;
  EXPECT_EQ(doc.kind, LintDocument::Kind::Scp);
  ASSERT_EQ(doc.statements().size(), 2u);
  const policy::Statement& first = doc.statements()[0];
  EXPECT_EQ(first.sid, "DenyLeave");
  EXPECT_EQ(r->at(first.sidSpan), "2:8");
  EXPECT_EQ(r->at(first.effectSpan), "3:11");
  EXPECT_EQ(first.actions.at(0), "organizations:LeaveOrganization");
  EXPECT_EQ(r->at(first.actionSpans.at(0)), "5:7");
  const policy::Statement& second = doc.statements()[1];
  EXPECT_TRUE(second.notAction);
  ASSERT_EQ(second.conditions.size(), 1u);
  EXPECT_EQ(second.conditions[0].op, "BoolIfExists");
  EXPECT_EQ(r->at(second.conditions[0].opSpan), "15:13");
  EXPECT_EQ(second.conditions[0].key, "aws:MultiFactorAuthPresent");
  EXPECT_EQ(r->at(second.conditions[0].keySpan), "16:17");
  EXPECT_EQ(second.conditions[0].values.at(0), "false");
  EXPECT_EQ(r->at(second.conditions[0].valueSpans.at(0)), "18:11");
  // The size is that of the JSON Terraform renders from the list.
  EXPECT_EQ(doc.bytesMinified,
            std::string_view(
                R"({"Version":"2012-10-17","Statement":[{"Sid":"DenyLeave","Effect":"Deny",)"
                R"("Action":"organizations:LeaveOrganization","Resource":"*"},{"Sid":"DenyNoMFA",)"
                R"("Effect":"Deny","NotAction":["iam:ListMFADevices","sts:GetSessionToken"],)"
                R"("Resource":"*","Condition":{"BoolIfExists":)"
                R"({"aws:MultiFactorAuthPresent":"false"}}}]})")
                .size());
}

TEST(YamlPolicy, TemplateDirectivesAndPlaceholdersAreReported) {
  auto r = read("DenyRegions.yaml", R"(- sid: "DenyRegions"
  effect: "Deny"
  not_actions:
    - "iam:*"
  condition:
    - test: "StringNotEquals"
      variable: "aws:RequestedRegion"
      values:
      %{ for r in split(",", regions) }
        - ${trimspace(r)}
      %{ endfor }
  resources:
    - "arn:aws:s3:::$${aws:username}"
)");
  EXPECT_EQ(r->codes(), (V{"RP4013 9:7", "RP4013 11:7", "RP4013 10:11"}));
  ASSERT_TRUE(r->doc);
  EXPECT_EQ(r->doc->statements().at(0).conditions.at(0).values.at(0), "${trimspace(r)}");
}

TEST(YamlPolicy, StatementAndConditionElements) {
  auto r = read("p.yml", R"(- sid: "Bad-Sid"
  action: ["s3:GetObject"]
  actions: ["s3:GetObjekt"]
  condition:
    - test: "StringEquals"
      values: ["x"]
    - test: "StringEquals"
      variable: "aws:PrincipalArn"
      value: ["x"]
)");
  EXPECT_EQ(r->codes(), (V{"RP1013 1:8", "RP4005 2:3", "RP1021 3:13", "RP4017 5:7", "RP4005 9:7",
                           "RP4017 7:7"}));
  EXPECT_EQ(r->first(DiagCode::RP4005).help, "did you mean `actions`?");
  ASSERT_EQ(r->doc->statements().size(), 1u);
  EXPECT_FALSE(r->doc->statements()[0].deny);  // Terraform's default: Allow
}

TEST(YamlPolicy, WhatIsNotAStatementListIsRP4016) {
  auto mapping = read("p.yaml", "name: guardrails\n");
  EXPECT_EQ(mapping->codes(), V{"RP4016 1:1"});
  EXPECT_FALSE(mapping->doc);
  auto block = read("p.yaml", "- sid: |\n    x\n");
  EXPECT_EQ(block->codes(), V{"RP4016 1:8"});
  EXPECT_EQ(block->first(DiagCode::RP4016).message,
            "unsupported YAML: block scalars (`|`, `>`) are not supported");
  auto item = read("p.yaml", "- 3\n- sid: A\n  actions: '*'\n");
  EXPECT_EQ(item->codes(), V{"RP4006 1:3"});
  EXPECT_EQ(item->doc->statements().size(), 1u);
}

// A policy document written in YAML (`Version:`, `Statement:`) is read as its JSON would be.
TEST(YamlPolicy, APolicyDocumentInYamlIsReadLikeJson) {
  auto r = read("p.yaml", "Version: \"2012-10-17\"\nStatement:\n  - Sid: A\n    Effect: Deny\n"
                          "    Action: s3:GetObjekt\n    Resource: \"*\"\n");
  ASSERT_TRUE(r->doc);
  EXPECT_EQ(r->codes(), V{"RP1021 5:13"});
  EXPECT_EQ(r->doc->statements().size(), 1u);
  EXPECT_GT(r->doc->bytesMinified, 0u);
  auto noStatement = read("p.yaml", "Version: 2012-10-17\n");
  EXPECT_EQ(noStatement->codes(), V{"RP4017 1:1"});
}

// An RCP kept as Terraform statements: `principals` blocks become the Principal JSON Terraform
// renders, which the size estimate counts.
TEST(YamlPolicy, PrincipalsAreRenderedAsTerraformDoes) {
  auto r = read("rcp.yaml", R"(- sid: "DenyOutside"
  effect: "Deny"
  principals:
    - type: "*"
      identifiers: ["*"]
  actions: ["s3:GetObject"]
  resources: ["*"]
- sid: "Named"
  effect: "Deny"
  principals:
    - type: "AWS"
      identifiers: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]
    - type: "Service"
      identifiers: "cloudtrail.amazonaws.com"
  actions: ["s3:GetObject"]
)");
  ASSERT_EQ(r->doc->statements().size(), 2u);
  ASSERT_TRUE(r->doc->statements()[0].principal);
  EXPECT_EQ(r->doc->statements()[0].principal->json, "\"*\"");
  EXPECT_EQ(r->at(r->doc->statements()[0].principal->span), "3:3");
  EXPECT_EQ(r->doc->statements()[1].principal->json,
            R"({"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::444455556666:root"],)"
            R"("Service":"cloudtrail.amazonaws.com"})");
  EXPECT_EQ(r->doc->bytesMinified, policy::jsonSize(r->doc->policy));
  EXPECT_NE(policy::toJson(r->doc->policy).find(R"("Principal":"*")"), std::string::npos);
}

}  // namespace
}  // namespace rootpol::lint
