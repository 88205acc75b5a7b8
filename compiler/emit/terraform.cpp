// Terraform JSON syntax (aws-facts §7.4). Every string in a .tf.json argument is a template, so
// text that comes from the program (policy content, parameter values) has its `${` and `%{`
// doubled; only the references we build ourselves stay live.
#include <fmt/format.h>

#include "emit/alerts.h"
#include "emit/common.h"
#include "emit/emit.h"
#include "emit/names.h"
#include "emit/terraform_syntax.h"

namespace rootpol::emit {
namespace {

using detail::Json;

using detail::escapeTemplate;
using detail::hclLiteral;

std::string varRef(const std::string& variable) { return "${var." + variable + "}"; }

struct Context {
  const EmitInput& in;
  NodeNames names = nodeNames(in.org);
  std::vector<detail::Placed> placed = detail::programAttachments(in);
  detail::NeededIds needed = detail::neededIds(in, placed);
  std::vector<std::string> policyNames;  // resource names, parallel to in.policies

  explicit Context(const EmitInput& input) : in(input) {
    NameTable table("_");
    for (const PolicyOutput& p : in.policies) {
      policyNames.push_back(table.claim(terraformName(p.name)));
    }
  }
  std::string nodeVariable(org::NodeIndex node) const { return names.terraform[node] + "_id"; }
  std::string nodeId(org::NodeIndex node) const {
    const auto& id = in.org.nodes[node].id;
    return id ? escapeTemplate(*id) : varRef(nodeVariable(node));
  }
  std::string policyRef(const PolicyOutput* policy) const {
    return "${aws_organizations_policy." + policyNames[policy - in.policies.data()] + ".id}";
  }
};

Json variable(const detail::IdInfo& info) {
  return Json{
      {"type", "string"},
      {"description", info.what + " (the program does not give it); AWS pattern " + info.pattern}};
}

Json variables(const Context& ctx) {
  Json out = Json::object();
  if (ctx.needed.organization) out["organization_id"] = variable(detail::organizationIdInfo());
  if (ctx.needed.management) {
    out["management_account_id"] = variable(detail::managementAccountIdInfo());
  }
  for (org::NodeIndex node = 0; node < ctx.needed.nodes.size(); ++node) {
    if (!ctx.needed.nodes[node]) continue;
    out[ctx.nodeVariable(node)] = variable(detail::nodeIdInfo(ctx.in.org.nodes[node]));
  }
  return out;
}

Json policies(const Context& ctx) {
  Json out = Json::object();
  for (std::size_t i = 0; i < ctx.in.policies.size(); ++i) {
    const PolicyOutput& p = ctx.in.policies[i];
    Json body = {{"name", escapeTemplate(p.name)}};
    if (!p.description.empty()) body["description"] = escapeTemplate(p.description);
    body["type"] = p.organizationsType();
    body["content"] = escapeTemplate(p.json);
    out[ctx.policyNames[i]] = std::move(body);
  }
  return out;
}

Json attachments(const Context& ctx) {
  Json out = Json::object();
  NameTable table("_");
  for (const detail::Placed& at : ctx.placed) {
    const std::string& policy = ctx.policyNames[at.policy - ctx.in.policies.data()];
    out[table.claim(policy + "__" + ctx.names.terraform[at.node])] =
        Json{{"policy_id", ctx.policyRef(at.policy)}, {"target_id", ctx.nodeId(at.node)}};
  }
  return out;
}

std::string targetIdentifier(const Context& ctx, const org::EnabledControl& control) {
  const detail::TargetArn arn = detail::targetArn(ctx.in.org, control);
  const std::string management =
      arn.management ? escapeTemplate(*arn.management) : varRef("management_account_id");
  const std::string organization =
      arn.organization ? escapeTemplate(*arn.organization) : varRef("organization_id");
  return "arn:" + escapeTemplate(arn.partition) + ":organizations::" + management + ":" + arn.type +
         "/" + organization + "/" + ctx.nodeId(control.target);
}

// Scalar strings stay plain strings; lists and booleans go through jsonencode because the
// provider's `value` is a string (aws-facts §7.3).
Json parameterValue(const org::ControlParameter& parameter) {
  nlohmann::json value = nlohmann::json::parse(parameter.json, nullptr, false);
  if (value.is_discarded()) value = parameter.json;
  if (!parameter.list && value.is_string()) {
    return escapeTemplate(value.get_ref<const std::string&>());
  }
  return "${jsonencode(" + hclLiteral(value) + ")}";
}

Json controls(const Context& ctx) {
  Json out = Json::object();
  NameTable table("_");
  for (const org::EnabledControl& control : ctx.in.org.controls) {
    if (control.target >= ctx.in.org.nodes.size()) continue;
    Json body = {{"control_identifier", escapeTemplate(control.identifierArn)},
                 {"target_identifier", targetIdentifier(ctx, control)}};
    Json parameters = Json::array();
    for (const org::ControlParameter& parameter : control.parameters) {
      parameters.push_back(
          Json{{"key", escapeTemplate(parameter.name)}, {"value", parameterValue(parameter)}});
    }
    if (!parameters.empty()) body["parameters"] = std::move(parameters);
    out[table.claim(terraformSlug(control.id) + "__" + ctx.names.terraform[control.target])] =
        std::move(body);
  }
  return out;
}

// `root_access centralized`: the provider's one resource for the organization's IAM features.
Json organizationFeatures(const EmitInput& in) {
  if (!in.org.rootAccessCentralized) return Json::object();
  return Json{{"root_access", Json{{"enabled_features", detail::kRootAccessFeatures}}}};
}

Json outputs(const Context& ctx) {
  Json out = Json::object();
  NameTable table("_");
  for (std::size_t i = 0; i < ctx.in.policies.size(); ++i) {
    const PolicyOutput& p = ctx.in.policies[i];
    out[table.claim(ctx.policyNames[i] + "_id")] =
        Json{{"value", ctx.policyRef(&p)}, {"description", "The id (p-...) of the SCP " + p.name}};
  }
  return out;
}

}  // namespace

std::vector<File> emitTerraform(const EmitInput& in) {
  const Context ctx(in);
  Json comment = Json::array({"Generated by rootpol; do not edit."});
  for (std::string& note : detail::manualNotes(in)) comment.push_back(std::move(note));
  detail::TerraformAlerts alerts = detail::terraformAlerts(in);
  for (std::string& note : alerts.notes) comment.push_back(std::move(note));
  if (in.org.rootAccessCentralized) {
    comment.push_back(
        "aws_iam_organizations_features runs in the management account and needs trusted access for IAM "
        "(iam.amazonaws.com among the organization's aws_service_access_principals)");
  }
  Json doc = {{"//", std::move(comment)}};
  if (!alerts.terraform.empty()) doc["terraform"] = std::move(alerts.terraform);
  Json vars = variables(ctx);
  vars.update(alerts.variables);
  if (!vars.empty()) doc["variable"] = std::move(vars);
  Json resource = Json::object();
  if (Json r = policies(ctx); !r.empty()) resource["aws_organizations_policy"] = std::move(r);
  if (Json r = attachments(ctx); !r.empty()) {
    resource["aws_organizations_policy_attachment"] = std::move(r);
  }
  if (Json r = controls(ctx); !r.empty()) resource["aws_controltower_control"] = std::move(r);
  if (Json r = organizationFeatures(in); !r.empty()) resource["aws_iam_organizations_features"] = std::move(r);
  resource.update(alerts.resources);
  if (!resource.empty()) doc["resource"] = std::move(resource);
  Json out = outputs(ctx);
  out.update(alerts.outputs);
  if (!out.empty()) doc["output"] = std::move(out);
  return {{"terraform/main.tf.json", detail::dumpPretty(doc)}};
}

}  // namespace rootpol::emit
