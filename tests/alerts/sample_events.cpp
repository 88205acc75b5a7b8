#include "sample_events.h"

#include <stdexcept>

namespace rootpol::testing {
namespace {

using nlohmann::json;

// The EventBridge envelope of a CloudTrail record.
json envelope(const std::string& detailType, const std::string& source, const std::string& region,
              json detail) {
  return json{{"version", "0"},
              {"id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718"},
              {"detail-type", detailType},
              {"source", source},
              {"account", detail.value("recipientAccountId", "222222222222")},
              {"time", "2026-03-02T10:15:00Z"},
              {"region", region},
              {"resources", json::array()},
              {"detail", std::move(detail)}};
}

json apiCall(const std::string& service, const std::string& eventName, const std::string& region,
             json identity, bool readOnly, json extra = json::object()) {
  json detail = {{"eventVersion", "1.10"},
                 {"userIdentity", std::move(identity)},
                 {"eventTime", "2026-03-02T10:15:00Z"},
                 {"eventSource", service + ".amazonaws.com"},
                 {"eventName", eventName},
                 {"awsRegion", region},
                 {"sourceIPAddress", "198.51.100.7"},
                 {"userAgent", "aws-cli/2.15.0"},
                 {"requestParameters", nullptr},
                 {"responseElements", nullptr},
                 {"requestID", "c9b4b0b2-5b8e-4b7a-9d42-0d3c1c2a7f10"},
                 {"eventID", "0b1f3c5e-7a9d-4b2f-8c6e-1d3f5a7b9c0e"},
                 {"readOnly", readOnly},
                 {"eventType", "AwsApiCall"},
                 {"managementEvent", true},
                 {"recipientAccountId", "222222222222"},
                 {"eventCategory", "Management"}};
  detail.update(extra);
  return envelope("AWS API Call via CloudTrail", "aws." + service, region, std::move(detail));
}

// The root user signing in with its password or calling with its access keys.
json rootIdentity(bool console) {
  json id = {{"type", "Root"},
             {"principalId", "222222222222"},
             {"arn", "arn:aws:iam::222222222222:root"},
             {"accountId", "222222222222"},
             {"accessKeyId", console ? "ASIAIOSFODNN7EXAMPLE" : "AKIAIOSFODNN7EXAMPLE"}};
  if (console) {
    id["sessionContext"] = {
        {"attributes", {{"creationDate", "2026-03-02T10:01:00Z"}, {"mfaAuthenticated", "true"}}}};
  }
  return id;
}

// The member account's root in a session the management account opened with sts:AssumeRoot.
json assumedRootIdentity() {
  return {
      {"type", "Root"},
      {"principalId", "222222222222"},
      {"arn", "arn:aws:iam::222222222222:root"},
      {"accountId", "222222222222"},
      {"accessKeyId", "ASIAIOSFODNN7EXAMPLE"},
      {"sessionContext",
       {{"attributes", {{"creationDate", "2026-03-02T10:10:00Z"}, {"mfaAuthenticated", "false"}}},
        {"assumedRoot", "true"}}}};
}

json roleIdentity(const std::string& account) {
  return {{"type", "AssumedRole"},
          {"principalId", "AROAEXAMPLEID:alice"},
          {"arn", "arn:aws:sts::" + account + ":assumed-role/Admin/alice"},
          {"accountId", account},
          {"accessKeyId", "ASIAIOSFODNN7EXAMPLE"},
          {"sessionContext",
           {{"sessionIssuer",
             {{"type", "Role"},
              {"principalId", "AROAEXAMPLEID"},
              {"arn", "arn:aws:iam::" + account + ":role/Admin"},
              {"accountId", account},
              {"userName", "Admin"}}},
            {"attributes",
             {{"creationDate", "2026-03-02T09:00:00Z"}, {"mfaAuthenticated", "false"}}}}}};
}

json userIdentity(const std::string& account) {
  return {{"type", "IAMUser"},
          {"principalId", "AIDAJ45Q7YFFAREXAMPLE"},
          {"arn", "arn:aws:iam::" + account + ":user/Alice"},
          {"accountId", account},
          {"accessKeyId", "AKIAI44QH8DHBEXAMPLE"},
          {"userName", "Alice"}};
}

json consoleLogin(json identity, bool success) {
  json detail = {{"eventVersion", "1.08"},
                 {"userIdentity", std::move(identity)},
                 {"eventTime", "2026-03-02T10:00:00Z"},
                 {"eventSource", "signin.amazonaws.com"},
                 {"eventName", "ConsoleLogin"},
                 {"awsRegion", "us-east-1"},
                 {"sourceIPAddress", "198.51.100.7"},
                 {"userAgent", "Mozilla/5.0"},
                 {"requestParameters", nullptr},
                 {"responseElements", {{"ConsoleLogin", success ? "Success" : "Failure"}}},
                 {"additionalEventData",
                  {{"LoginTo", "https://console.aws.amazon.com/console/home"},
                   {"MobileVersion", "No"},
                   {"MFAUsed", success ? "Yes" : "No"}}},
                 {"eventID", "3fcfb586-0d8e-4a5b-8bd1-0b0f0e1a2c3d"},
                 {"readOnly", false},
                 {"eventType", "AwsConsoleSignIn"},
                 {"managementEvent", true},
                 {"recipientAccountId", "222222222222"},
                 {"eventCategory", "Management"}};
  if (!success) detail["errorMessage"] = "Failed authentication";
  return envelope("AWS Console Sign In via CloudTrail", "aws.signin", "us-east-1",
                  std::move(detail));
}

std::vector<SampleEvent> build() {
  std::vector<SampleEvent> out;
  out.push_back({"root_console_sign_in", consoleLogin(rootIdentity(true), true)});
  out.push_back({"root_console_sign_in_failed", consoleLogin(rootIdentity(true), false)});
  out.push_back({"user_console_sign_in_failed", consoleLogin(userIdentity("222222222222"), false)});
  out.push_back({"root_s3_list_buckets",
                 apiCall("s3", "ListBuckets", "us-east-1", rootIdentity(false), true)});
  out.push_back({"root_ec2_run_instances",
                 apiCall("ec2", "RunInstances", "eu-west-1", rootIdentity(false), false)});
  out.push_back(
      {"root_create_access_key", apiCall("iam", "CreateAccessKey", "us-east-1", rootIdentity(true),
                                         false, json::parse(R"({"responseElements": {"accessKey": {
                           "accessKeyId": "AKIAIOSFODNN7EXAMPLE", "status": "Active", "userName": "222222222222"}}})"))});
  out.push_back({"root_enable_mfa_device",
                 apiCall("iam", "EnableMFADevice", "us-east-1", rootIdentity(true), false)});
  out.push_back({"user_create_access_key", apiCall("iam", "CreateAccessKey", "us-east-1",
                                                   userIdentity("222222222222"), false)});
  // The call that opens a root session, made in the management account (the IAM guide's
  // example also carries sessionContext.assumedRoot on the caller).
  json assumeRootCaller = roleIdentity("111111111111");
  assumeRootCaller["sessionContext"]["assumedRoot"] = "true";
  out.push_back(
      {"assume_root",
       apiCall("sts", "AssumeRoot", "us-west-2", assumeRootCaller, false,
               json::parse(R"({"recipientAccountId": "111111111111", "requestParameters": {
                           "targetPrincipal": "222222222222",
                           "taskPolicyArn": {"arn": "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"}}})"))});
  out.push_back(
      {"assume_role", apiCall("sts", "AssumeRole", "us-east-1", userIdentity("222222222222"), false,
                              json::parse(R"({"requestParameters": {
                                          "roleArn": "arn:aws:iam::222222222222:role/Admin",
                                          "roleSessionName": "alice"}})"))});
  out.push_back({"root_session_delete_bucket_policy",
                 apiCall("s3", "DeleteBucketPolicy", "us-west-2", assumedRootIdentity(), false)});
  out.push_back({"root_session_delete_login_profile",
                 apiCall("iam", "DeleteLoginProfile", "us-east-1", assumedRootIdentity(), false)});
  out.push_back({"role_put_object",
                 apiCall("s3", "PutObject", "eu-west-1", roleIdentity("222222222222"), false)});
  out.push_back({"role_describe_instances", apiCall("ec2", "DescribeInstances", "eu-west-1",
                                                    roleIdentity("222222222222"), true)});
  json orgCall = {{"recipientAccountId", "111111111111"}};
  out.push_back({"detach_policy", apiCall("organizations", "DetachPolicy", "us-east-1",
                                          roleIdentity("111111111111"), false, orgCall)});
  out.push_back({"update_policy", apiCall("organizations", "UpdatePolicy", "us-east-1",
                                          roleIdentity("111111111111"), false, orgCall)});
  out.push_back({"list_policies", apiCall("organizations", "ListPolicies", "us-east-1",
                                          roleIdentity("111111111111"), true, orgCall)});
  out.push_back({"disable_control", apiCall("controltower", "DisableControl", "eu-west-1",
                                            roleIdentity("111111111111"), false, orgCall)});
  out.push_back(
      {"list_enabled_controls", apiCall("controltower", "ListEnabledControls", "eu-west-1",
                                        roleIdentity("111111111111"), true, orgCall)});
  // Control Tower's own service event (not a CloudTrail record); the class matches it on its
  // source and detail-type alone, so the detail here is a stand-in.
  out.push_back({"control_tower_drift", json{{"version", "0"},
                                             {"id", "9f1c3a5b-2d4e-4f60-8a1b-3c5d7e9f0a2b"},
                                             {"detail-type", "Drift Detected"},
                                             {"source", "aws.controltower"},
                                             {"account", "111111111111"},
                                             {"time", "2026-03-02T10:20:00Z"},
                                             {"region", "eu-west-1"},
                                             {"resources", json::array()},
                                             {"detail", {{"driftType", "SCP_DRIFT"}}}}});
  return out;
}

}  // namespace

const std::vector<SampleEvent>& sampleEvents() {
  static const std::vector<SampleEvent> events = build();
  return events;
}

const nlohmann::json& sampleEvent(const std::string& name) {
  for (const SampleEvent& e : sampleEvents()) {
    if (e.name == name) return e.event;
  }
  throw std::out_of_range("no sample event " + name);
}

}  // namespace rootpol::testing
