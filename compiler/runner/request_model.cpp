#include "runner/request_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "eval/values.h"

namespace rootpol::runner {
namespace {

// Services with one global endpoint, and the region AWS puts in aws:RequestedRegion for a call
// to it (IAM User Guide, AWS global condition context keys, aws:RequestedRegion: "IAM calls
// are always made to the us-east-1 Region"; AWS General Reference, "AWS service endpoints",
// for the others). STS is read as its global endpoint; a test that means a regional STS
// endpoint sets `region`. Every other service is regional.
struct GlobalService {
  std::string_view prefix;
  std::string_view region;
};
constexpr std::array<GlobalService, 17> kGlobalServices{{
    {"account", "us-east-1"},     {"aws-portal", "us-east-1"},  {"budgets", "us-east-1"},
    {"ce", "us-east-1"},          {"cloudfront", "us-east-1"},  {"cur", "us-east-1"},
    {"globalaccelerator", "us-west-2"}, {"health", "us-east-1"}, {"iam", "us-east-1"},
    {"organizations", "us-east-1"}, {"route53", "us-east-1"},  {"route53domains", "us-east-1"},
    {"shield", "us-east-1"},      {"sts", "us-east-1"},         {"support", "us-east-1"},
    {"trustedadvisor", "us-east-1"}, {"waf", "us-east-1"},
}};

// Placeholder unique ids: AWS's real ones (AIDA..., AROA...) cannot be known from an ARN. A
// test that conditions on a real id sets `"aws:userid"` itself.
constexpr std::string_view kUserUniqueId = "AIDAEXAMPLEUSERID0000";
constexpr std::string_view kRoleUniqueId = "AROAEXAMPLEROLEID0000";
constexpr std::string_view kDefaultSession = "rootpol-test";

bool isAccountId(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view lastSegment(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

using Context = std::vector<std::pair<std::string, std::vector<std::string>>>;

const std::vector<std::string>* findKey(const Context& context, std::string_view key) {
  for (const auto& [name, values] : context) {
    if (eval::sameIgnoringCase(name, key)) return &values;
  }
  return nullptr;
}

// aws:CurrentTime and aws:EpochTime name one instant: a test that gives one gets the other
// from it, and a test that gives neither gets kDefaultCurrentTime.
std::pair<std::string, std::string> requestTime(const Context& given) {
  const auto* iso = findKey(given, "aws:CurrentTime");
  const auto* epoch = findKey(given, "aws:EpochTime");
  std::string isoText(kDefaultCurrentTime), epochText(kDefaultEpochTime);
  if (iso != nullptr && iso->size() == 1) {
    if (auto at = eval::parseDate(iso->front())) epochText = std::to_string(at->seconds);
  } else if (epoch != nullptr && epoch->size() == 1) {
    if (auto at = eval::parseDate(epoch->front())) isoText = eval::formatIsoTime(at->seconds);
  }
  return {isoText, epochText};
}

}  // namespace

PrincipalFacts principalFacts(std::string_view principal, std::string_view accountId) {
  PrincipalFacts facts{std::string(principal), std::string(accountId), "", ""};
  eval::ArnParts parts;
  if (!eval::splitArn(principal, parts)) return facts;
  if (isAccountId(parts[4])) facts.account = std::string(parts[4]);
  const std::string_view service = parts[2], resource = parts[5];
  if (service == "iam" && resource == "root") {
    facts.type = "Account";
    facts.userid = facts.account;
  } else if (service == "iam" && resource.starts_with("user/")) {
    facts.type = "User";
    facts.userid = kUserUniqueId;
  } else if (service == "iam" && resource.starts_with("role/")) {
    // A role acts through a session; aws:PrincipalArn is the role's ARN.
    facts.type = "AssumedRole";
    facts.userid = fmt::format("{}:{}", kRoleUniqueId, kDefaultSession);
  } else if (service == "sts" && resource.starts_with("assumed-role/")) {
    // arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION: aws:PrincipalArn is the role (whose path
    // the session ARN does not carry).
    std::string_view rest = resource.substr(13);
    std::size_t slash = rest.find('/');
    std::string_view role = rest.substr(0, slash);
    std::string_view session = slash == std::string_view::npos ? kDefaultSession : rest.substr(slash + 1);
    facts.arn = fmt::format("{}:{}:iam::{}:role/{}", parts[0], parts[1], parts[4], role);
    facts.type = "AssumedRole";
    facts.userid = fmt::format("{}:{}", kRoleUniqueId, session);
  } else if (service == "sts" && resource.starts_with("federated-user/")) {
    facts.type = "FederatedUser";
    facts.userid = fmt::format("{}:{}", facts.account, lastSegment(resource));
  }
  return facts;
}

std::optional<std::string_view> globalEndpointRegion(std::string_view action) {
  std::string_view prefix = action.substr(0, action.find(':'));
  for (const GlobalService& s : kGlobalServices) {
    if (eval::sameIgnoringCase(s.prefix, prefix)) return s.region;
  }
  return std::nullopt;
}

std::optional<std::string> serviceLinkedRoleExemption(std::string_view principal) {
  eval::ArnParts parts;
  if (!eval::splitArn(principal, parts)) return std::nullopt;
  bool linked = (parts[2] == "iam" && parts[5].starts_with("role/aws-service-role/")) ||
                (parts[2] == "sts" && parts[5].starts_with("assumed-role/AWSServiceRoleFor"));
  if (!linked) return std::nullopt;
  return fmt::format("SCPs do not restrict service-linked roles: {}", principal);
}

eval::Request modelRequest(const RequestSpec& spec) {
  const PrincipalFacts who = principalFacts(spec.principal, spec.accountId);
  const auto [isoTime, epochTime] = requestTime(spec.given);
  std::string region(globalEndpointRegion(spec.action).value_or(spec.homeRegion ? *spec.homeRegion : kDefaultRegion));
  // Keys AWS puts in every request, in the order of docs/evaluator.md's table.
  // An AssumeRoot session adds aws:AssumedRoot; it is the account's root user otherwise
  // (aws:PrincipalArn arn:aws:iam::ACCOUNT:root), docs/evaluator.md.
  const Context defaults = {
      {"aws:PrincipalArn", {who.arn}},           {"aws:PrincipalAccount", {who.account}},
      {"aws:PrincipalType", {who.type}},         {"aws:userid", {who.userid}},
      {"aws:ViaAWSService", {"false"}},          {"aws:PrincipalIsAWSService", {"false"}},
      {"aws:SecureTransport", {"true"}},         {"aws:RequestedRegion", {region}},
      {"aws:CurrentTime", {isoTime}},            {"aws:EpochTime", {epochTime}},
      {"aws:AssumedRoot", {spec.assumedRoot ? "true" : ""}},
      {"aws:PrincipalOrgID", {spec.principalOrgId.value_or("")}},
  };
  auto removed = [&](std::string_view key) {
    return std::any_of(spec.removed.begin(), spec.removed.end(),
                       [&](const std::string& r) { return eval::sameIgnoringCase(r, key); });
  };
  eval::Request out;
  out.action = spec.action;
  out.resource = spec.resource;
  // The evaluator reads aws:PrincipalArn from here when the context lacks it: empty when the
  // test removes the key, so that it is really absent.
  out.principalArn = removed("aws:PrincipalArn") ? std::string() : who.arn;
  out.context = spec.given;
  for (const auto& [key, values] : defaults) {
    if (values.front().empty() || removed(key) || findKey(spec.given, key) != nullptr) continue;
    out.context.emplace_back(key, values);
  }
  return out;
}

}  // namespace rootpol::runner
