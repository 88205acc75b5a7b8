// The organization model: tree, target resolution, slots, chains and control parameters,
// built from source text through the real parser and checker.
#include "org/build_model.h"

#include <gtest/gtest.h>

#include "sema/checker.h"
#include "stdlib_files.h"
#include "syntax/parse.h"

namespace rootpol::org {
namespace {

struct Built {
  SourceManager sources;
  DiagnosticSink sink;
  std::unique_ptr<ast::Module> module;
  Model model;
};

std::unique_ptr<Built> build(const std::string& text, std::size_t scpsPerTarget = 10) {
  auto b = std::make_unique<Built>();
  FileId id = b->sources.add("t.rootpol", text);
  b->module = syntax::parse(b->sources.file(id), b->sink);
  std::string error;
  auto keys = sema::KeyTable::fromJson(*stdlib::embeddedFile("keys.json"), error);
  sema::checkProgram({b->module.get()}, *keys, b->sink);
  BuildOptions options;
  options.scpsPerTarget = scpsPerTarget;
  options.ouMaxDepth = 5;
  options.limitsName = "test";
  for (const ast::Policy& p : b->module->policies) {
    options.policyHasAllow[p.name] = p.rules.front().effect == ast::Effect::Allow;
  }
  b->model = buildModel({b->module.get()}, options, b->sink);
  return b;
}

std::vector<std::string> codes(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const Diagnostic& d : sink.diagnostics()) out.emplace_back(diagInfo(d.code).code);
  return out;
}

std::optional<NodeIndex> find(const Model& m, const std::string& display) {
  for (NodeIndex i = 0; i < m.nodes.size(); ++i) {
    if (m.nodes[i].display() == display) return i;
  }
  return std::nullopt;
}

constexpr const char* kOrg = R"(
policy p { deny organizations:LeaveOrganization }
policy q { deny iam:CreateAccessKey for root }
organization acme {
  management "111111111111"
  ou Workloads { ou Prod { account shop "222222222222" } }
  ou Sandbox { ou Prod {} }
  account mgmt "111111111111"
}
)";

TEST(BuildModel, TreeHasPathsDepthsAndTheManagementAccount) {
  auto b = build(kOrg);
  EXPECT_TRUE(codes(b->sink).empty());
  const Model& m = b->model;
  ASSERT_EQ(m.nodes.size(), 7u);
  EXPECT_EQ(m.nodes[kRoot].display(), "root");
  auto prod = find(m, "ou Workloads/Prod");
  ASSERT_TRUE(prod);
  EXPECT_EQ(m.nodes[*prod].depth, 2u);
  auto shop = find(m, "account shop");
  ASSERT_TRUE(shop);
  EXPECT_EQ(m.chain(*shop), (std::vector<NodeIndex>{kRoot, *find(m, "ou Workloads"), *prod, *shop}));
  EXPECT_TRUE(m.nodes[*find(m, "account mgmt")].management);
  EXPECT_FALSE(m.nodes[*shop].management);
}

TEST(BuildModel, PathSuffixesResolveAndAmbiguityIsReported) {
  auto ok = build(std::string(kOrg) + "attach p to ou Workloads/Prod, ou Sandbox/Prod, account shop\n");
  EXPECT_TRUE(codes(ok->sink).empty());
  EXPECT_EQ(ok->model.placements[*find(ok->model, "ou Sandbox/Prod")].attachments.size(), 1u);
  auto ambiguous = build(std::string(kOrg) + "attach p to ou Prod\n");
  EXPECT_EQ(codes(ambiguous->sink), std::vector<std::string>{"RP3006"});
  // A suffix must match whole names: `rod` is not `Prod`.
  auto partial = build(std::string(kOrg) + "attach p to ou rod\n");
  EXPECT_EQ(codes(partial->sink), std::vector<std::string>{"RP3005"});
}

