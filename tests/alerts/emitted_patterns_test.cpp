// The compiled outputs of a program with alerts, read the way a deployment reads them: the
// event patterns in terraform/main.tf.json (inside `${jsonencode(...)}`) and in
// cloudformation/template.json must decide the sample events as the classes do, every alerted
// event must be forwarded by the forwarding rule exactly once, and the outputs must carry one
// SNS topic per alert with an e-mail subscription per recipient.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "driver/compilation.h"
#include "event_pattern_match.h"
#include "sample_events.h"

namespace rootpol::testing {
namespace {

using nlohmann::json;

// `${jsonencode(X)}` where X, an HCL object constructor written with `:`, is the pattern's JSON
// text: a reader needs no HCL parser to get it back.
json jsonencodeArgument(const std::string& expression) {
  const std::string prefix = "${jsonencode(", suffix = ")}";
  EXPECT_EQ(expression.rfind(prefix, 0), 0u) << expression;
  EXPECT_GE(expression.size(), prefix.size() + suffix.size());
  return json::parse(
      expression.substr(prefix.size(), expression.size() - prefix.size() - suffix.size()));
}

constexpr const char* kProgram = R"(
organization example "o-exampleorg1" {
  management "111111111111"
  root "r-ab12"
  home_region "eu-west-1"
  account app "222222222222"
}
let security = ["security@example.com", "oncall@example.com"]
alert root-used "Someone used root" {
  on root_activity, root_credentials_changed, root_sign_in_failed
  on root_session
  notify security
}
alert guardrails-changed {
  on policy_changed, control_changed
  notify ["platform@example.com"]
}
)";

class EmittedAlerts : public ::testing::Test {
 protected:
  void SetUp() override {
    driver::Options options;
    options.extraSources = {{"alerts.rootpol", kProgram}};
    driver::Compilation compilation(options);
    ASSERT_TRUE(compilation.run());
    ASSERT_FALSE(compilation.diagnostics().hasErrors());
    for (const driver::OutputFile& f : compilation.outputs()) files_[f.path] = f.content;
    ASSERT_TRUE(files_.count("terraform/main.tf.json"));
    ASSERT_TRUE(files_.count("cloudformation/template.json"));
    terraform_ = json::parse(files_["terraform/main.tf.json"]);
    cloudFormation_ = json::parse(files_["cloudformation/template.json"]);
  }
  // The class each central rule stands for: rule names are ALERT-CLASS.
  static std::string classOf(const std::string& ruleName) {
    for (const char* c : {"root_activity", "root_session", "root_credentials_changed",
                          "root_sign_in_failed", "policy_changed", "control_changed"}) {
      const std::string suffix = std::string("-") + c;
      if (ruleName.size() > suffix.size() &&
          ruleName.compare(ruleName.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return c;
      }
    }
    return "";
  }
  std::map<std::string, std::string> files_;
  json terraform_, cloudFormation_;
};

// What each class must and must not match among the samples the issue names.
const std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> kChecks =
    {
        {"root_activity",
         {{"root_console_sign_in", "root_s3_list_buckets", "root_create_access_key"},
          {"role_put_object", "assume_role", "list_policies",
           "root_session_delete_bucket_policy"}}},
        {"root_credentials_changed",
         {{"root_create_access_key"}, {"user_create_access_key", "role_put_object"}}},
        {"root_session", {{"assume_root"}, {"assume_role", "role_put_object"}}},
        {"root_sign_in_failed",
         {{"root_console_sign_in_failed"},
          {"root_console_sign_in", "user_console_sign_in_failed"}}},
        {"policy_changed",
         {{"detach_policy"}, {"list_policies", "role_put_object", "assume_role"}}},
        {"control_changed",
         {{"disable_control", "control_tower_drift"}, {"list_enabled_controls", "list_policies"}}},
};

void expectDecides(const std::string& where, const std::string& eventClass, const json& pattern) {
  const auto checks = kChecks.find(eventClass);
  ASSERT_NE(checks, kChecks.end()) << where;
  for (const std::string& event : checks->second.first) {
    EXPECT_TRUE(matchesPattern(pattern, sampleEvent(event))) << where << " should match " << event;
  }
  for (const std::string& event : checks->second.second) {
    EXPECT_FALSE(matchesPattern(pattern, sampleEvent(event)))
        << where << " should not match " << event;
  }
}

TEST_F(EmittedAlerts, TerraformRulesDecideTheSamples) {
  std::set<std::string> seen;
  for (const auto& [name, rule] : terraform_["resource"]["aws_cloudwatch_event_rule"].items()) {
    if (rule.contains("for_each")) continue;  // the forwarding rule, below
    const std::string eventClass = classOf(rule["name"]);
    seen.insert(eventClass);
    expectDecides("terraform " + name, eventClass, jsonencodeArgument(rule["event_pattern"]));
    EXPECT_EQ(rule["event_bus_name"], "${aws_cloudwatch_event_bus.rootpol_alerts.name}");
    EXPECT_EQ(rule["region"], "us-east-1");
    EXPECT_EQ(rule["state"], eventClass == "root_activity" || eventClass == "root_session"
                                 ? "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
                                 : "ENABLED");
    ASSERT_TRUE(terraform_["resource"]["aws_cloudwatch_event_target"].contains(name)) << name;
  }
  EXPECT_EQ(seen.size(), 6u);
}

TEST_F(EmittedAlerts, CloudFormationRulesDecideTheSamples) {
  std::set<std::string> seen;
  for (const auto& [id, resource] : cloudFormation_["Resources"].items()) {
    if (resource["Type"] != "AWS::Events::Rule" || !resource["Properties"].contains("EventBusName"))
      continue;
    const std::string eventClass = classOf(resource["Properties"]["Name"]);
    seen.insert(eventClass);
    expectDecides("cloudformation " + id, eventClass, resource["Properties"]["EventPattern"]);
    ASSERT_EQ(resource["Properties"]["Targets"].size(), 1u);
  }
  EXPECT_EQ(seen.size(), 6u);
}

// Every sample some class matches is forwarded, once (one rule), and nothing else is.
TEST_F(EmittedAlerts, ForwardingRuleCarriesExactlyTheAlertedEvents) {
  const json& rules = terraform_["resource"]["aws_cloudwatch_event_rule"];
  ASSERT_TRUE(rules.contains("rootpol_alerts_forward"));
  const json tfPattern = jsonencodeArgument(rules["rootpol_alerts_forward"]["event_pattern"]);
  EXPECT_EQ(rules["rootpol_alerts_forward"]["state"],
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
  const json stackSetBody = json::parse(terraform_["resource"]["aws_cloudformation_stack_set"]
                                                  ["rootpol_alerts_forwarding"]["template_body"]
                                                      .get<std::string>());
  const json memberPattern = stackSetBody["Resources"]["ForwardRule"]["Properties"]["EventPattern"];
  EXPECT_EQ(memberPattern, tfPattern);
  EXPECT_LE(memberPattern.dump().size(), 4096u) << "EventBridge's limit on an event pattern";
  const std::set<std::string> alerted = {"root_console_sign_in",
                                         "root_console_sign_in_failed",
                                         "root_s3_list_buckets",
                                         "root_ec2_run_instances",
                                         "root_create_access_key",
                                         "root_enable_mfa_device",
                                         "root_session_delete_login_profile",
                                         "assume_root",
                                         "detach_policy",
                                         "update_policy",
                                         "disable_control",
                                         "control_tower_drift"};
  for (const SampleEvent& sample : sampleEvents()) {
    EXPECT_EQ(matchesPattern(tfPattern, sample.event), alerted.count(sample.name) == 1)
        << sample.name;
  }
}

TEST_F(EmittedAlerts, TopicsAndSubscriptionsPerRecipient) {
  const json& resources = terraform_["resource"];
  EXPECT_EQ(resources["aws_sns_topic"].size(), 2u);
  std::multiset<std::string> endpoints;
  for (const auto& [name, subscription] : resources["aws_sns_topic_subscription"].items()) {
    EXPECT_EQ(subscription["protocol"], "email");
    endpoints.insert(subscription["endpoint"].get<std::string>());
  }
  EXPECT_EQ(endpoints, (std::multiset<std::string>{"oncall@example.com", "platform@example.com",
                                                   "security@example.com"}));
  // The topic policy lets EventBridge publish, for this alert's rules only.
  const json policy =
      json::parse(resources["aws_sns_topic_policy"]["root-used"]["policy"].get<std::string>());
  EXPECT_EQ(policy["Statement"][0]["Principal"]["Service"], "events.amazonaws.com");
  EXPECT_EQ(policy["Statement"][0]["Action"], "sns:Publish");
  EXPECT_EQ(policy["Statement"][0]["Condition"]["ArnEquals"]["aws:SourceArn"].size(), 4u);
  // The member accounts' forwarding: a service-managed StackSet on the organization root.
  const json& instance =
      resources["aws_cloudformation_stack_set_instance"]["rootpol_alerts_forwarding"];
  EXPECT_EQ(instance["deployment_targets"]["organizational_unit_ids"], json::array({"r-ab12"}));
  EXPECT_EQ(
      resources["aws_cloudformation_stack_set"]["rootpol_alerts_forwarding"]["permission_model"],
      "SERVICE_MANAGED");
  EXPECT_EQ(terraform_["variable"]["alert_regions"]["default"],
            json::array({"eu-west-1", "us-east-1"}));

  std::multiset<std::string> cfnEndpoints;
  std::size_t topics = 0;
  for (const auto& [id, resource] : cloudFormation_["Resources"].items()) {
    if (resource["Type"] == "AWS::SNS::Topic") ++topics;
    if (resource["Type"] == "AWS::SNS::Subscription") {
      EXPECT_EQ(resource["Properties"]["Protocol"], "email");
      cfnEndpoints.insert(resource["Properties"]["Endpoint"].get<std::string>());
    }
  }
  EXPECT_EQ(topics, 2u);
  EXPECT_EQ(cfnEndpoints, endpoints);
  EXPECT_TRUE(files_.count("cloudformation/alert-forwarding.json"));
}

TEST_F(EmittedAlerts, OutputIsByteDeterministic) {
  driver::Options options;
  options.extraSources = {{"alerts.rootpol", kProgram}};
  driver::Compilation again(options);
  ASSERT_TRUE(again.run());
  for (const driver::OutputFile& f : again.outputs())
    EXPECT_EQ(files_[f.path], f.content) << f.path;
}

}  // namespace
}  // namespace rootpol::testing
