#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eval/request.h"

// The request model of `rootpol test` and `rootpol explain`: the request context AWS builds
// for a call, from what a test states. AWS puts some keys in every request (the keys that
// stdlib/keys.json marks always_present); a test that does not give one gets AWS's value for
// it, not an absent key, and every other key is absent unless the test gives it. The table of
// defaults and its AWS sources are in docs/evaluator.md ("The request model").
namespace rootpol::runner {

// The fixed instant of a request that gives neither aws:CurrentTime nor aws:EpochTime.
inline constexpr std::string_view kDefaultCurrentTime = "2026-01-01T00:00:00Z";
inline constexpr std::string_view kDefaultEpochTime = "1767225600";
// aws:RequestedRegion of a regional action when the organization has no home_region.
inline constexpr std::string_view kDefaultRegion = "us-east-1";

struct RequestSpec {
  std::string principal;  // the principal ARN as written (the root user's ARN for `root`)
  std::string accountId;  // the account the request is made in
  std::string action;
  std::string resource;   // an ARN or "*"
  std::vector<std::pair<std::string, std::vector<std::string>>> given;  // `with` keys (AWS names)
  std::vector<std::string> removed;                                     // `without` keys (AWS names)
  std::optional<std::string> homeRegion;  // the organization's home_region
  // `request assumed root`: an sts:AssumeRoot session of `principal` (the account's root user),
  // whose requests carry aws:AssumedRoot "true"; long-term root credentials carry no such key.
  bool assumedRoot = false;
  // aws:PrincipalOrgID: the organization's id when the caller's account is one of its
  // accounts (the management account included) and the program declares the id.
  std::optional<std::string> principalOrgId;
};

// The request with every defaulted key filled in (given keys win; removed keys are left out).
eval::Request modelRequest(const RequestSpec& spec);

// The facts the principal's ARN fixes: aws:PrincipalArn (a session's role), the account, the
// aws:PrincipalType and aws:userid. Type and userid stay empty for an ARN of another shape.
struct PrincipalFacts {
  std::string arn;
  std::string account;
  std::string type;
  std::string userid;
};
PrincipalFacts principalFacts(std::string_view principal, std::string_view accountId);

// The region of the single endpoint of a global service (iam, organizations, sts's global
// endpoint, route53, cloudfront, ...), or nullopt for a regional action.
std::optional<std::string_view> globalEndpointRegion(std::string_view action);

// Why SCPs do not govern a principal, or nullopt: a service-linked role
// (`arn:aws:iam::*:role/aws-service-role/...`, or a session of one) is never restricted.
std::optional<std::string> serviceLinkedRoleExemption(std::string_view principal);

}  // namespace rootpol::runner
