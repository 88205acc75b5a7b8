// CloudFormation (aws-facts §8). Content is passed as a plain string, not through Fn::Sub, so the
// policy text needs no escaping; only the control target ARNs use Fn::Sub, for the ids the
// model does not give.
#include "emit/alerts.h"
#include "emit/common.h"
#include "emit/emit.h"
#include "emit/names.h"

namespace rootpol::emit {
namespace {

using detail::Json;

// Logical ids share one namespace (parameters and resources alike), claimed in a fixed order
// so that a collision suffix never depends on which ids happen to be needed.
struct Context {
  const EmitInput& in;
  NodeNames names = nodeNames(in.org);
  std::vector<detail::Placed> placed = detail::programAttachments(in);
  detail::NeededIds needed = detail::neededIds(in, placed);
  NameTable logical{""};
  std::string organizationParam = logical.claim("OrganizationId");
  std::string managementParam = logical.claim("ManagementAccountId");
  std::vector<std::string> nodeParams, policyIds, controlIds;

  explicit Context(const EmitInput& input) : in(input) {
    for (const std::string& node : names.cloudFormation) {
      nodeParams.push_back(logical.claim(node + "Id"));
    }
    for (const PolicyOutput& p : in.policies) {
      policyIds.push_back(logical.claim(pascalCase(p.name) + "Policy"));
    }
    for (const org::EnabledControl& c : in.org.controls) {
      const std::string target =
          c.target < names.cloudFormation.size() ? names.cloudFormation[c.target] : "";
      controlIds.push_back(logical.claim("Control" + pascalCase(c.id) + target));
    }
  }
  Json nodeId(org::NodeIndex node) const {
    const auto& id = in.org.nodes[node].id;
    return id ? Json(*id) : Json{{"Ref", nodeParams[node]}};
  }
};

Json parameter(const detail::IdInfo& info) {
  return Json{{"Type", "String"},
              {"Description", info.what + " (the program does not give it)"},
              {"AllowedPattern", info.pattern},
              {"ConstraintDescription", "must match " + info.pattern}};
}

Json parameters(const Context& ctx) {
  Json out = Json::object();
  if (ctx.needed.organization) out[ctx.organizationParam] = parameter(detail::organizationIdInfo());
  if (ctx.needed.management) {
    out[ctx.managementParam] = parameter(detail::managementAccountIdInfo());
  }
  for (org::NodeIndex node = 0; node < ctx.needed.nodes.size(); ++node) {
    if (!ctx.needed.nodes[node]) continue;
    out[ctx.nodeParams[node]] = parameter(detail::nodeIdInfo(ctx.in.org.nodes[node]));
  }
  return out;
}

Json policy(const Context& ctx, const PolicyOutput& p) {
  Json properties = {{"Name", p.name}};
  if (!p.description.empty()) properties["Description"] = p.description;
  properties["Type"] = p.organizationsType();
  properties["Content"] = p.json;
  Json targets = Json::array();
  for (org::NodeIndex node : detail::targetsOf(ctx.placed, p)) targets.push_back(ctx.nodeId(node));
  if (!targets.empty()) properties["TargetIds"] = std::move(targets);
  return Json{{"Type", "AWS::Organizations::Policy"}, {"Properties", std::move(properties)}};
}

// Fn::Sub reads `${` in literal text as a reference; `${!` is its escape (aws-facts §8.3).
std::string subLiteral(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') out += "{!", ++i;
  }
  return out;
}

Json targetIdentifier(const Context& ctx, const org::EnabledControl& control) {
  const detail::TargetArn arn = detail::targetArn(ctx.in.org, control);
  if (arn.management && arn.organization && arn.id) {
    return "arn:" + arn.partition + ":organizations::" + *arn.management + ":" + arn.type + "/" +
           *arn.organization + "/" + *arn.id;
  }
  auto part = [](const std::optional<std::string>& literal, const std::string& param) {
    return literal ? subLiteral(*literal) : "${" + param + "}";
  };
  return Json{{"Fn::Sub", "arn:" + subLiteral(arn.partition) +
                              ":organizations::" + part(arn.management, ctx.managementParam) + ":" +
                              arn.type + "/" + part(arn.organization, ctx.organizationParam) + "/" +
                              part(arn.id, ctx.nodeParams[control.target])}};
}

Json control(const Context& ctx, const org::EnabledControl& control) {
  Json properties = {{"ControlIdentifier", control.identifierArn},
                     {"TargetIdentifier", targetIdentifier(ctx, control)}};
  Json parameters = Json::array();
  for (const org::ControlParameter& parameter : control.parameters) {
    Json value = Json::parse(parameter.json, nullptr, false);
    if (value.is_discarded()) value = parameter.json;
    parameters.push_back(Json{{"Key", parameter.name}, {"Value", std::move(value)}});
  }
  if (!parameters.empty()) properties["Parameters"] = std::move(parameters);
  return Json{{"Type", "AWS::ControlTower::EnabledControl"}, {"Properties", std::move(properties)}};
}

Json resources(const Context& ctx) {
  Json out = Json::object();
  for (std::size_t i = 0; i < ctx.in.policies.size(); ++i) {
    out[ctx.policyIds[i]] = policy(ctx, ctx.in.policies[i]);
  }
  for (std::size_t i = 0; i < ctx.in.org.controls.size(); ++i) {
    const org::EnabledControl& c = ctx.in.org.controls[i];
    if (c.target < ctx.in.org.nodes.size()) out[ctx.controlIds[i]] = control(ctx, c);
  }
  return out;
}

Json outputs(const Context& ctx) {
  Json out = Json::object();
  for (std::size_t i = 0; i < ctx.in.policies.size(); ++i) {
    out[ctx.policyIds[i] + "Id"] =
        Json{{"Description", "The id (p-...) of the SCP " + ctx.in.policies[i].name},
             {"Value", Json{{"Ref", ctx.policyIds[i]}}}};
  }
  return out;
}

// A step this template cannot take is said where every reader of the template looks.
std::string description(const EmitInput& in) {
  const org::Model& model = in.org;
  const std::string what = model.declared && !model.name.empty()
                               ? "SCPs and Control Tower controls of organization " + model.name
                               : "SCPs";
  std::string out = what + ", generated by rootpol; do not edit.";
  for (const detail::ManualStep& step : detail::manualSteps(in)) {
    out += " Not in this template: " + step.what + "; see report.json manual_steps (" + step.id + ").";
  }
  return out;
}

}  // namespace

