// The controls catalog: the embedded stdlib/controls.json loads, holds every control of
// aws-facts §6.2 with the facts' global ids, models the landing-zone Region deny as a redirect to
// the OU Region-deny control, and the strict reader rejects each kind of malformed input with a
// message that names the control.
#include "controls/control_catalog.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "test_paths.h"

namespace rootpol::controls {
namespace {

const ControlCatalog& builtin() { return ControlCatalog::builtin(); }

// aws-facts §6.2 (the `_{A,B}` and "other mandatory" rows expanded) plus CT.MULTISERVICE.PV.1.
const char* const kFactsIds[] = {
    "AWS-GR_RESTRICT_ROOT_USER",
    "AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS",
    "AWS-GR_ROOT_ACCOUNT_MFA_ENABLED",
    "AWS-GR_IAM_USER_MFA_ENABLED",
    "AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS",
    "AWS-GR_REGION_DENY",
    "CT.MULTISERVICE.PV.1",
    "AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED",
    "AWS-GR_AUDIT_BUCKET_LOGGING_ENABLED",
    "AWS-GR_AUDIT_BUCKET_POLICY_CHANGES_PROHIBITED",
    "AWS-GR_AUDIT_BUCKET_RETENTION_POLICY",
    "AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED",
    "AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED",
    "AWS-GR_AUDIT_BUCKET_PUBLIC_WRITE_PROHIBITED",
    "AWS-GR_CT_AUDIT_BUCKET_ENCRYPTION_CHANGES_PROHIBITED",
    "AWS-GR_CT_AUDIT_BUCKET_LOGGING_CONFIGURATION_CHANGES_PROHIBITED",
    "AWS-GR_CT_AUDIT_BUCKET_POLICY_CHANGES_PROHIBITED",
    "AWS-GR_CT_AUDIT_BUCKET_LIFECYCLE_CONFIGURATION_CHANGES_PROHIBITED",
    "AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED",
    "AWS-GR_CLOUDTRAIL_CLOUDWATCH_LOGS_ENABLED",
    "AWS-GR_CLOUDTRAIL_ENABLED",
    "AWS-GR_CLOUDTRAIL_VALIDATION_ENABLED",
    "AWS-GR_DETECT_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS",
    "AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS",
    "AWS-GR_CLOUDWATCH_EVENTS_CHANGE_PROHIBITED",
    "AWS-GR_CONFIG_AGGREGATION_AUTHORIZATION_POLICY",
    "AWS-GR_CONFIG_AGGREGATION_CHANGE_PROHIBITED",
    "AWS-GR_CONFIG_CHANGE_PROHIBITED",
    "AWS-GR_CONFIG_ENABLED",
    "AWS-GR_CONFIG_RULE_CHANGE_PROHIBITED",
    "AWS-GR_IAM_ROLE_CHANGE_PROHIBITED",
    "AWS-GR_LAMBDA_CHANGE_PROHIBITED",
    "AWS-GR_LOG_GROUP_POLICY",
    "AWS-GR_SNS_CHANGE_PROHIBITED",
    "AWS-GR_SNS_SUBSCRIPTION_CHANGE_PROHIBITED",
};

struct GlobalIdCase {
  const char* id;
  const char* globalId;  // nullptr: not in the facts
  bool byName;           // the facts mark the pairing "(by name)"
};

const GlobalIdCase kGlobalIds[] = {
    {"AWS-GR_RESTRICT_ROOT_USER", "5kvme4m5d2b4d7if2fs5yg2ui", false},
    {"AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS", "8ui9y3oace2513xarz8aqojl7", false},
    {"AWS-GR_ROOT_ACCOUNT_MFA_ENABLED", "24izmu4k16gv9tvd7sexnyrfy", false},
    {"AWS-GR_IAM_USER_MFA_ENABLED", "7z1uzm6s8qk7ym7m0sm56cq0u", false},
    {"AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", "1fvktjhpo9wdpt3pjb2wsz7nt", false},
    {"AWS-GR_REGION_DENY", "cwlixshc8c8mw9qiwdw2z0zav", true},
    {"CT.MULTISERVICE.PV.1", "ka8e3pkqefnjsxuyc26ji580", false},
    {"AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED", "k4izcjxhukijhajp6ks5mjxk", true},
    {"AWS-GR_AUDIT_BUCKET_LOGGING_ENABLED", "kr15xvw9oltta064g3o80ppk", true},
    {"AWS-GR_AUDIT_BUCKET_POLICY_CHANGES_PROHIBITED", "4wtwsih93j7vct3k0pyvrs3e2", false},
    {"AWS-GR_AUDIT_BUCKET_RETENTION_POLICY", "ew9b99j144ugzye49kokym66c", true},
    {"AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED", "3cerasw3dhjqcwatjqo2gk3wj", true},
    {"AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED", nullptr, false},
    {"AWS-GR_AUDIT_BUCKET_PUBLIC_WRITE_PROHIBITED", "ci9ov6vzjoi6vzkajgademvvo", false},
    {"AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED", "1iskvg0qcxofs1t78ittjbnr5", true},
    {"AWS-GR_CLOUDTRAIL_CLOUDWATCH_LOGS_ENABLED", nullptr, false},
    {"AWS-GR_CLOUDTRAIL_ENABLED", nullptr, false},
    {"AWS-GR_CLOUDTRAIL_VALIDATION_ENABLED", "wa2yjrj2zlenc1y71rim6z49", true},
    {"AWS-GR_DETECT_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS", "8sdhbqfe2fsmh3b1i2b24xaic", true},
    {"AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS", "1ln29qglgkigm9ajfka6u2p2u", true},
    {"AWS-GR_CT_AUDIT_BUCKET_POLICY_CHANGES_PROHIBITED", nullptr, false},
    {"AWS-GR_CONFIG_ENABLED", nullptr, false},
};

const Control& control(std::string_view id) {
  const Control* c = builtin().find(id);
  EXPECT_NE(c, nullptr) << id;
  static const Control kMissing;
  return c ? *c : kMissing;
}

TEST(ControlCatalogBuiltin, LoadsEveryControlOfTheFactsSortedAndUnique) {
  const auto& all = builtin().all();
  EXPECT_EQ(all.size(), std::size(kFactsIds));
  for (const char* id : kFactsIds) EXPECT_NE(builtin().find(id), nullptr) << id;
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].id, all[i].id);
}

