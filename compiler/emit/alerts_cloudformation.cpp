// Alerts in template.json (docs/alerts.md). A stack lives in one Region and the alert resources
// must be in us-east-1, so the template says it is deployed there; the management account's
// forwarding from its other Regions is the separate cloudformation/alert-forwarding.json.
#include "emit/alerts.h"

namespace rootpol::emit::detail {
namespace {

Json getAtt(const std::string& id, const char* attribute) {
  return Json{{"Fn::GetAtt", Json::array({id, attribute})}};
}
Json refTo(const std::string& id) { return Json{{"Ref", id}}; }

struct Ids {
  std::string regions, bus, busPolicy, role, forwardRule, stackSet;
};

void alert(const alerts::Alert& a, NameTable& logical, const Ids& ids, CloudFormationAlerts& out) {
  const std::string base = "Alert" + pascalCase(a.name);
  const std::string topic = logical.claim(base + "Topic");
  out.resources[topic] =
      Json{{"Type", "AWS::SNS::Topic"}, {"Properties", {{"TopicName", topicName(a)}}}};
  Json sources = Json::array();
  for (const alerts::EventClass* c : a.classes) {
    const std::string rule = logical.claim(base + pascalCase(c->name) + "Rule");
    sources.push_back(getAtt(rule, "Arn"));
    out.resources[rule] =
        Json{{"Type", "AWS::Events::Rule"},
             {"Properties",
              {{"Name", ruleName(a, *c)},
               {"Description", ruleDescription(a, *c)},
               {"EventBusName", refTo(ids.bus)},
               {"EventPattern", parsePattern(*c)},
               {"State", c->ruleState()},
               {"Targets", Json::array({{{"Id", "sns"}, {"Arn", refTo(topic)}}})}}}};
  }
  const Json policy = topicPolicy(refTo(topic), std::move(sources));
  out.resources[logical.claim(base + "TopicPolicy")] =
      Json{{"Type", "AWS::SNS::TopicPolicy"},
           {"Properties", {{"Topics", Json::array({refTo(topic)})}, {"PolicyDocument", policy}}}};
  for (std::size_t i = 0; i < a.recipients.size(); ++i) {
    out.resources[logical.claim(base + "Subscription" + std::to_string(i + 1))] =
        Json{{"Type", "AWS::SNS::Subscription"},
             {"Properties",
              {{"TopicArn", refTo(topic)}, {"Protocol", "email"}, {"Endpoint", a.recipients[i]}}}};
  }
  out.outputs[topic + "Arn"] =
      Json{{"Description", "The SNS topic of alert " + a.name}, {"Value", refTo(topic)}};
}

void central(const Json& organizationId, const Ids& ids, CloudFormationAlerts& out) {
  out.resources[ids.bus] =
      Json{{"Type", "AWS::Events::EventBus"}, {"Properties", {{"Name", kAlertBus}}}};
  out.resources[ids.busPolicy] =
      Json{{"Type", "AWS::Events::EventBusPolicy"},
           {"Properties",
            {{"EventBusName", refTo(ids.bus)},
             {"StatementId", "OrganizationForwards"},
             {"Statement",
              {{"Effect", "Allow"},
               {"Principal", "*"},
               {"Action", "events:PutEvents"},
               {"Resource", getAtt(ids.bus, "Arn")},
               {"Condition", {{"StringEquals", {{"aws:PrincipalOrgID", organizationId}}}}}}}}}};
}

// The management account's forwarding in this stack's Region (us-east-1): the forwarding
// template's role and rule, aimed at the bus of this template.
void managementForwarding(const EmitInput& in, const Ids& ids, CloudFormationAlerts& out) {
  Json body = forwardingTemplate(in)["Resources"];
  Json role = body["ForwardingRole"];
  role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Resource"] =
      getAtt(ids.bus, "Arn");
  Json rule = body["ForwardRule"];
  Json& target = rule["Properties"]["Targets"][0];
  target["Arn"] = getAtt(ids.bus, "Arn");
  target["RoleArn"] = getAtt(ids.role, "Arn");
  out.resources[ids.role] = std::move(role);
  out.resources[ids.forwardRule] = std::move(rule);
}

void memberForwarding(const EmitInput& in, const Json& rootId, const Ids& ids,
                      CloudFormationAlerts& out) {
  out.resources[ids.stackSet] = Json{
      {"Type", "AWS::CloudFormation::StackSet"},
      {"Properties",
       {{"StackSetName", kForwardingStackSet},
        {"Description",
         std::string("Forwards alerted events of every member account to ") + kAlertBus},
        {"PermissionModel", "SERVICE_MANAGED"},
        {"AutoDeployment", {{"Enabled", true}, {"RetainStacksOnAccountRemoval", false}}},
        {"ManagedExecution", {{"Active", true}}},
        {"Capabilities", Json::array({"CAPABILITY_IAM"})},
        {"Parameters", Json::array({{{"ParameterKey", "CentralBusArn"},
                                     {"ParameterValue", getAtt(ids.bus, "Arn")}}})},
        {"StackInstancesGroup",
         Json::array({{{"DeploymentTargets", {{"OrganizationalUnitIds", Json::array({rootId})}}},
                       {"Regions", refTo(ids.regions)}}})},
        {"TemplateBody", dumpCompact(forwardingTemplate(in))}}}};
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

}  // namespace

CloudFormationAlerts cloudFormationAlerts(const EmitInput& in, NameTable& logical,
                                          const Json& organizationId, const Json& rootId) {
  CloudFormationAlerts out;
  if (in.alerts.empty()) return out;
  const Ids ids{logical.claim("AlertRegions"),     logical.claim("AlertBus"),
                logical.claim("AlertBusPolicy"),   logical.claim("AlertForwardingRole"),
                logical.claim("AlertForwardRule"), logical.claim("AlertForwardingStackSet")};
  const std::vector<std::string> regions = forwardingRegions(in.org);
  out.parameters[ids.regions] = Json{
      {"Type", "CommaDelimitedList"},
      {"Description",
       std::string("Regions whose events reach the alerts: the StackSet forwards them from every "
                   "member account to the ") +
           kAlertBus + " bus (add every Region the organization uses)"},
      {"Default", joined(regions)}};
  central(organizationId, ids, out);
  for (const alerts::Alert& a : in.alerts) alert(a, logical, ids, out);
  managementForwarding(in, ids, out);
  memberForwarding(in, rootId, ids, out);
  out.notes.push_back(
      std::string("alerts: deploy this template in ") + kAlertRegion +
      " of the management account; its events from the other AlertRegions reach the alerts only "
      "once cloudformation/alert-forwarding.json is deployed there too (StackSets skip the "
      "management account; docs/alerts.md)");
  out.files.push_back({"cloudformation/alert-forwarding.json", dumpPretty(forwardingTemplate(in))});
  return out;
}

}  // namespace rootpol::emit::detail
