// ControlCatalog::fromJson: a small hand-written catalog loads; each kind of malformed input
// is an error (never a crash) whose message names the control it is in.
#include <gtest/gtest.h>

#include <string>

#include "controls/control_catalog.h"

namespace rootpol::controls {
namespace {

constexpr std::string_view kSmall = R"({
  "source": "test",
  "controls": [
    {"id": "Z-LZ", "global_id": null, "name": "landing zone", "behavior": "preventive",
     "guidance": "elective", "implementation": "scp", "enablement": "landing-zone",
     "deploy_as": "A-API", "artifact": null,
     "parameters": [{"name": "Regions", "type": "[region]"}]},
    {"id": "A-API", "global_id": "gid1", "name": "api", "behavior": "preventive",
     "guidance": "strongly-recommended", "implementation": "scp", "enablement": "api",
     "artifact": "SIDA",
     "parameters": [{"name": "Regions", "type": "[region]", "required": true},
                    {"name": "Exempt", "type": "[arn]", "description": "who"}],
     "statement": {"Effect": "Deny", "NotAction": "iam:*", "Resource": ["*"],
                   "Condition": {"Bool": {"aws:ViaAWSService": false}}},
     "exemption": {"parameter": "Exempt", "operator": "ArnNotLike", "key": "aws:PrincipalArn"},
     "note": "n"}
  ]
})";

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const std::size_t at = out.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

TEST(ControlCatalogJson, SmallCatalogLoadsSortedWithTypedParametersAndStatement) {
  std::string error;
  const auto catalog = ControlCatalog::fromJson(kSmall, error);
  ASSERT_TRUE(catalog) << error;
  ASSERT_EQ(catalog->all().size(), 2u);
  EXPECT_EQ(catalog->all()[0].id, "A-API");
  const Control& a = catalog->all()[0];
  EXPECT_EQ(a.guidance, Guidance::StronglyRecommended);
  EXPECT_TRUE(a.parameter("Regions")->required);
  EXPECT_EQ(a.parameter("Exempt")->type, (ast::Type{ast::Scalar::Arn, true}));
  ASSERT_TRUE(a.statement);
  EXPECT_EQ(a.statement->sid, "SIDA");
  EXPECT_TRUE(a.statement->notAction);
  EXPECT_EQ(a.statement->actions, std::vector<std::string>{"iam:*"});
  ASSERT_EQ(a.statement->conditions.size(), 1u);
  EXPECT_EQ(a.statement->conditions[0].values, std::vector<std::string>{"false"});
  const Control& z = catalog->all()[1];
  EXPECT_TRUE(z.name == "landing zone" && !z.globalId && !z.artifact);
  EXPECT_EQ(z.deployAs.value_or(""), "A-API");
}

// The statement is read by the hub from the catalog's text: values as written, with spans.
TEST(ControlCatalogJson, StatementValuesKeepTheirWrittenText) {
  std::string error;
  const std::string text = replaced(kSmall, R"("aws:ViaAWSService": false)", R"("s3:max-keys": [1.50, "2"])");
  const auto catalog = ControlCatalog::fromJson(text, error);
  ASSERT_TRUE(catalog) << error;
  const policy::ConditionEntry& entry = catalog->all()[0].statement->conditions.at(0);
  EXPECT_EQ(entry.values, (std::vector<std::string>{"1.50", "2"}));
  EXPECT_TRUE(entry.literal(0));
  EXPECT_FALSE(entry.literal(1));
  EXPECT_EQ(text.substr(entry.valueSpans.at(0).begin, 4), "1.50");
}

struct BadCase {
  const char* what;
  std::string_view from, to;
  const char* message;
};

