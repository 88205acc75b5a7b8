#pragma once

#include <string>
#include <vector>

#include "emit/common.h"
#include "emit/emit.h"
#include "emit/names.h"

// How alerts reach every account of the organization (docs/alerts.md), shared by the Terraform
// and CloudFormation emitters. The rules live on one custom event bus of the management account
// in us-east-1, where console sign-ins and the global services' events (IAM, Organizations)
// arrive. A forwarding rule on the default bus of every account and forwarded Region sends the
// events of the alerted classes there: a service-managed StackSet deploys it to the member
// accounts, and the management account's own copies are emitted beside it (StackSets never
// deploy to the management account). Internal to emit/.
namespace rootpol::emit::detail {

inline constexpr const char* kAlertRegion = "us-east-1";
inline constexpr const char* kAlertBus = "rootpol-alerts";
inline constexpr const char* kForwardRule = "rootpol-alerts-forward";
inline constexpr const char* kForwardingStackSet = "rootpol-alerts-forwarding";

// The classes some alert names, in the class table's order (no duplicates).
std::vector<const alerts::EventClass*> alertedClasses(const EmitInput& in);
// The Regions whose default buses forward: us-east-1 and the organization's home Region,
// sorted. Terraform and CloudFormation take them as a variable/parameter with this default.
std::vector<std::string> forwardingRegions(const org::Model& model);
// The forwarding rule's pattern: the one class's, or `{"$or": [...]}` of every alerted class,
// so an event is forwarded once however many classes it matches.
Json forwardingPattern(const std::vector<const alerts::EventClass*>& classes);
// ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS when some class needs it, else ENABLED.
const char* forwardingState(const std::vector<const alerts::EventClass*>& classes);
// The CloudFormation template of the forwarding rule and its role, with parameter CentralBusArn:
// the StackSet's body, and cloudformation/alert-forwarding.json for the management account.
Json forwardingTemplate(const EmitInput& in);

// Per alert: the SNS topic and the central rule of each class.
std::string topicName(const alerts::Alert& alert);
std::string ruleName(const alerts::Alert& alert, const alerts::EventClass& eventClass);
// The rule's description: the alert's, else the class's.
std::string ruleDescription(const alerts::Alert& alert, const alerts::EventClass& eventClass);
Json parsePattern(const alerts::EventClass& eventClass);

// Policy documents, with the ARNs as each format writes them (a Terraform reference string, a
// CloudFormation Ref or GetAtt). The topic policy lets EventBridge publish for the alert's rules
// only; the forwarding role trusts EventBridge and may put events on the central bus.
Json topicPolicy(const Json& topicArn, Json ruleArns);
Json eventsTrustPolicy();
Json putEventsPolicy(const Json& busArn);

// The pieces emitTerraform merges into main.tf.json when the program has alerts.
struct TerraformAlerts {
  Json variables = Json::object();
  Json resources = Json::object();  // resource type -> name -> body
  Json outputs = Json::object();
  Json terraform = Json::object();  // the `terraform` block (required provider version)
  std::vector<std::string> notes;
};
TerraformAlerts terraformAlerts(const EmitInput& in);

// The pieces emitCloudFormation merges into template.json; logical ids are claimed from
// `logical`, after the template's own. `organizationId` and `rootId` are the template's values
// (literals or Refs to its parameters).
struct CloudFormationAlerts {
  Json parameters = Json::object();
  Json resources = Json::object();
  Json outputs = Json::object();
  std::vector<std::string> notes;
  std::vector<File> files;  // cloudformation/alert-forwarding.json
};
CloudFormationAlerts cloudFormationAlerts(const EmitInput& in, NameTable& logical,
                                          const Json& organizationId, const Json& rootId);

// report.json: where the alerts' events go and what each alert deploys; null when none.
Json reportAlerts(const EmitInput& in);
// CfCT: the manifest carries no alert; one note per alert says where it is deployed instead.
std::vector<std::string> cfctAlertNotes(const EmitInput& in);

}  // namespace rootpol::emit::detail
