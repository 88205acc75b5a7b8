// Identifier helpers: Terraform slugs, PascalCase logical ids, deterministic collision suffixes,
// and emitAll's file list.
#include "emit/names.h"

#include <gtest/gtest.h>

#include "emit/emit.h"
#include "emit_fixture.h"

namespace rootpol::emit {
namespace {

TEST(NamesTest, TerraformSlug) {
  EXPECT_EQ(terraformSlug("Workloads/Prod"), "workloads_prod");
  EXPECT_EQ(terraformSlug("a-b.c"), "a_b_c");
  EXPECT_EQ(terraformSlug("9lives"), "_9lives");
  EXPECT_EQ(terraformSlug(""), "_");
  EXPECT_EQ(terraformName("stay-in-org"), "stay-in-org");
  EXPECT_EQ(terraformName("-x y"), "_-x_y");
}

TEST(NamesTest, PascalCase) {
  EXPECT_EQ(pascalCase("stay-in-org"), "StayInOrg");
  EXPECT_EQ(pascalCase("AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS"), "AwsGrRestrictRootUserAccessKeys");
  EXPECT_EQ(pascalCase("CT.MULTISERVICE.PV.1"), "CtMultiservicePv1");
  EXPECT_EQ(pascalCase("noRootKeys"), "NoRootKeys");
  EXPECT_EQ(pascalCase("a-b"), pascalCase("a_b"));
  EXPECT_EQ(pascalCase("_"), "");
}

TEST(NamesTest, NameTableSuffixesInClaimOrder) {
  NameTable t("_");
  EXPECT_EQ(t.claim("x"), "x");
  EXPECT_EQ(t.claim("x"), "x_2");
  EXPECT_EQ(t.claim("x"), "x_3");
  EXPECT_EQ(t.claim("x_2"), "x_2_2");
  NameTable p("");
  EXPECT_EQ(p.claim("AB"), "AB");
  EXPECT_EQ(p.claim("AB"), "AB2");
}

TEST(NamesTest, NodeNamesUniqueAcrossNodes) {
  org::Model m = testing::rootOnly(true);
  const org::NodeIndex a = testing::addNode(m, org::Node::Kind::Ou, "a-b", testing::kRootNode);
  testing::addNode(m, org::Node::Kind::Ou, "a_b", testing::kRootNode);
  testing::addNode(m, org::Node::Kind::Ou, "Prod", a);
  testing::addNode(m, org::Node::Kind::Account, "audit", a, "333333333333");
  const NodeNames names = nodeNames(m);
  EXPECT_EQ(names.terraform, (std::vector<std::string>{"root", "ou_a_b", "ou_a_b_2", "ou_a_b_prod",
                                                       "account_audit"}));
  EXPECT_EQ(names.cloudFormation,
            (std::vector<std::string>{"Root", "OuAB", "OuAB2", "OuABProd", "AccountAudit"}));
}

TEST(EmitAllTest, EveryFileInOrder) {
  const org::Model model = testing::fullModel();
  const std::vector<PolicyOutput> policies = testing::fullPolicies();
  const std::vector<File> files = emitAll({model, policies, testing::defaultQuotas(), {}});
  std::vector<std::string> paths;
  for (const File& f : files) paths.push_back(f.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{
                "terraform/main.tf.json", "cloudformation/template.json", "cfct/manifest.yaml",
                "cfct/policies/stay-in-org.json", "cfct/policies/no-root-keys.json",
                "cfct/policies/tag-guard.json", "cfct/policies/allow-list.json", "report.json",
                "report.html"}));
  const std::vector<File> again = emitAll({model, policies, testing::defaultQuotas(), {}});
  for (std::size_t i = 0; i < files.size(); ++i) EXPECT_EQ(files[i].content, again[i].content);
}

}  // namespace
}  // namespace rootpol::emit
