#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.h"

// The organization as the program declares it, resolved: one tree (root, OUs, accounts),
// what is attached where, and which controls are on which OU. Built from the AST by
// buildModel() (org/build_model.h) after semantic analysis; read by the emitters and the
// report. Nothing here refers to the AST or to the parse tree.
namespace rootpol::org {

using NodeIndex = std::size_t;
inline constexpr NodeIndex kRoot = 0;

struct Node {
  enum class Kind { Root, Ou, Account };
  Kind kind = Kind::Root;
  std::string name;                 // "" for the root
  std::string path;                 // "Workloads/Prod" for OUs; the account name; "" for the root
  std::optional<std::string> id;    // "r-...", "ou-...", 12 digits; nullopt: not given
  bool management = false;          // the management account (SCPs never apply there)
  std::optional<NodeIndex> parent;  // nullopt only for the root
  std::vector<NodeIndex> children;  // in declaration order
  std::size_t depth = 0;            // root 0, top-level OUs and accounts 1
  Span span;

  // How diagnostics and the report name it: "root", "ou Workloads/Prod", "account audit".
  std::string display() const;
};

// A policy on a target. Program policies are compiled and emitted; external ones (Control
// Tower's aws-guardrails-*, LZA's) are declared only so they count against the quota. A `file`
// attachment is external too (never emitted), but its JSON is known: `policy` is the path as
// written, and `rootpol test`/`explain` decide with it (driver::Compilation::attachedFile).
// `rcp`: a program `resource policy`, which takes an RCP slot rather than an SCP slot.
struct Attachment {
  std::string policy;
  bool external = false;
  Span span;
  bool file = false;
  bool rcp = false;
};

// A control parameter after checking: `json` is the value as the EnableControl API takes it
// (a JSON array of strings, a JSON string, true/false), minified and deterministic.
struct ControlParameter {
  std::string name;
  std::string json;
  bool list = false;
  std::vector<std::string> values;  // the scalar values (one for a scalar parameter)
};

struct EnabledControl {
  std::string id;             // the catalog id that is enabled (after deploy_as)
  std::string writtenId;      // as the program wrote it
  std::string identifierArn;  // controlIdentifier for EnableControl
  bool usesScpSlot = false;   // an SCP-based control: Control Tower attaches an SCP to the OU
  NodeIndex target = kRoot;   // always an OU
  std::vector<ControlParameter> parameters;  // in catalog order
  Span span;
};

struct Placement {
  std::vector<Attachment> attachments;  // program and external policies, in program order
  bool fullAwsAccess = true;            // FullAWSAccess stays attached unless detached
  std::vector<std::size_t> controls;    // indexes into Model::controls
};

struct Model {
  bool declared = false;  // the program has an `organization`
  std::string name;
  std::optional<std::string> organizationId;  // "o-..."
  std::optional<std::string> managementAccountId;
  std::optional<std::string> homeRegion;
  // `root_access centralized`: the IAM features RootCredentialsManagement and RootSessions are
  // enabled, so member accounts' root tasks run as sts:AssumeRoot sessions.
  bool rootAccessCentralized = false;
  Span rootAccessSpan;  // the `root_access` word
  std::vector<Node> nodes;            // nodes[kRoot] is the root; parents before children
  std::vector<Placement> placements;  // parallel to nodes
  std::vector<EnabledControl> controls;

  // SCP attachment slots used on a node: FullAWSAccess when attached, every program SCP,
  // external and file policy, and one Control Tower guardrail SCP when some SCP control is on it.
  std::size_t slotsUsed(NodeIndex node) const;
  // RCP attachment slots used on a node: AWS's RCPFullAWSAccess (always attached, it cannot be
  // detached) and every program RCP.
  std::size_t rcpSlotsUsed(NodeIndex node) const;
  // Root first, the account last.
  std::vector<NodeIndex> chain(NodeIndex node) const;
  // Whether the account with this id is one of the organization's (the management account too).
  bool hasAccount(std::string_view accountId) const;
};

}  // namespace rootpol::org
