// emitCloudFormation: parameters for missing ids only, policies with TargetIds, enabled
// controls with literal or Fn::Sub target ARNs, alphanumeric logical ids made unique, notes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "emit/emit.h"
#include "emit_fixture.h"

namespace rootpol::emit {
namespace {

using nlohmann::json;
using Ordered = nlohmann::ordered_json;
using namespace testing;

std::vector<std::string> keysOf(const Ordered& object) {
  std::vector<std::string> out;
  for (const auto& [key, value] : object.items()) out.push_back(key);
  return out;
}

struct CloudFormationTest : ::testing::Test {
  org::Model model = fullModel();
  std::vector<PolicyOutput> policies = fullPolicies();
  std::string text() {
    return emitCloudFormation({model, policies, defaultQuotas(), {}}).at(0).content;
  }
  json doc() { return json::parse(text()); }
  Ordered ordered() { return Ordered::parse(text()); }
};

TEST_F(CloudFormationTest, SectionsInOrder) {
  std::vector<File> files = emitCloudFormation({model, policies, defaultQuotas(), {}});
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "cloudformation/template.json");
  EXPECT_EQ(files[0].content.back(), '\n');
  EXPECT_EQ(keysOf(ordered()),
            (std::vector<std::string>{"AWSTemplateFormatVersion", "Description", "Metadata",
                                      "Parameters", "Resources", "Outputs"}));
  EXPECT_EQ(doc()["AWSTemplateFormatVersion"], "2010-09-09");
  EXPECT_EQ(text(), files[0].content);  // deterministic
}

TEST_F(CloudFormationTest, ParametersOnlyForIdsNeededAndNotGiven) {
  const json params = doc()["Parameters"];
  EXPECT_EQ(keysOf(ordered()["Parameters"]),
            (std::vector<std::string>{"OrganizationId", "OuWorkloadsId", "OuWorkloadsProdId"}));
  EXPECT_EQ(params["OrganizationId"]["Type"], "String");
  EXPECT_EQ(params["OrganizationId"]["AllowedPattern"], "^o-[a-z0-9]{10,32}$");
  EXPECT_EQ(params["OuWorkloadsId"]["AllowedPattern"], "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$");
  EXPECT_TRUE(params["OuWorkloadsId"].contains("Description"));

  model.managementAccountId.reset();
  model.nodes[kMgmt].id.reset();
  model.nodes[kRootNode].id.reset();
  EXPECT_EQ(doc()["Parameters"]["ManagementAccountId"]["AllowedPattern"], "^\\d{12}$");
  EXPECT_EQ(doc()["Parameters"]["RootId"]["AllowedPattern"], "^r-[0-9a-z]{4,32}$");

  model = fullModel();
  model.organizationId = "o-abcdefghij";
  model.nodes[kWorkloads].id = "ou-ab12-33333333";
  model.nodes[kProd].id = "ou-ab12-44444444";
  EXPECT_FALSE(doc().contains("Parameters"));
}

TEST_F(CloudFormationTest, PoliciesCarryContentVerbatimAndTargetIds) {
  const json res = doc()["Resources"];
  const json stay = res["StayInOrgPolicy"];
  EXPECT_EQ(stay["Type"], "AWS::Organizations::Policy");
  EXPECT_EQ(stay["Properties"]["Name"], "stay-in-org");
  EXPECT_EQ(stay["Properties"]["Description"], "Accounts stay in the organization");
  EXPECT_EQ(stay["Properties"]["Type"], "SERVICE_CONTROL_POLICY");
  EXPECT_EQ(stay["Properties"]["Content"], kStayInOrgJson);
  EXPECT_EQ(stay["Properties"]["TargetIds"], json::parse(R"(["r-ab12"])"));
  EXPECT_EQ(res["NoRootKeysPolicy"]["Properties"]["TargetIds"],
            json::parse(R"(["ou-ab12-11111111", {"Ref": "OuWorkloadsId"}])"));
  EXPECT_FALSE(res["NoRootKeysPolicy"]["Properties"].contains("Description"));
  EXPECT_EQ(res["TagGuardPolicy"]["Properties"]["TargetIds"],
            json::parse(R"([{"Ref": "OuWorkloadsProdId"}, "333333333333"])"));
  EXPECT_FALSE(res["OrphanPolicy"]["Properties"].contains("TargetIds"));
}

TEST_F(CloudFormationTest, EnabledControls) {
  const json res = doc()["Resources"];
  const json keys = res["ControlAwsGrRestrictRootUserAccessKeysOuSecurity"];
  EXPECT_EQ(keys["Type"], "AWS::ControlTower::EnabledControl");
  EXPECT_EQ(keys["Properties"]["ControlIdentifier"],
            "arn:aws:controlcatalog:::control/8ui9y3oace2513xarz8aqojl7");
  EXPECT_EQ(keys["Properties"]["TargetIdentifier"], json::parse(R"({"Fn::Sub":
                "arn:aws:organizations::111111111111:ou/${OrganizationId}/ou-ab12-11111111"})"));
  EXPECT_EQ(
      keys["Properties"]["Parameters"],
      json::parse(R"([{"Key":"ExemptedPrincipalArns","Value":["arn:aws:iam::*:role/Admin"]}])"));
  const json region = res["ControlCtMultiservicePv1OuWorkloadsProd"];
  EXPECT_EQ(region["Properties"]["Parameters"],
            json::parse(R"([{"Key":"AllowedRegions","Value":["eu-west-1","eu-central-1"]},
                            {"Key":"Mode","Value":"${aws:PrincipalTag/team}"},
                            {"Key":"ExemptAssumeRoot","Value":true}])"));

  model.organizationId = "o-abcdefghij";
  EXPECT_EQ(doc()["Resources"]["ControlAwsGrRestrictRootUserAccessKeysOuSecurity"]["Properties"]
                 ["TargetIdentifier"],
            "arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-11111111");
}

TEST_F(CloudFormationTest, OutputsAndNotes) {
  const json out = doc()["Outputs"];
  EXPECT_EQ(out["StayInOrgPolicyId"]["Value"], json::parse(R"({"Ref": "StayInOrgPolicy"})"));
  EXPECT_EQ(out.size(), policies.size());
  const json notes = doc()["Metadata"]["Rootpol"]["Notes"];
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_NE(notes[1].get<std::string>().find("FullAWSAccess from ou Sandbox"), std::string::npos);
  EXPECT_NE(notes[0].get<std::string>().find("aws-guardrails-abcd"), std::string::npos);
}

TEST_F(CloudFormationTest, LogicalIdsCollideDeterministically) {
  policies.push_back({"a-b", "", "{}", 0});
  policies.push_back({"a_b", "", "{}", 0});
  attach(model, kRootNode, "a_b");
  const json res = doc()["Resources"];
  EXPECT_FALSE(res["ABPolicy"]["Properties"].contains("TargetIds"));
  EXPECT_EQ(res["ABPolicy"]["Properties"]["Name"], "a-b");
  EXPECT_EQ(res["ABPolicy2"]["Properties"]["Name"], "a_b");
  EXPECT_EQ(res["ABPolicy2"]["Properties"]["TargetIds"], json::parse(R"(["r-ab12"])"));
  EXPECT_EQ(doc()["Outputs"]["ABPolicy2Id"]["Value"]["Ref"], "ABPolicy2");
  for (const auto& [logical, value] : res.items()) {
    for (char c : logical) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << logical;
  }
}

TEST(CloudFormationUndeclared, PoliciesWithoutAttachments) {
  const org::Model model = rootOnly(false);
  const std::vector<PolicyOutput> policies = fullPolicies();
  const json doc =
      json::parse(emitCloudFormation({model, policies, defaultQuotas(), {}}).at(0).content);
  EXPECT_EQ(doc["Resources"].size(), policies.size());
  EXPECT_FALSE(doc.contains("Parameters"));
  EXPECT_FALSE(doc.contains("Metadata"));
  for (const auto& [logical, r] : doc["Resources"].items()) {
    EXPECT_FALSE(r["Properties"].contains("TargetIds"));
  }
  const std::vector<PolicyOutput> none;
  const json empty = json::parse(emitCloudFormation({model, none, defaultQuotas(), {}}).at(0).content);
  EXPECT_EQ(empty["Resources"].size(), 1u);  // a template needs one resource
}

}  // namespace
}  // namespace rootpol::emit