std::vector<File> emitCloudFormation(const EmitInput& in) {
  Context ctx(in);
  detail::CloudFormationAlerts alerts = detail::cloudFormationAlerts(
      in, ctx.logical, in.org.organizationId ? Json(*in.org.organizationId) : Json{{"Ref", ctx.organizationParam}},
      ctx.nodeId(org::kRoot));
  Json doc = {{"AWSTemplateFormatVersion", "2010-09-09"}, {"Description", description(in)}};
  std::vector<std::string> notes = detail::manualNotes(in);
  for (const detail::ManualStep& step : detail::manualSteps(in)) {
    notes.push_back(detail::manualStepNote(step, "CloudFormation"));
  }
  for (std::string& note : alerts.notes) notes.push_back(std::move(note));
  if (!notes.empty()) {
    doc["Metadata"] = Json{{"Rootpol", Json{{"Notes", std::move(notes)}}}};
  }
  Json params = parameters(ctx);
  params.update(alerts.parameters);
  if (!params.empty()) doc["Parameters"] = std::move(params);
  Json res = resources(ctx);
  res.update(alerts.resources);
  if (res.empty()) {
    // A template needs at least one resource; this one creates nothing billable.
    res["Placeholder"] = Json{{"Type", "AWS::CloudFormation::WaitConditionHandle"}};
  }
  doc["Resources"] = std::move(res);
  Json out = outputs(ctx);
  out.update(alerts.outputs);
  if (!out.empty()) doc["Outputs"] = std::move(out);
  std::vector<File> files = {{"cloudformation/template.json", detail::dumpPretty(doc)}};
  for (File& f : alerts.files) files.push_back(std::move(f));
  return files;
}

}  // namespace rootpol::emit
