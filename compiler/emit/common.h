#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emit/emit.h"

// What the emitters share: which attachments are deployed, which ids the outputs must ask
// for, the ARN a control targets, and the notes about what no deployment format can express.
// Internal to emit/.
namespace rootpol::emit::detail {

using Json = nlohmann::ordered_json;

// 2-space indent, a trailing newline; invalid UTF-8 is replaced rather than thrown on.
std::string dumpPretty(const Json& doc);

// The content of report.json as a document (report.cpp); report.html is rendered from the same
// document (report_html.cpp), so emitAll builds it once for both files.
Json reportDocument(const EmitInput& in);
File reportHtml(const EmitInput& in, const Json& report);
// Minified, same error handling.
std::string dumpCompact(const Json& doc);

// The (first part of the) program policy `name`.
const PolicyOutput* findPolicy(const EmitInput& in, std::string_view name);

// A program policy on a target. Only policies that were compiled (found in the input) are
// deployed; an attachment the program repeats is deployed once.
struct Placed {
  const PolicyOutput* policy = nullptr;
  org::NodeIndex node = org::kRoot;
};
// Node-major in model order, attachments in placement order; a policy in parts is placed
// part by part wherever the program attaches it.
std::vector<Placed> programAttachments(const EmitInput& in);
// The nodes a policy is deployed to, in model order.
std::vector<org::NodeIndex> targetsOf(const std::vector<Placed>& placed, const PolicyOutput& p);

// The management account id: the organization's, else the id of the management account node.
std::optional<std::string> managementAccountId(const org::Model& model);

// An id the outputs take as a variable or parameter: what it is, and the AWS pattern
// (anchored) from aws-facts §2.
struct IdInfo {
  std::string what;
  std::string pattern;
};
IdInfo organizationIdInfo();
IdInfo managementAccountIdInfo();
IdInfo nodeIdInfo(const org::Node& node);

// The ids that are needed and not given: a node's when something is attached to it or a
// control targets it, the organization's and management account's when a control needs an ARN.
struct NeededIds {
  bool organization = false;
  bool management = false;
  std::vector<bool> nodes;  // parallel to Model::nodes
};
NeededIds neededIds(const EmitInput& in, const std::vector<Placed>& placed);

// arn:PARTITION:organizations::MGMT:TYPE/ORG/ID, split so that each emitter can fill the
// parts the model does not give with its own reference syntax.
struct TargetArn {
  std::string partition;  // taken from the control's identifier ARN, "aws" by default
  std::optional<std::string> management;
  std::optional<std::string> organization;
  std::string type;  // "ou" (controls only target OUs), "root", "account"
  std::optional<std::string> id;
};
TargetArn targetArn(const org::Model& model, const org::EnabledControl& control);

// "ou Sandbox (ou-ab12-34cd56ef)" or "ou Sandbox".
std::string describe(const org::Node& node);
// What the program says that Terraform and CloudFormation cannot express: detached
// FullAWSAccess, external policies, attachments of policies that were not compiled.
std::vector<std::string> manualNotes(const EmitInput& in);

// The IAM organization features that `root_access centralized` enables (Terraform
// aws_iam_organizations_features.enabled_features).
inline const std::vector<std::string> kRootAccessFeatures{"RootCredentialsManagement", "RootSessions"};

// A step that some outputs cannot take because their format has no resource for it (CloudFormation
// and CfCT have none for centralized root access): report.json lists it under manual_steps, and
// those outputs say so. manual_steps.cpp.
struct ManualStep {
  std::string id;                    // "root_access_centralized"
  std::string what;                  // one sentence
  std::vector<std::string> outputs;  // the outputs that do not take it: "cloudformation", "cfct"
  std::vector<std::string> commands; // AWS CLI commands that take it, run in the management account
};
std::vector<ManualStep> manualSteps(const EmitInput& in);
// The sentence an output that cannot take `step` writes about it.
std::string manualStepNote(const ManualStep& step, std::string_view format);

}  // namespace rootpol::emit::detail
