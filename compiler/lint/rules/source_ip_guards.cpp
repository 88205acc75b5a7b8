// RP4104, RP4105: aws:SourceIp denies that hit more than the caller's own network.
#include <fmt/format.h>

#include "base/text.h"
#include "lint/rule.h"
#include "lint/rules/facts.h"

namespace rootpol::lint {
namespace {

// A deny that fires when the source address is outside a range (NotIpAddress, or IpAddress
// under a negation the author wrote as a deny of the listed range: both cut traffic that has
// no public source address).
const policy::ConditionEntry* sourceIpTest(const policy::Statement& s) {
  for (const policy::ConditionEntry& c : s.conditions) {
    if (equalsIgnoreCase(c.key, "aws:SourceIp") &&
        c.op.find("IpAddress") != std::string::npos)
      return &c;
  }
  return nullptr;
}

bool isNotIpAddress(const policy::ConditionEntry& c) { return c.op.rfind("NotIpAddress", 0) == 0; }

void checkServiceGuard(const policy::Statement& s, const policy::ConditionEntry& ip, LintContext& context) {
  if (facts::hasConditionOn(s, "aws:ViaAWSService") ||
      facts::hasConditionOn(s, "aws:PrincipalIsAWSService")) {
    return;
  }
  context.sink
      .report(DiagCode::RP4104, keySpanOf(ip, s),
              "this aws:SourceIp deny also denies AWS services that call other services for the "
              "principal")
      .help =
      "add `\"Bool\": {\"aws:ViaAWSService\": \"false\"}` so that, e.g., CloudFormation and Athena "
      "keep working";
}

void checkVpcEndpoints(const policy::Statement& s, const policy::ConditionEntry& ip, LintContext& context) {
  if (!isNotIpAddress(ip) || facts::hasConditionOn(s, "aws:SourceVpc") ||
      facts::hasConditionOn(s, "aws:SourceVpce") || facts::hasConditionOn(s, "aws:VpcSourceIp")) {
    return;
  }
  context.sink
      .report(
          DiagCode::RP4105, keySpanOf(ip, s),
          "requests through a VPC endpoint carry no aws:SourceIp, so this deny also blocks them")
      .help =
      "exempt your VPCs or endpoints with a condition on aws:SourceVpc, aws:SourceVpce or "
      "aws:VpcSourceIp";
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.kind != LintDocument::Kind::Scp) return;
  for (const policy::Statement& s : doc.statements()) {
    const policy::ConditionEntry* ip = s.deny ? sourceIpTest(s) : nullptr;
    if (ip == nullptr) continue;
    // rootpol adds the service guard itself unless the rule says `strict`, a deliberate choice.
    if (doc.origin == LintDocument::Origin::Json) checkServiceGuard(s, *ip, context);
    checkVpcEndpoints(s, *ip, context);
  }
}

}  // namespace

extern const LintRule kSourceIpWithoutServiceGuard{
    DiagCode::RP4104,
    "When an AWS service acts for a principal (CloudFormation creating a bucket, Athena reading "
    "S3), "
    "the request's aws:SourceIp is the service's address, not the user's. A deny on aws:SourceIp "
    "without `\"Bool\": {\"aws:ViaAWSService\": \"false\"}` therefore breaks those services for "
    "everyone it covers. AWS's own IP-restriction examples carry the guard; rootpol adds it to "
    "every "
    "network condition unless the rule says `strict`.",
    check, nullptr};

extern const LintRule kSourceIpBlocksVpcEndpoints{
    DiagCode::RP4105,
    "Requests that reach AWS through a VPC endpoint have no aws:SourceIp in their context (they "
    "carry "
    "aws:SourceVpc, aws:SourceVpce and aws:VpcSourceIp instead). `NotIpAddress` is true when the "
    "key "
    "is absent, so an IP allow-list deny also blocks all VPC-endpoint traffic of the principals it "
    "covers. Exempt the organisation's VPCs or endpoints, or accept the effect knowingly and "
    "suppress the finding.",
    nullptr, nullptr};

}  // namespace rootpol::lint
