#include "emit/common.h"

#include <algorithm>

namespace rootpol::emit::detail {

std::string dumpPretty(const Json& doc) {
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string dumpCompact(const Json& doc) {
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const PolicyOutput* findPolicy(const EmitInput& in, std::string_view name) {
  for (const PolicyOutput& p : in.policies) {
    if (p.program() == name) return &p;
  }
  return nullptr;
}

std::vector<Placed> programAttachments(const EmitInput& in) {
  std::vector<Placed> out;
  const std::size_t n = std::min(in.org.nodes.size(), in.org.placements.size());
  for (org::NodeIndex node = 0; node < n; ++node) {
    for (const org::Attachment& a : in.org.placements[node].attachments) {
      if (a.external) continue;
      for (const PolicyOutput& policy : in.policies) {
        if (policy.program() != a.policy) continue;
        bool repeated = std::any_of(out.begin(), out.end(), [&](const Placed& p) {
          return p.node == node && p.policy == &policy;
        });
        if (!repeated) out.push_back({&policy, node});
      }
    }
  }
  return out;
}

std::vector<org::NodeIndex> targetsOf(const std::vector<Placed>& placed, const PolicyOutput& p) {
  std::vector<org::NodeIndex> out;
  for (const Placed& at : placed) {
    if (at.policy == &p) out.push_back(at.node);
  }
  return out;
}

std::optional<std::string> managementAccountId(const org::Model& model) {
  if (model.managementAccountId) return model.managementAccountId;
  for (const org::Node& node : model.nodes) {
    if (node.management && node.id) return node.id;
  }
  return std::nullopt;
}

IdInfo organizationIdInfo() {
  return {"The AWS Organizations organization id", "^o-[a-z0-9]{10,32}$"};
}

IdInfo managementAccountIdInfo() {
  return {"The management account id (the account in Control Tower target ARNs)", "^\\d{12}$"};
}

IdInfo nodeIdInfo(const org::Node& node) {
  switch (node.kind) {
    case org::Node::Kind::Root:
      return {"The id of the organization root", "^r-[0-9a-z]{4,32}$"};
    case org::Node::Kind::Ou:
      return {"The id of " + node.display(), "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$"};
    case org::Node::Kind::Account:
      return {"The id of " + node.display(), "^\\d{12}$"};
  }
  return {"The id of " + node.display(), "^.+$"};
}

NeededIds neededIds(const EmitInput& in, const std::vector<Placed>& placed) {
  const org::Model& model = in.org;
  NeededIds out;
  out.nodes.assign(model.nodes.size(), false);
  auto need = [&](org::NodeIndex node) {
    if (node < model.nodes.size() && !model.nodes[node].id) out.nodes[node] = true;
  };
  for (const Placed& at : placed) need(at.node);
  for (const org::EnabledControl& control : model.controls) {
    need(control.target);
    out.organization = out.organization || !model.organizationId;
    out.management = out.management || !managementAccountId(model);
  }
  if (!in.alerts.empty()) {
    // The alert bus admits the organization's accounts; the forwarding StackSet targets the root.
    out.organization = out.organization || !model.organizationId;
    need(org::kRoot);
  }
  return out;
}

TargetArn targetArn(const org::Model& model, const org::EnabledControl& control) {
  TargetArn out;
  const std::string& arn = control.identifierArn;
  const std::size_t end = arn.find(':', 4);
  out.partition = arn.rfind("arn:", 0) == 0 && end != std::string::npos && end > 4
                      ? arn.substr(4, end - 4)
                      : "aws";
  out.management = managementAccountId(model);
  out.organization = model.organizationId;
  out.type = "ou";
  if (control.target < model.nodes.size()) {
    const org::Node& node = model.nodes[control.target];
    if (node.kind == org::Node::Kind::Root) out.type = "root";
    if (node.kind == org::Node::Kind::Account) out.type = "account";
    out.id = node.id;
  }
  return out;
}

std::string describe(const org::Node& node) {
  return node.id ? node.display() + " (" + *node.id + ")" : node.display();
}

std::vector<std::string> manualNotes(const EmitInput& in) {
  std::vector<std::string> out;
  const std::size_t n = std::min(in.org.nodes.size(), in.org.placements.size());
  for (org::NodeIndex node = 0; node < n; ++node) {
    const std::string where = describe(in.org.nodes[node]);
    const org::Placement& placement = in.org.placements[node];
    if (!placement.fullAwsAccess) {
      out.push_back("detach FullAWSAccess from " + where +
                    " by hand: the program detaches it and this file cannot express a detachment");
    }
    for (const org::Attachment& a : placement.attachments) {
      if (a.external) {
        out.push_back((a.file ? "policy file " : "external policy ") + a.policy + " on " + where +
                      " is managed elsewhere: it is neither created nor attached here");
      } else if (findPolicy(in, a.policy) == nullptr) {
        out.push_back("policy " + a.policy + " on " + where +
                      " was not compiled: it is not attached here");
      }
    }
  }
  return out;
}

}  // namespace rootpol::emit::detail
