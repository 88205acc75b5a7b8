#pragma once

// Hand-built organization models for the emitter tests: one that exercises every feature
// (ids given and missing, nesting, accounts, the management account, external policies, a
// detached FullAWSAccess, controls with parameters) and helpers to add to it.
#include <optional>
#include <string>
#include <vector>

#include "emit/emit.h"

namespace rootpol::emit::testing {

inline org::NodeIndex addNode(org::Model& m, org::Node::Kind kind, std::string name,
                              org::NodeIndex parent, std::optional<std::string> id = std::nullopt) {
  org::Node node;
  node.kind = kind;
  node.name = name;
  const org::Node& up = m.nodes[parent];
  node.path =
      kind == org::Node::Kind::Ou && up.kind == org::Node::Kind::Ou ? up.path + "/" + name : name;
  node.id = std::move(id);
  node.parent = parent;
  node.depth = up.depth + 1;
  m.nodes.push_back(node);
  m.placements.emplace_back();
  const org::NodeIndex index = m.nodes.size() - 1;
  m.nodes[parent].children.push_back(index);
  return index;
}

inline org::Model rootOnly(bool declared, std::optional<std::string> rootId = std::nullopt) {
  org::Model m;
  m.declared = declared;
  org::Node root;
  root.id = std::move(rootId);
  m.nodes.push_back(root);
  m.placements.emplace_back();
  return m;
}

inline void attach(org::Model& m, org::NodeIndex node, std::string policy, bool external = false) {
  m.placements[node].attachments.push_back({std::move(policy), external, {}});
}

inline org::ControlParameter listParameter(std::string name, std::string json,
                                           std::vector<std::string> values) {
  return {std::move(name), std::move(json), true, std::move(values)};
}

inline void enable(org::Model& m, org::NodeIndex node, std::string id, std::string arn,
                   std::vector<org::ControlParameter> parameters = {}) {
  org::EnabledControl c;
  c.id = id;
  c.writtenId = id;
  c.identifierArn = std::move(arn);
  c.usesScpSlot = true;
  c.target = node;
  c.parameters = std::move(parameters);
  m.controls.push_back(std::move(c));
  m.placements[node].controls.push_back(m.controls.size() - 1);
}

// Node indexes of the full model.
enum : org::NodeIndex { kRootNode, kSecurity, kWorkloads, kProd, kSandbox, kAudit, kMgmt };

// organization acme, management 111111111111, no organization id, no home Region:
//   root "r-ab12": stay-in-org
//   ou Security "ou-ab12-11111111": no-root-keys, external aws-guardrails-abcd, control
//   ou Workloads: no-root-keys;  ou Workloads/Prod: tag-guard, control with parameters
//   ou Sandbox "ou-ab12-22222222": allow-list, FullAWSAccess detached
//   account audit (in Security): tag-guard;  account mgmt (management): nothing
inline org::Model fullModel() {
  org::Model m = rootOnly(true, "r-ab12");
  m.name = "acme";
  m.managementAccountId = "111111111111";
  using K = org::Node::Kind;
  addNode(m, K::Ou, "Security", kRootNode, "ou-ab12-11111111");
  addNode(m, K::Ou, "Workloads", kRootNode);
  addNode(m, K::Ou, "Prod", kWorkloads);
  addNode(m, K::Ou, "Sandbox", kRootNode, "ou-ab12-22222222");
  addNode(m, K::Account, "audit", kSecurity, "333333333333");
  addNode(m, K::Account, "mgmt", kRootNode, "111111111111");
  m.nodes[kMgmt].management = true;
  attach(m, kRootNode, "stay-in-org");
  attach(m, kSecurity, "no-root-keys");
  attach(m, kSecurity, "aws-guardrails-abcd", true);
  attach(m, kWorkloads, "no-root-keys");
  attach(m, kProd, "tag-guard");
  attach(m, kSandbox, "allow-list");
  m.placements[kSandbox].fullAwsAccess = false;
  attach(m, kAudit, "tag-guard");
  enable(m, kSecurity, "AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS",
         "arn:aws:controlcatalog:::control/8ui9y3oace2513xarz8aqojl7",
         {listParameter("ExemptedPrincipalArns", R"(["arn:aws:iam::*:role/Admin"])",
                        {"arn:aws:iam::*:role/Admin"})});
  enable(m, kProd, "CT.MULTISERVICE.PV.1",
         "arn:aws:controlcatalog:::control/ka8e3pkqefnjsxuyc26ji580",
         {listParameter("AllowedRegions", R"(["eu-west-1","eu-central-1"])",
                        {"eu-west-1", "eu-central-1"}),
          {"Mode", R"("${aws:PrincipalTag/team}")", false, {"${aws:PrincipalTag/team}"}},
          {"ExemptAssumeRoot", "true", false, {"true"}}});
  return m;
}

// Policy variables and a template directive in the content: both must survive Terraform.
inline const char* const kStayInOrgJson =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization",)"
    R"("Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"${aws:PrincipalTag/team}",)"
    R"("aws:userid":"%{x}"}}}]})";

inline std::vector<PolicyOutput> fullPolicies() {
  return {
      {"stay-in-org", "Accounts stay in the organization", kStayInOrgJson, 1},
      {"no-root-keys", "", R"({"Version":"2012-10-17","Statement":[]})", 0},
      {"tag-guard", "Tags \"team\" stay", R"({"Version":"2012-10-17","Statement":[{}]})", 1},
      {"allow-list", "", R"({"Version":"2012-10-17","Statement":[{},{}]})", 2},
      {"orphan", "", R"({"Version":"2012-10-17"})", 0},
  };
}

inline Quotas defaultQuotas() { return {"2026-05-15", 10240, 10, 5}; }

}  // namespace rootpol::emit::testing
