#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Facts about actions, keys and values that the policy checks use and the catalog does not
// hold: stdlib/policy_facts.json, embedded in the binary and loaded once. The catalog says what
// exists (actions, access levels, resource types, keys); this says which of them matter for a
// check (credentials, privilege escalation, keys that narrow a public principal, value forms).
namespace rootpol::policy {

struct SensitiveCategory {
  std::string name;    // "credentials"
  std::string phrase;  // "return credentials": "allows actions that <phrase>"
  bool unscopedOnly = false;  // only reported on every resource (`*`)
  std::vector<std::string> actions;  // "iam:CreateAccessKey", as the catalog spells them
};

struct ValueFormat {
  std::string key;               // "aws:SourceVpc"
  std::string glob;              // every value matches it (IAM glob), or empty
  std::vector<std::string> values;  // the values AWS defines, or empty
  bool regions = false;          // a Region of the region list
  std::string what;              // "a VPC id (`vpc-...`)"
};

struct PolicyFacts {
  std::vector<std::string> actionScopedGlobalKeys;  // key names or templates
  std::vector<SensitiveCategory> sensitive;
  std::vector<std::string> actionsNeedingResources;
  std::vector<std::string> principalNarrowingKeys;  // key names or templates
  std::vector<std::string> federatedActions;
  std::vector<ValueFormat> valueFormats;
  // Variables of ARN formats that never hold a `/` ("BucketName" of `${BucketName}`).
  std::vector<std::string> arnNamesWithoutSlash;
  // Per service, the resource parts (ARN format syntax) of ARNs of no catalog resource type:
  // `root` of `arn:aws:iam::111122223333:root`, the `assumed-role/...` of an STS session.
  std::vector<std::pair<std::string, std::vector<std::string>>> untypedArnResources;
};

// Loaded on first use; the file is embedded at build time (its absence is a build defect).
const PolicyFacts& policyFacts();

// Whether `key` (a concrete condition key) is one of `names` (names or `${...}` templates),
// case-insensitively.
bool keyIn(const std::vector<std::string>& names, std::string_view key);
// Whether the action `name` ("iam:PassRole") is one of `actions`, case-insensitively.
bool actionIn(const std::vector<std::string>& actions, std::string_view name);
// The value format of `key`, or null.
const ValueFormat* valueFormatOf(std::string_view key);

}  // namespace rootpol::policy
