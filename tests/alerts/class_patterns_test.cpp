// Every event class of stdlib/alert_classes.json against every sample event: the pattern must
// match exactly the events the class is about (the matrix below), and nothing else.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "alerts/event_classes.h"
#include "event_pattern_match.h"
#include "sample_events.h"

namespace rootpol::testing {
namespace {

using nlohmann::json;

// For each class, the sample events it must match; it must match no other sample event.
const std::map<std::string, std::set<std::string>>& expectedMatches() {
  static const std::map<std::string, std::set<std::string>> table = {
      {"root_activity",
       {"root_console_sign_in", "root_console_sign_in_failed", "root_s3_list_buckets",
        "root_ec2_run_instances", "root_create_access_key", "root_enable_mfa_device"}},
      {"root_session", {"assume_root"}},
      {"root_credentials_changed",
       {"root_create_access_key", "root_enable_mfa_device", "root_session_delete_login_profile"}},
      {"root_sign_in_failed", {"root_console_sign_in_failed"}},
      {"policy_changed", {"detach_policy", "update_policy"}},
      {"control_changed", {"disable_control", "control_tower_drift"}},
  };
  return table;
}

TEST(AlertClasses, EveryClassIsTested) {
  std::set<std::string> names;
  for (const alerts::EventClass& c : alerts::ClassTable::builtin().classes()) names.insert(c.name);
  std::set<std::string> tested;
  for (const auto& [name, events] : expectedMatches()) tested.insert(name);
  EXPECT_EQ(names, tested);
}

TEST(AlertClasses, PatternsMatchExactlyTheirEvents) {
  for (const alerts::EventClass& c : alerts::ClassTable::builtin().classes()) {
    const json pattern = json::parse(c.pattern);
    const auto expected = expectedMatches().find(c.name);
    ASSERT_NE(expected, expectedMatches().end()) << c.name;
    for (const SampleEvent& sample : sampleEvents()) {
      EXPECT_EQ(matchesPattern(pattern, sample.event), expected->second.count(sample.name) == 1)
          << "class " << c.name << ", event " << sample.name;
    }
  }
}

// The issue's checks by name: what must match and what must not.
TEST(AlertClasses, RootActivityIsRootOutsideAssumeRootSessions) {
  const json pattern = json::parse(alerts::ClassTable::builtin().find("root_activity")->pattern);
  EXPECT_TRUE(matchesPattern(pattern, sampleEvent("root_console_sign_in")));
  EXPECT_TRUE(matchesPattern(pattern, sampleEvent("root_s3_list_buckets")));
  EXPECT_TRUE(matchesPattern(pattern, sampleEvent("root_create_access_key")));
  EXPECT_FALSE(matchesPattern(pattern, sampleEvent("root_session_delete_bucket_policy")));
  EXPECT_FALSE(matchesPattern(pattern, sampleEvent("role_put_object")));
  EXPECT_FALSE(matchesPattern(pattern, sampleEvent("assume_role")));
  EXPECT_FALSE(matchesPattern(pattern, sampleEvent("assume_root")));
  // A root call whose session says assumedRoot "false" is not an AssumeRoot session either.
  json notAssumed = sampleEvent("root_console_sign_in");
  notAssumed["detail"]["userIdentity"]["sessionContext"]["assumedRoot"] = "false";
  EXPECT_TRUE(matchesPattern(pattern, notAssumed));
}

TEST(AlertClasses, ReadOnlyClassesAskForAllManagementEvents) {
  const alerts::ClassTable& table = alerts::ClassTable::builtin();
  // Root's ListBuckets is read-only: EventBridge delivers it only to such rules.
  EXPECT_TRUE(sampleEvent("root_s3_list_buckets")["detail"]["readOnly"].get<bool>());
  EXPECT_STREQ(table.find("root_activity")->ruleState(),
               "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
  EXPECT_STREQ(table.find("policy_changed")->ruleState(), "ENABLED");
}

TEST(AlertClasses, TableRejectsMalformedEntries) {
  std::string error;
  EXPECT_FALSE(alerts::ClassTable::fromJson("[]", error));
  EXPECT_FALSE(alerts::ClassTable::fromJson(R"({"classes": [{"name": "x"}]})", error));
  EXPECT_NE(error.find("pattern"), std::string::npos) << error;
  const char* twice = R"({"classes": [
    {"name": "x", "description": "d", "arrives_in": "r", "all_management_events": false, "pattern": {"source": ["a"]}},
    {"name": "x", "description": "d", "arrives_in": "r", "all_management_events": false, "pattern": {"source": ["a"]}}]})";
  EXPECT_FALSE(alerts::ClassTable::fromJson(twice, error));
  EXPECT_NE(error.find("twice"), std::string::npos) << error;
}

}  // namespace
}  // namespace rootpol::testing