TEST(ControlCatalogBuiltin, FileIsSortedByIdSoHandEditsStayReviewable) {
  const auto text = testing::readText(testing::sourceDir() / "stdlib" / "controls.json");
  ASSERT_TRUE(text);
  const auto json = nlohmann::json::parse(*text);
  std::vector<std::string> ids;
  for (const auto& c : json.at("controls")) ids.push_back(c.at("id").get<std::string>());
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST(ControlCatalogBuiltin, GlobalIdsAreTheFactsAndByNamePairingsSaySo) {
  for (const GlobalIdCase& c : kGlobalIds) {
    const Control& ctl = control(c.id);
    if (c.globalId) {
      EXPECT_EQ(ctl.globalId.value_or(""), c.globalId) << c.id;
    } else {
      EXPECT_FALSE(ctl.globalId) << c.id;
    }
    EXPECT_EQ(ctl.note.find("by name") != std::string::npos, c.byName) << c.id;
  }
}

TEST(ControlCatalogBuiltin, EveryControlHasANoteAndMandatoryOnesCannotUseTheApi) {
  for (const Control& c : builtin().all()) {
    if (!c.globalId || c.name.empty()) {
      EXPECT_FALSE(c.note.empty()) << c.id;
    }
    if (c.guidance == Guidance::Mandatory) {
      EXPECT_EQ(c.enablement, Enablement::Mandatory) << c.id;
    }
  }
}

TEST(ControlCatalogBuiltin, RegionDenyIsALandingZoneSettingDeployedAsTheOuRegionDeny) {
  const Control& deny = control("AWS-GR_REGION_DENY");
  EXPECT_EQ(deny.enablement, Enablement::LandingZone);
  EXPECT_EQ(deny.deployAs.value_or(""), "CT.MULTISERVICE.PV.1");
  EXPECT_EQ(deny.artifact.value_or(""), "GRREGIONDENY");
  const Parameter* regions = deny.parameter("AllowedRegions");
  ASSERT_NE(regions, nullptr);
  EXPECT_EQ(regions->type, (ast::Type{ast::Scalar::Region, true}));
  EXPECT_FALSE(regions->required);
  EXPECT_EQ(builtin().find(*deny.deployAs)->enablement, Enablement::Api);
}

TEST(ControlCatalogBuiltin, OuRegionDenyRequiresAllowedRegions) {
  const Control& pv1 = control("CT.MULTISERVICE.PV.1");
  ASSERT_EQ(pv1.parameters.size(), 3u);
  const Parameter* regions = pv1.parameter("AllowedRegions");
  ASSERT_NE(regions, nullptr);
  EXPECT_TRUE(regions->required);
  EXPECT_EQ(ast::typeName(regions->type), "[region]");
  EXPECT_EQ(ast::typeName(pv1.parameter("ExemptedPrincipalArns")->type), "[arn]");
  EXPECT_EQ(ast::typeName(pv1.parameter("ExemptedActions")->type), "[action]");
  EXPECT_EQ(pv1.parameter("allowedregions"), nullptr);
  EXPECT_TRUE(pv1.usesScpSlot());
}

TEST(ControlCatalogBuiltin, RootUserControlsCarryThePublishedStatement) {
  const Control& root = control("AWS-GR_RESTRICT_ROOT_USER");
  EXPECT_EQ(ast::typeName(root.parameter("ExemptAssumeRoot")->type), "bool");
  EXPECT_NE(root.note.find("UNCONFIRMED"), std::string::npos);
  const Control& keys = control("AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS");
  ASSERT_TRUE(keys.statement);
  EXPECT_EQ(keys.statement->sid, "GRRESTRICTROOTUSERACCESSKEYS");
  EXPECT_TRUE(keys.statement->deny);
  EXPECT_EQ(keys.statement->actions, std::vector<std::string>{"iam:CreateAccessKey"});
  EXPECT_EQ(keys.statement->resources, std::vector<std::string>{"*"});
  ASSERT_EQ(keys.statement->conditions.size(), 1u);
  const auto& cond = keys.statement->conditions[0];
  EXPECT_EQ(cond.op, "ArnLike");
  EXPECT_EQ(cond.key, "aws:PrincipalArn");
  EXPECT_EQ(cond.values, std::vector<std::string>{"arn:*:iam::*:root"});
  ASSERT_TRUE(keys.exemption);
  EXPECT_EQ(keys.exemption->parameter, "ExemptedPrincipalArns");
  EXPECT_EQ(keys.exemption->op, "ArnNotLike");
}

TEST(ControlCatalogBuiltin, ControlsWithoutAPublishedBodyHaveNoStatement) {
  EXPECT_FALSE(control("AWS-GR_AUDIT_BUCKET_LOGGING_ENABLED").statement);
  EXPECT_FALSE(control("AWS-GR_REGION_DENY").statement);
  EXPECT_FALSE(control("CT.MULTISERVICE.PV.1").statement);
  EXPECT_FALSE(control("AWS-GR_ROOT_ACCOUNT_MFA_ENABLED").statement);
  EXPECT_FALSE(control("AWS-GR_ROOT_ACCOUNT_MFA_ENABLED").usesScpSlot());
  EXPECT_TRUE(control("AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED").statement);
}

TEST(ControlCatalogBuiltin, IdentifierArnPrefersTheGlobalId) {
  EXPECT_EQ(control("AWS-GR_RESTRICT_ROOT_USER").identifierArn("eu-west-1"),
            "arn:aws:controlcatalog:::control/5kvme4m5d2b4d7if2fs5yg2ui");
  EXPECT_EQ(control("AWS-GR_CLOUDTRAIL_ENABLED").identifierArn("us-west-2"),
            "arn:aws:controltower:us-west-2::control/AWS-GR_CLOUDTRAIL_ENABLED");
}

TEST(ControlCatalogBuiltin, FindIsExactAndFindIgnoringCaseIsNot) {
  EXPECT_EQ(builtin().find("aws-gr_restrict_root_user"), nullptr);
  EXPECT_EQ(builtin().find("AWS-GR_RESTRICT_ROOT"), nullptr);
  const Control* c = builtin().findIgnoringCase("aws-gr_restrict_root_user");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->id, "AWS-GR_RESTRICT_ROOT_USER");
}

TEST(ControlCatalogNames, MatchTheJsonSpelling) {
  EXPECT_EQ(behaviorName(Behavior::Proactive), "proactive");
  EXPECT_EQ(guidanceName(Guidance::StronglyRecommended), "strongly-recommended");
  EXPECT_EQ(implementationName(Implementation::ConfigRule), "config-rule");
  EXPECT_EQ(enablementName(Enablement::LandingZone), "landing-zone");
}

}  // namespace
}  // namespace rootpol::controls
