// emitReport: limits, policy sizes and shares, slots per target (matching Model::slotsUsed),
// and the chain of SCPs in force above every account.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "emit/emit.h"
#include "emit_fixture.h"

namespace rootpol::emit {
namespace {

using nlohmann::json;
using namespace testing;

struct ReportTest : ::testing::Test {
  org::Model model = fullModel();
  std::vector<PolicyOutput> policies = fullPolicies();
  Quotas quotas = defaultQuotas();
  json doc() { return json::parse(emitReport({model, policies, quotas, {}}).content); }
};

TEST_F(ReportTest, PathLimitsAndDeterminism) {
  const File file = emitReport({model, policies, quotas, {}});
  EXPECT_EQ(file.path, "report.json");
  EXPECT_EQ(file.content.back(), '\n');
  EXPECT_EQ(file.content, emitReport({model, policies, quotas, {}}).content);
  EXPECT_EQ(doc()["limits"], json::parse(R"({"table": "2026-05-15", "scp_max_size": 10240,
                                             "scps_per_target": 10, "ou_max_depth": 5})"));
}

TEST_F(ReportTest, PolicySizesSharesAndTargets) {
  policies[1].json = std::string(123, 'x');
  quotas.scpMaxSize = 1000;
  const json p = doc()["policies"];
  ASSERT_EQ(p.size(), policies.size());
  EXPECT_EQ(p[1]["name"], "no-root-keys");
  EXPECT_EQ(p[1]["file"], "scp/no-root-keys.json");
  EXPECT_EQ(p[1]["bytes"], 123);
  EXPECT_EQ(p[1]["share_percent"], 12.3);
  EXPECT_EQ(p[1]["targets"], json::parse(R"(["ou Security", "ou Workloads"])"));
  EXPECT_EQ(p[2]["targets"], json::parse(R"(["ou Workloads/Prod", "account audit"])"));
  EXPECT_EQ(p[3]["statements"], 2);
  EXPECT_EQ(p[4]["targets"], json::array());
  policies[1].json = std::string(1000, 'x');
  EXPECT_EQ(doc()["policies"][1]["share_percent"].dump(), "100.0");
}

TEST_F(ReportTest, TargetsSlotsAndBytes) {
  const json t = doc()["targets"];
  ASSERT_EQ(t.size(), model.nodes.size());
  const json security = t[kSecurity];
  EXPECT_EQ(security["target"], "ou Security");
  EXPECT_EQ(security["id"], "ou-ab12-11111111");
  EXPECT_EQ(security["full_aws_access"], true);
  EXPECT_EQ(security["policies"], json::parse(R"(["no-root-keys"])"));
  EXPECT_EQ(security["external"], json::parse(R"(["aws-guardrails-abcd"])"));
  EXPECT_EQ(security["controls"], json::parse(R"(["AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS"])"));
  EXPECT_EQ(security["slots_used"], 4);  // FullAWSAccess, program, external, guardrail SCP
  EXPECT_EQ(security["slots_left"], 6);
  EXPECT_EQ(security["bytes"], policies[1].json.size());
  EXPECT_EQ(t[kWorkloads]["id"], nullptr);
  EXPECT_EQ(t[kSandbox]["full_aws_access"], false);
  EXPECT_EQ(t[kSandbox]["slots_used"], 1);
  for (org::NodeIndex n = 0; n < model.nodes.size(); ++n) {
    EXPECT_EQ(t[n]["slots_used"], model.slotsUsed(n)) << n;
  }
  quotas.scpsPerTarget = 3;
  EXPECT_EQ(doc()["targets"][kSecurity]["slots_left"], -1);
}

TEST_F(ReportTest, AccountChains) {
  const json a = doc()["accounts"];
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0]["account"], "audit");
  EXPECT_EQ(a[0]["id"], "333333333333");
  EXPECT_EQ(a[0]["management"], false);
  EXPECT_EQ(a[0]["chain"], json::parse(R"([
      {"target": "root", "scps": ["FullAWSAccess", "stay-in-org"]},
      {"target": "ou Security",
       "scps": ["FullAWSAccess", "no-root-keys", "aws-guardrails-abcd", "aws-guardrails-*"]},
      {"target": "account audit", "scps": ["FullAWSAccess", "tag-guard"]}])"));
  EXPECT_EQ(a[1]["account"], "mgmt");
  EXPECT_EQ(a[1]["management"], true);
  EXPECT_EQ(a[1]["chain"].size(), 2u);
}

TEST(ReportUndeclared, PoliciesOnlyAndRootWhenAttached) {
  org::Model model = rootOnly(false);
  const std::vector<PolicyOutput> policies = fullPolicies();
  json doc = json::parse(emitReport({model, policies, defaultQuotas(), {}}).content);
  EXPECT_EQ(doc["policies"].size(), policies.size());
  EXPECT_EQ(doc["targets"], json::array());
  EXPECT_EQ(doc["accounts"], json::array());
  attach(model, kRootNode, "orphan");
  doc = json::parse(emitReport({model, policies, defaultQuotas(), {}}).content);
  ASSERT_EQ(doc["targets"].size(), 1u);
  EXPECT_EQ(doc["targets"][0]["target"], "root");
  EXPECT_EQ(doc["targets"][0]["id"], nullptr);
  EXPECT_EQ(doc["targets"][0]["slots_used"], 2);
}

}  // namespace
}  // namespace rootpol::emit
