// report.json: what each policy costs against the size quota, what each target uses of its
// attachment slots, and which SCPs are in force at every level above each account. Raw
// attachments are counted as the model states them, so the figures match Model::slotsUsed.
#include <algorithm>
#include <cstdint>

#include "emit/alerts.h"
#include "emit/common.h"
#include "emit/emit.h"

namespace rootpol::emit {
namespace {

using detail::Json;

// Control Tower names the SCP it attaches for its controls aws-guardrails-<random>.
constexpr const char* kGuardrailScp = "aws-guardrails-*";

Json optionalString(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// Rounded to one decimal in integers first, so the printed number never depends on how a
// binary fraction happens to round.
Json sharePercent(std::size_t bytes, std::size_t quota) {
  if (quota == 0) return nullptr;
  const std::uint64_t tenths = (std::uint64_t{bytes} * 1000 + quota / 2) / quota;
  return static_cast<double>(tenths) / 10.0;
}

Json limits(const Quotas& q) {
  return Json{{"table", q.table},
              {"scp_max_size", q.scpMaxSize},
              {"scps_per_target", q.scpsPerTarget},
              {"ou_max_depth", q.ouMaxDepth}};
}

Json policies(const EmitInput& in, const std::vector<detail::Placed>& placed) {
  Json out = Json::array();
  for (const PolicyOutput& p : in.policies) {
    Json targets = Json::array();
    for (org::NodeIndex node : detail::targetsOf(placed, p)) {
      targets.push_back(in.org.nodes[node].display());
    }
    Json entry{{"name", p.name},
               {"file", p.file()},
               {"bytes", p.json.size()},
               {"statements", p.statements},
               {"share_percent", sharePercent(p.json.size(), p.rcp ? in.quotas.rcpMaxSize : in.quotas.scpMaxSize)},
               {"targets", std::move(targets)}};
    if (p.parts > 1) {  // present only for a policy in parts, so other reports keep their shape
      entry["policy"] = p.program();
      entry["part"] = p.part;
      entry["parts"] = p.parts;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

// The SCP or RCP budget of a target: slots (the quota counts FullAWSAccess or RCPFullAWSAccess,
// external and Control Tower policies, and every part of a program policy) and bytes: what the
// program's documents there use, and what is free in their parts plus in every free slot.
Json budget(const EmitInput& in, const std::vector<detail::Placed>& placed, org::NodeIndex node, bool rcp) {
  const std::size_t maxSize = rcp ? in.quotas.rcpMaxSize : in.quotas.scpMaxSize;
  const std::size_t quota = rcp ? in.quotas.rcpsPerTarget : in.quotas.scpsPerTarget;
  std::size_t parts = 0, bytes = 0, room = 0;
  for (const detail::Placed& at : placed) {
    if (at.node != node || at.policy->rcp != rcp) continue;
    parts += at.policy->part > 1 ? 1 : 0;  // the first part is the attachment the model counts
    bytes += at.policy->json.size();
    room += maxSize > at.policy->json.size() ? maxSize - at.policy->json.size() : 0;
  }
  const std::size_t used = (rcp ? in.org.rcpSlotsUsed(node) : in.org.slotsUsed(node)) + parts;
  const std::size_t free = quota > used ? quota - used : 0;
  return Json{{"slots_used", used},
              {"slots_quota", quota},
              {"slots_free", free},
              {"bytes_used", bytes},
              {"bytes_free", room + free * maxSize}};
}

bool hasGuardrailScp(const org::Model& model, const org::Placement& placement) {
  return std::any_of(placement.controls.begin(), placement.controls.end(), [&](std::size_t c) {
    return c < model.controls.size() && model.controls[c].usesScpSlot;
  });
}

Json target(const EmitInput& in, const std::vector<detail::Placed>& placed, org::NodeIndex node) {
  const org::Placement& placement = in.org.placements[node];
  Json program = Json::array(), external = Json::array(), controls = Json::array();
  for (const org::Attachment& a : placement.attachments) {
    if (a.external) {
      external.push_back(a.policy);
      continue;
    }
    bool any = false;
    for (const detail::Placed& at : placed) {
      if (at.node != node || at.policy->program() != a.policy) continue;
      if (std::find(program.begin(), program.end(), Json(at.policy->name)) == program.end()) program.push_back(at.policy->name);
      any = true;
    }
    if (!any) program.push_back(a.policy);  // not compiled: named as the program attaches it
  }
  for (std::size_t c : placement.controls) {
    if (c < in.org.controls.size()) controls.push_back(in.org.controls[c].id);
  }
  Json scp = budget(in, placed, node, false);
  const std::size_t used = scp["slots_used"].get<std::size_t>();
  return Json{{"target", in.org.nodes[node].display()},
              {"id", optionalString(in.org.nodes[node].id)},
              {"full_aws_access", placement.fullAwsAccess},
              {"policies", std::move(program)},
              {"external", std::move(external)},
              {"controls", std::move(controls)},
              {"slots_used", used},
              {"slots_left", static_cast<std::int64_t>(in.quotas.scpsPerTarget) -
                                 static_cast<std::int64_t>(used)},
              {"bytes", scp["bytes_used"]},
              {"budget", Json{{"scp", std::move(scp)}, {"rcp", budget(in, placed, node, true)}}}};
}

Json targets(const EmitInput& in, const std::vector<detail::Placed>& placed) {
  Json out = Json::array();
  const std::size_t n = std::min(in.org.nodes.size(), in.org.placements.size());
  for (org::NodeIndex node = 0; node < n; ++node) {
    const org::Placement& p = in.org.placements[node];
    const bool used = !p.attachments.empty() || !p.controls.empty() || !p.fullAwsAccess;
    if (in.org.declared || (node == org::kRoot && used)) out.push_back(target(in, placed, node));
  }
  return out;
}

// In slot order: FullAWSAccess, the attachments as placed (a policy in parts as its parts), the
// Control Tower guardrail SCP.
Json scpsAt(const EmitInput& in, org::NodeIndex node) {
  const org::Placement& placement = in.org.placements[node];
  Json out = Json::array();
  if (placement.fullAwsAccess) out.push_back("FullAWSAccess");
  for (const org::Attachment& a : placement.attachments) {
    if (a.rcp) continue;
    bool any = false;
    for (const PolicyOutput& p : in.policies) {
      if (a.external || p.program() != a.policy) continue;
      out.push_back(p.name);
      any = true;
    }
    if (!any) out.push_back(a.policy);
  }
  if (hasGuardrailScp(in.org, placement)) out.push_back(kGuardrailScp);
  return out;
}

Json accounts(const EmitInput& in) {
  const org::Model& model = in.org;
  Json out = Json::array();
  const std::size_t n = std::min(model.nodes.size(), model.placements.size());
  for (org::NodeIndex node = 0; node < n; ++node) {
    const org::Node& account = model.nodes[node];
    if (account.kind != org::Node::Kind::Account) continue;
    Json chain = Json::array();
    for (org::NodeIndex level : model.chain(node)) {
      chain.push_back(
          Json{{"target", model.nodes[level].display()}, {"scps", scpsAt(in, level)}});
    }
    out.push_back(Json{{"account", account.name},
                       {"id", optionalString(account.id)},
                       {"management", account.management},
                       {"chain", std::move(chain)}});
  }
  return out;
}

// Present only when there is a step, so reports of programs without one keep their shape.
Json manualSteps(const EmitInput& in) {
  Json out = Json::array();
  for (const detail::ManualStep& step : detail::manualSteps(in)) {
    out.push_back(Json{{"id", step.id}, {"what", step.what}, {"outputs", step.outputs}, {"commands", step.commands}});
  }
  return out;
}

}  // namespace

Json detail::reportDocument(const EmitInput& in) {
  const std::vector<detail::Placed> placed = detail::programAttachments(in);
  Json doc = {{"limits", limits(in.quotas)},
              {"policies", policies(in, placed)},
              {"targets", targets(in, placed)},
              {"accounts", accounts(in)}};
  if (Json steps = emit::manualSteps(in); !steps.empty()) doc["manual_steps"] = std::move(steps);
  if (Json alerts = detail::reportAlerts(in); !alerts.is_null()) doc["alerts"] = std::move(alerts);
  return doc;
}

File emitReport(const EmitInput& in) { return {"report.json", detail::dumpPretty(detail::reportDocument(in))}; }

}  // namespace rootpol::emit
