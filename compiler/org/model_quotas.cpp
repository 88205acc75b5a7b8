// Attachment quotas per target, and levels left without any allow.
#include <fmt/format.h>

#include <algorithm>

#include "org/model_builder.h"

namespace rootpol::org::detail {
namespace {

// What occupies the slots of a node, in the order the report and the diagnostic list them.
std::vector<std::string> slotHolders(const Model& model, NodeIndex node) {
  std::vector<std::string> out;
  const Placement& p = model.placements[node];
  if (p.fullAwsAccess) out.push_back("FullAWSAccess (attached by default)");
  for (std::size_t c : p.controls) {
    if (model.controls[c].usesScpSlot) {
      out.push_back(fmt::format("Control Tower's guardrail SCP (for {})", model.controls[c].id));
      break;
    }
  }
  for (const Attachment& a : p.attachments) {
    if (a.rcp) continue;
    out.push_back(a.file       ? fmt::format("file \"{}\"", a.policy)
                  : a.external ? fmt::format("external \"{}\"", a.policy)
                               : a.policy);
  }
  return out;
}

// The attachments of a node that take a slot of one kind (SCP or RCP), in program order.
std::vector<const Attachment*> slotted(const Placement& p, bool rcp) {
  std::vector<const Attachment*> out;
  for (const Attachment& a : p.attachments) {
    if (a.rcp == rcp) out.push_back(&a);
  }
  return out;
}

}  // namespace

void ModelBuilder::checkQuotas() {
  std::size_t quota = options_.scpsPerTarget;
  for (NodeIndex node = 0; node < model_.nodes.size(); ++node) {
    std::size_t used = model_.slotsUsed(node);
    if (used <= quota) continue;
    const Placement& p = model_.placements[node];
    const std::vector<const Attachment*> scps = slotted(p, false);
    std::size_t fixed = used - scps.size();  // FullAWSAccess and the guardrail SCP
    std::optional<Span> where = model_.nodes[node].span;
    if (fixed <= quota && quota - fixed < scps.size()) where = scps[quota - fixed]->span;
    if (fixed > quota && !p.controls.empty()) where = model_.controls[p.controls.front()].span;
    Diagnostic& d =
        sink_.report(DiagCode::RP3008, where,
                     fmt::format("{} has {} SCPs attached; the quota is {} (limits {})",
                                 model_.nodes[node].display(), used, quota, options_.limitsName));
    for (const std::string& holder : slotHolders(model_, node))
      d.notes.push_back("attached: " + holder);
    d.help =
        p.fullAwsAccess
            ? "merge policies, attach them higher in the tree, or detach FullAWSAccess if an allow "
              "policy replaces it"
            : "merge policies or attach them higher in the tree";
  }
}

// RCPs have their own quota; AWS's RCPFullAWSAccess is always attached and takes one slot.
void ModelBuilder::checkRcpQuotas() {
  const std::size_t quota = options_.rcpsPerTarget;
  for (NodeIndex node = 0; node < model_.nodes.size(); ++node) {
    const std::size_t used = model_.rcpSlotsUsed(node);
    const std::vector<const Attachment*> rcps = slotted(model_.placements[node], true);
    if (used <= quota || rcps.empty()) continue;
    const Span where = rcps[std::min(quota == 0 ? 0 : quota - 1, rcps.size() - 1)]->span;
    Diagnostic& d = sink_.report(DiagCode::RP3018, where,
                                 fmt::format("{} has {} RCPs attached; the quota is {} (limits {})",
                                             model_.nodes[node].display(), used, quota, options_.limitsName));
    d.notes.push_back("attached: RCPFullAWSAccess (attached by AWS, it cannot be detached)");
    for (const Attachment* a : rcps) d.notes.push_back("attached: " + a->policy);
    d.help = "merge resource policies or attach them higher in the tree";
  }
}

void ModelBuilder::checkDetachedLevels() {
  for (NodeIndex node = 0; node < model_.nodes.size(); ++node) {
    if (model_.placements[node].fullAwsAccess) continue;
    bool allows = false;
    for (const Attachment& a : model_.placements[node].attachments) {
      auto it = options_.policyHasAllow.find(a.policy);
      allows = allows || (!a.external && it != options_.policyHasAllow.end() && it->second);
    }
    if (allows) continue;
    sink_
        .report(
            DiagCode::RP3010, detachSpans_[node],
            fmt::format(
                "nothing allows any action at {}: FullAWSAccess is detached and no SCP attached "
                "there has an `allow` rule",
                model_.nodes[node].display()))
        .help = "every request in it and below is denied; attach a policy with `allow` rules there";
  }
}

}  // namespace rootpol::org::detail