const BadCase kBad[] = {
    {"unknown field", R"("note": "n")", R"("note": "n", "colour": "red")",
     "control `A-API`: unknown field `colour`"},
    {"bad enum", R"("guidance": "elective")", R"("guidance": "optional")",
     "control `Z-LZ`: `guidance` must be one of mandatory, strongly-recommended, elective, not "
     "`optional`"},
    {"bad type string", R"("type": "[arn]")", R"("type": "[arnn]")",
     "control `A-API`: parameter `Exempt`: unknown type `[arnn]`"},
    {"duplicate id", R"("id": "Z-LZ")", R"("id": "A-API")", "duplicate control id `A-API`"},
    {"missing id", R"("id": "Z-LZ", )", "", "controls[0]: missing field `id`"},
    {"id of the wrong kind", R"("id": "Z-LZ")", R"("id": 7)", "controls[0]: `id` must be a string"},
    {"missing name of a parameter", R"({"name": "Exempt", )", "{",
     "control `A-API`: parameter: missing field `name`"},
    {"required not a bool", R"("required": true)", R"("required": "yes")",
     "control `A-API`: parameter `Regions`: `required` must be true or false"},
    {"parameter declared twice", R"("name": "Exempt")", R"("name": "Regions")",
     "control `A-API`: parameter `Regions` is declared twice"},
    {"missing enum", R"("behavior": "preventive",)", "",
     "control `Z-LZ`: missing field `behavior`"},
    {"unknown statement field", R"("Effect": "Deny")", R"("Effect": "Deny", "Sid": "X")",
     "control `A-API`: statement: unknown field `Sid`"},
    {"Action and NotAction", R"("NotAction": "iam:*")", R"("NotAction": "iam:*", "Action": "s3:*")",
     "control `A-API`: statement: a statement has `NotAction` or `Action`, not both"},
    {"no Resource", R"("Resource": ["*"],)", "",
     "control `A-API`: statement: needs exactly one of `Resource` and `NotResource`"},
    {"bad effect", R"("Effect": "Deny")", R"("Effect": "deny")",
     "control `A-API`: statement: `deny` is not an effect"},
    {"condition value", R"("aws:ViaAWSService": false)", R"("aws:ViaAWSService": {})",
     "control `A-API`: statement: a value of `aws:ViaAWSService` is an object, not a string, number or boolean"},
    {"statement on a config rule", R"("implementation": "scp", "enablement": "api")",
     R"("implementation": "config-rule", "enablement": "api")",
     "control `A-API`: only scp and rcp controls have a `statement`"},
    {"exemption names no parameter", R"("parameter": "Exempt")", R"("parameter": "Nobody")",
     "control `A-API`: `exemption` names unknown parameter `Nobody`"},
    {"deploy_as to nowhere", R"("deploy_as": "A-API")", R"("deploy_as": "B-API")",
     "control `Z-LZ`: `deploy_as` names unknown control `B-API`"},
    {"deploy_as drops a parameter", R"("name": "Regions", "type": "[region]")",
     R"("name": "Region", "type": "[region]")",
     "control `Z-LZ`: parameter `Region` has no counterpart of type [region] in `A-API`"},
    {"unknown top-level field", R"("source": "test")", R"("sources": "test")",
     "controls catalog: unknown field `sources`"},
};

TEST(ControlCatalogJson, RejectsMalformedInputNamingTheControl) {
  for (const BadCase& bad : kBad) {
    std::string error;
    const auto catalog = ControlCatalog::fromJson(replaced(kSmall, bad.from, bad.to), error);
    EXPECT_FALSE(catalog) << bad.what;
    EXPECT_NE(error.find(bad.message), std::string::npos)
        << bad.what << "\n  got:  " << error << "\n  want: " << bad.message;
  }
}

TEST(ControlCatalogJson, RejectsWrongShapesAtTheTop) {
  std::string error;
  EXPECT_FALSE(ControlCatalog::fromJson("[]", error));
  EXPECT_EQ(error, "controls catalog: must be an object");
  EXPECT_FALSE(ControlCatalog::fromJson(R"({"controls": {}})", error));
  EXPECT_EQ(error, "controls catalog: `controls` must be a list");
  EXPECT_FALSE(ControlCatalog::fromJson(R"({"controls": [3]})", error));
  EXPECT_EQ(error, "controls[0]: must be an object");
  EXPECT_FALSE(ControlCatalog::fromJson("", error));
  EXPECT_NE(error.find("not valid JSON"), std::string::npos);
  ASSERT_TRUE(ControlCatalog::fromJson(R"({"controls": []})", error));
}

}  // namespace
}  // namespace rootpol::controls
