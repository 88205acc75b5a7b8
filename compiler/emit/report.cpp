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
    out.push_back(Json{{"name", p.name},
                       {"file", p.file()},
                       {"bytes", p.json.size()},
                       {"statements", p.statements},
                       {"share_percent", sharePercent(p.json.size(), p.rcp ? in.quotas.rcpMaxSize : in.quotas.scpMaxSize)},
                       {"targets", std::move(targets)}});
  }
  return out;
}

bool hasGuardrailScp(const org::Model& model, const org::Placement& placement) {
  return std::any_of(placement.controls.begin(), placement.controls.end(), [&](std::size_t c) {
    return c < model.controls.size() && model.controls[c].usesScpSlot;
  });
}

Json target(const EmitInput& in, org::NodeIndex node) {
  const org::Placement& placement = in.org.placements[node];
  Json program = Json::array(), external = Json::array(), controls = Json::array();
  std::size_t bytes = 0;
  for (const org::Attachment& a : placement.attachments) {
    (a.external ? external : program).push_back(a.policy);
    const PolicyOutput* p = a.external ? nullptr : detail::findPolicy(in, a.policy);
    if (p != nullptr && !p->rcp) bytes += p->json.size();  // the SCP bytes on the target
  }
  for (std::size_t c : placement.controls) {
    if (c < in.org.controls.size()) controls.push_back(in.org.controls[c].id);
  }
  const std::size_t used = in.org.slotsUsed(node);
  return Json{{"target", in.org.nodes[node].display()},
              {"id", optionalString(in.org.nodes[node].id)},
              {"full_aws_access", placement.fullAwsAccess},
              {"policies", std::move(program)},
              {"external", std::move(external)},
              {"controls", std::move(controls)},
              {"slots_used", used},
              {"slots_left", static_cast<std::int64_t>(in.quotas.scpsPerTarget) -
                                 static_cast<std::int64_t>(used)},
              {"bytes", bytes}};
}

Json targets(const EmitInput& in) {
  Json out = Json::array();
  const std::size_t n = std::min(in.org.nodes.size(), in.org.placements.size());
  for (org::NodeIndex node = 0; node < n; ++node) {
    const org::Placement& p = in.org.placements[node];
    const bool used = !p.attachments.empty() || !p.controls.empty() || !p.fullAwsAccess;
    if (in.org.declared || (node == org::kRoot && used)) out.push_back(target(in, node));
  }
  return out;
}

// In slot order: FullAWSAccess, the attachments as placed, the Control Tower guardrail SCP.
Json scpsAt(const org::Model& model, org::NodeIndex node) {
  const org::Placement& placement = model.placements[node];
  Json out = Json::array();
  if (placement.fullAwsAccess) out.push_back("FullAWSAccess");
  for (const org::Attachment& a : placement.attachments) {
    if (!a.rcp) out.push_back(a.policy);
  }
  if (hasGuardrailScp(model, placement)) out.push_back(kGuardrailScp);
  return out;
}

Json accounts(const org::Model& model) {
  Json out = Json::array();
  const std::size_t n = std::min(model.nodes.size(), model.placements.size());
  for (org::NodeIndex node = 0; node < n; ++node) {
    const org::Node& account = model.nodes[node];
    if (account.kind != org::Node::Kind::Account) continue;
    Json chain = Json::array();
    for (org::NodeIndex level : model.chain(node)) {
      chain.push_back(
          Json{{"target", model.nodes[level].display()}, {"scps", scpsAt(model, level)}});
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

File emitReport(const EmitInput& in) {
  const std::vector<detail::Placed> placed = detail::programAttachments(in);
  Json doc = {{"limits", limits(in.quotas)},
              {"policies", policies(in, placed)},
              {"targets", targets(in)},
              {"accounts", accounts(in.org)}};
  if (Json steps = manualSteps(in); !steps.empty()) doc["manual_steps"] = std::move(steps);
  if (Json alerts = detail::reportAlerts(in); !alerts.is_null()) doc["alerts"] = std::move(alerts);
  return {"report.json", detail::dumpPretty(doc)};
}

}  // namespace rootpol::emit
