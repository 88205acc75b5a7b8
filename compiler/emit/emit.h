#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "alerts/alert.h"
#include "org/model.h"

// The deployment emitters: from the compiled SCPs and the resolved organization model to the
// files under OUT other than scp/ (LANGUAGE.md §7). Every emitter is a pure function of its
// input: the same input gives byte-identical files, ordered as the program orders things
// (nodes in model order, attachments in placement order, policies in input order).
namespace rootpol::emit {

// One compiled SCP (or one part of one).
struct PolicyOutput {
  std::string name;         // rootpol identifier: [A-Za-z_][A-Za-z0-9_-]*
  std::string description;  // may be empty
  std::string json;         // minified SCP, exactly the bytes of OUT/scp/<name>.json
  std::size_t statements = 0;
  bool rcp = false;  // a resource control policy: OUT/rcp/<name>.json, type RESOURCE_CONTROL_POLICY
  // The program policy this is a part of (docs/packing.md): a policy over the size quota is
  // deployed as parts NAME, NAME-2, ..., each attached wherever the policy is. Empty: `name`.
  std::string policy = {};
  std::size_t part = 1, parts = 1;  // 1-based index among the policy's parts, and their count
  const std::string& program() const { return policy.empty() ? name : policy; }
  std::string source = {};  // where the program policy is declared: "FILE:LINE", for report.html
  // OUT/scp/<name>.json or OUT/rcp/<name>.json.
  std::string file() const { return (rcp ? "rcp/" : "scp/") + name + ".json"; }
  const char* organizationsType() const { return rcp ? "RESOURCE_CONTROL_POLICY" : "SERVICE_CONTROL_POLICY"; }
};

// The quota table in force (driver::Limits, restated so that emit does not depend on driver).
struct Quotas {
  std::string table;
  std::size_t scpMaxSize = 0, scpsPerTarget = 0, ouMaxDepth = 0;
  std::size_t rcpMaxSize = 0;
  std::size_t rcpsPerTarget = 0;  // counting RCPFullAWSAccess
};

struct EmitInput {
  const org::Model& org;
  const std::vector<PolicyOutput>& policies;
  Quotas quotas;
  // Checked alerts (docs/alerts.md): EventBridge rules, SNS topics and the forwarding that
  // brings every account's events to them, in Terraform and CloudFormation.
  const std::vector<alerts::Alert>& alerts;
};

// A file to write; `path` is relative to OUT.
struct File {
  std::string path;
  std::string content;
};

// "terraform/main.tf.json": policies, attachments, Control Tower controls, variables for the
// ids the model does not give, one output per policy.
std::vector<File> emitTerraform(const EmitInput& in);
// "cloudformation/template.json": the same as a CloudFormation template with Parameters.
std::vector<File> emitCloudFormation(const EmitInput& in);
// "cfct/manifest.yaml" plus "cfct/policies/<name>.json" for every policy the manifest lists.
std::vector<File> emitCfct(const EmitInput& in);
// "report.json": sizes against the quotas, slots per target, the SCP chain of every account.
File emitReport(const EmitInput& in);
// All of the above, in that order, then "report.html": the organization tree, every target's SCP
// and RCP slots and bytes against the quotas, the policies, controls and alerts, as one
// self-contained page built from report.json's document and the model.
std::vector<File> emitAll(const EmitInput& in);

}  // namespace rootpol::emit
