// Alerts in main.tf.json (docs/alerts.md). Every alert resource names its Region with the
// provider's per-resource `region` argument (hashicorp/aws 6.0 and later), so the central bus
// sits in us-east-1 and the management account's forwarding rules in every forwarded Region
// whatever Region the provider is configured for.
#include "emit/alerts.h"
#include "emit/terraform_syntax.h"

namespace rootpol::emit::detail {
namespace {

constexpr const char* kBus = "aws_cloudwatch_event_bus.rootpol_alerts";
constexpr const char* kRole = "aws_iam_role.rootpol_alerts_forwarding";
constexpr const char* kRegionsVariable = "alert_regions";

std::string tfRef(const std::string& address) { return "${" + address + "}"; }

// A policy document as a template string: JSON text whose `${...}` references Terraform fills
// in. Only the references are live; literal text from the program is escaped.
std::string policyTemplate(const Json& document) { return dumpCompact(document); }

std::string organizationId(const EmitInput& in) {
  return in.org.organizationId ? escapeTemplate(*in.org.organizationId) : "${var.organization_id}";
}

// The same variable terraform.cpp declares for the root when its id is not given.
std::string rootId(const EmitInput& in) {
  const auto& id = in.org.nodes[org::kRoot].id;
  return id ? escapeTemplate(*id) : "${var." + nodeNames(in.org).terraform[org::kRoot] + "_id}";
}

// An event pattern through jsonencode, as HCL whose object constructors use `:` (HCL takes `:`
// or `=`), so the argument is the pattern's JSON text itself: readable in a plan, and read back
// by anything that parses JSON. The patterns are stdlib data with no character HCL escapes
// differently from JSON (\b, \f); a `${` in them would be escaped.
std::string pattern(const Json& value) {
  return "${jsonencode(" + escapeTemplate(dumpCompact(value)) + ")}";
}

void central(const EmitInput& in, TerraformAlerts& out) {
  out.resources["aws_cloudwatch_event_bus"]["rootpol_alerts"] =
      Json{{"region", kAlertRegion}, {"name", kAlertBus}};
  const Json policy = {
      {"Version", "2012-10-17"},
      {"Statement",
       Json::array(
           {{{"Sid", "OrganizationForwards"},
             {"Effect", "Allow"},
             {"Principal", "*"},
             {"Action", "events:PutEvents"},
             {"Resource", tfRef(std::string(kBus) + ".arn")},
             {"Condition", {{"StringEquals", {{"aws:PrincipalOrgID", organizationId(in)}}}}}}})}};
  out.resources["aws_cloudwatch_event_bus_policy"]["rootpol_alerts"] =
      Json{{"region", kAlertRegion},
           {"event_bus_name", tfRef(std::string(kBus) + ".name")},
           {"policy", policyTemplate(policy)}};
}

void alert(const alerts::Alert& a, const std::string& name, TerraformAlerts& out) {
  const std::string topic = "aws_sns_topic." + name;
  out.resources["aws_sns_topic"][name] = Json{{"region", kAlertRegion}, {"name", topicName(a)}};
  Json sources = Json::array();
  NameTable rules("_");
  for (const alerts::EventClass* c : a.classes) {
    const std::string rule = rules.claim(name + "__" + c->name);
    sources.push_back(tfRef("aws_cloudwatch_event_rule." + rule + ".arn"));
    out.resources["aws_cloudwatch_event_rule"][rule] =
        Json{{"region", kAlertRegion},
             {"name", ruleName(a, *c)},
             {"description", escapeTemplate(ruleDescription(a, *c))},
             {"event_bus_name", tfRef(std::string(kBus) + ".name")},
             {"event_pattern", pattern(parsePattern(*c))},
             {"state", c->ruleState()}};
    out.resources["aws_cloudwatch_event_target"][rule] =
        Json{{"region", kAlertRegion},
             {"rule", tfRef("aws_cloudwatch_event_rule." + rule + ".name")},
             {"event_bus_name", tfRef(std::string(kBus) + ".name")},
             {"target_id", "sns"},
             {"arn", tfRef(topic + ".arn")}};
  }
  const Json policy = topicPolicy(tfRef(topic + ".arn"), std::move(sources));
  out.resources["aws_sns_topic_policy"][name] = Json{
      {"region", kAlertRegion}, {"arn", tfRef(topic + ".arn")}, {"policy", policyTemplate(policy)}};
  NameTable subscriptions("_");
  for (const std::string& address : a.recipients) {
    out.resources["aws_sns_topic_subscription"]
                 [subscriptions.claim(name + "__" + terraformSlug(address))] =
        Json{{"region", kAlertRegion},
             {"topic_arn", tfRef(topic + ".arn")},
             {"protocol", "email"},
             {"endpoint", escapeTemplate(address)}};
  }
  out.outputs[name + "_topic_arn"] =
      Json{{"value", tfRef(topic + ".arn")}, {"description", "The SNS topic of alert " + a.name}};
}

// The management account's own forwarding: StackSets do not deploy there.
void managementForwarding(const EmitInput& in, TerraformAlerts& out) {
  const std::vector<const alerts::EventClass*> classes = alertedClasses(in);
  out.resources["aws_iam_role"]["rootpol_alerts_forwarding"] = Json{
      {"name", kForwardingStackSet}, {"assume_role_policy", policyTemplate(eventsTrustPolicy())}};
  out.resources["aws_iam_role_policy"]["rootpol_alerts_forwarding"] =
      Json{{"name", "PutEventsOnRootpolAlertsBus"},
           {"role", tfRef(std::string(kRole) + ".id")},
           {"policy", policyTemplate(putEventsPolicy(tfRef(std::string(kBus) + ".arn")))}};
  const std::string regions = "${toset(var." + std::string(kRegionsVariable) + ")}";
  out.resources["aws_cloudwatch_event_rule"]["rootpol_alerts_forward"] = Json{
      {"for_each", regions},
      {"region", "${each.value}"},
      {"name", kForwardRule},
      {"description", std::string("Forwards the events of rootpol alert classes to ") + kAlertBus},
      {"event_pattern", pattern(forwardingPattern(classes))},
      {"state", forwardingState(classes)}};
  out.resources["aws_cloudwatch_event_target"]["rootpol_alerts_forward"] =
      Json{{"for_each", regions},
           {"region", "${each.value}"},
           {"rule", "${aws_cloudwatch_event_rule.rootpol_alerts_forward[each.key].name}"},
           {"target_id", kAlertBus},
           {"arn", tfRef(std::string(kBus) + ".arn")},
           {"role_arn", tfRef(std::string(kRole) + ".arn")}};
}

// The member accounts' forwarding: a service-managed StackSet on the organization root, so
// accounts that join later get it too.
void memberForwarding(const EmitInput& in, TerraformAlerts& out) {
  out.resources["aws_cloudformation_stack_set"]["rootpol_alerts_forwarding"] =
      Json{{"region", kAlertRegion},
           {"name", kForwardingStackSet},
           {"description",
            std::string("Forwards alerted events of every member account to ") + kAlertBus},
           {"permission_model", "SERVICE_MANAGED"},
           {"auto_deployment", {{"enabled", true}, {"retain_stacks_on_account_removal", false}}},
           {"managed_execution", {{"active", true}}},
           {"capabilities", Json::array({"CAPABILITY_IAM"})},
           {"parameters", {{"CentralBusArn", tfRef(std::string(kBus) + ".arn")}}},
           {"template_body", escapeTemplate(dumpCompact(forwardingTemplate(in)))},
           // The provider reports a diff on it for service-managed stack sets otherwise.
           {"lifecycle", {{"ignore_changes", Json::array({"administration_role_arn"})}}}};
  out.resources["aws_cloudformation_stack_set_instance"]["rootpol_alerts_forwarding"] =
      Json{{"for_each", "${toset(var." + std::string(kRegionsVariable) + ")}"},
           {"region", kAlertRegion},
           {"stack_set_name", "${aws_cloudformation_stack_set.rootpol_alerts_forwarding.name}"},
           {"stack_set_instance_region", "${each.value}"},
           {"deployment_targets", {{"organizational_unit_ids", Json::array({rootId(in)})}}}};
}

}  // namespace

TerraformAlerts terraformAlerts(const EmitInput& in) {
  TerraformAlerts out;
  if (in.alerts.empty()) return out;
  out.terraform = Json{
      {"required_providers", {{"aws", {{"source", "hashicorp/aws"}, {"version", ">= 6.0.0"}}}}}};
  out.variables[kRegionsVariable] = Json{{"type", "list(string)"},
                                         {"description",
                                          "Regions whose events reach the alerts: every account "
                                          "forwards them from these Regions to the " +
                                              std::string(kAlertBus) + " bus in " + kAlertRegion +
                                              " (add every Region the organization uses)"},
                                         {"default", forwardingRegions(in.org)}};
  central(in, out);
  NameTable names("_");
  for (const alerts::Alert& a : in.alerts) alert(a, names.claim(terraformName(a.name)), out);
  managementForwarding(in, out);
  memberForwarding(in, out);
  out.notes.push_back(
      std::string(
          "alerts: resources carry the `region` argument (hashicorp/aws >= 6.0); apply in the "
          "management account, where the StackSet forwards every member account's events to ") +
      kAlertBus + " in " + kAlertRegion + " (docs/alerts.md)");
  return out;
}

}  // namespace rootpol::emit::detail