TEST(BuildModel, SlotsCountFullAccessExternalsAndOneGuardrailScp) {
  auto b = build(std::string(kOrg) +
                 "attach p, q, external \"x\" to ou Workloads\n"
                 "control AWS-GR_RESTRICT_ROOT_USER on ou Workloads\n"
                 "control AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS on ou Workloads\n"
                 "control AWS-GR_ROOT_ACCOUNT_MFA_ENABLED on ou Sandbox\n");
  EXPECT_TRUE(codes(b->sink).empty());
  const Model& m = b->model;
  // FullAWSAccess + p + q + x + one guardrail SCP for the two SCP controls.
  EXPECT_EQ(m.slotsUsed(*find(m, "ou Workloads")), 5u);
  // A Config-rule control takes no SCP slot.
  EXPECT_EQ(m.slotsUsed(*find(m, "ou Sandbox")), 1u);
}

TEST(BuildModel, QuotaIsCheckedAgainstTheOptions) {
  std::string program = std::string(kOrg) + "attach p, q to ou Workloads\n";
  EXPECT_TRUE(codes(build(program, 3)->sink).empty());
  EXPECT_EQ(codes(build(program, 2)->sink), std::vector<std::string>{"RP3008"});
  EXPECT_TRUE(codes(build(program + "detach FullAWSAccess from ou Workloads\n", 2)->sink) ==
              std::vector<std::string>{"RP3010"});
}

TEST(BuildModel, ControlParametersBecomeApiJsonInCatalogOrder) {
  auto b = build(std::string(kOrg) +
                 "control CT.MULTISERVICE.PV.1 on ou Sandbox with {\n"
                 "  ExemptedActions: iam:*,\n"
                 "  AllowedRegions: [\"eu-west-1\", \"eu-central-1\"],\n"
                 "}\n"
                 "control AWS-GR_RESTRICT_ROOT_USER on ou Workloads with { ExemptAssumeRoot: true }\n");
  EXPECT_TRUE(codes(b->sink).empty());
  ASSERT_EQ(b->model.controls.size(), 2u);
  const EnabledControl& pv1 = b->model.controls[0];
  EXPECT_EQ(pv1.identifierArn, "arn:aws:controlcatalog:::control/ka8e3pkqefnjsxuyc26ji580");
  ASSERT_EQ(pv1.parameters.size(), 2u);
  EXPECT_EQ(pv1.parameters[0].name, "AllowedRegions");
  EXPECT_EQ(pv1.parameters[0].json, R"(["eu-west-1","eu-central-1"])");
  EXPECT_EQ(pv1.parameters[1].json, R"(["iam:*"])");  // a list parameter given one value
  EXPECT_EQ(b->model.controls[1].parameters.at(0).json, "true");
}

TEST(BuildModel, LandingZoneRegionDenyIsEnabledAsTheOuControl) {
  auto b = build(std::string(kOrg) + "control AWS-GR_REGION_DENY on ou Sandbox with { AllowedRegions: [\"eu-west-1\"] }\n");
  EXPECT_EQ(codes(b->sink), std::vector<std::string>{"RP3105"});
  ASSERT_EQ(b->model.controls.size(), 1u);
  EXPECT_EQ(b->model.controls[0].id, "CT.MULTISERVICE.PV.1");
  EXPECT_EQ(b->model.controls[0].writtenId, "AWS-GR_REGION_DENY");
}

TEST(BuildModel, MandatoryControlsAreNotInTheModel) {
  auto b = build(std::string(kOrg) + "control AWS-GR_CLOUDTRAIL_ENABLED on ou Sandbox\n");
  EXPECT_EQ(codes(b->sink), std::vector<std::string>{"RP3105"});
  EXPECT_TRUE(b->model.controls.empty());
}

TEST(BuildModel, RootAttachmentsNeedNoOrganization) {
  auto b = build("policy p { deny organizations:LeaveOrganization }\nattach p to root\n");
  EXPECT_TRUE(codes(b->sink).empty());
  EXPECT_FALSE(b->model.declared);
  EXPECT_EQ(b->model.placements[kRoot].attachments.size(), 1u);
}

}  // namespace
}  // namespace rootpol::org
