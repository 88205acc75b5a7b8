#include "replay/mapping.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "eval/values.h"
#include "policy/arn.h"
#include "runner/request_model.h"

namespace rootpol::replay {
namespace {

constexpr std::string_view kServiceSuffix = ".amazonaws.com";

bool isAccountId(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string arnAccount(std::string_view arn) {
  policy::ArnParts parts;
  if (!policy::splitArn(arn, parts) || !isAccountId(parts[4])) return {};
  return std::string(parts[4]);
}

bool fail(std::string& why, std::string message) {
  why = std::move(message);
  return false;
}

// Sets the next context entry, reusing the strings a previous record left there.
void put(Call& call, std::string_view key, std::string_view value) {
  auto& context = call.request.context;
  if (call.used == context.size()) context.emplace_back();
  auto& [name, values] = context[call.used++];
  name.assign(key);
  values.resize(1);
  values[0].assign(value);
}

// The principal: aws:PrincipalArn, the shown principal, aws:PrincipalType. False when the
// identity is not one SCPs or RCPs decide for (SAML and web identity callers, Identity Center
// users, unknown types).
bool mapPrincipal(const Identity& id, Call& call, std::string& why) {
  call.type.assign(id.type);
  call.account.assign(id.accountId);
  std::string_view principalType;
  if (id.type == "Root") {
    // The account: accountId, else the root ARN's account field, else principalId (which is
    // the account id for root).
    if (!isAccountId(call.account)) call.account = arnAccount(id.arn);
    if (!isAccountId(call.account) && isAccountId(id.principalId)) call.account.assign(id.principalId);
    if (!isAccountId(call.account)) return fail(why, "a root identity without its account");
    call.principal.assign("arn:aws:iam::").append(call.account).append(":root");
    call.assumedRoot = id.assumedRoot == "true";
    principalType = "Account";
  } else if (id.type == "IAMUser" || id.type == "FederatedUser") {
    if (id.arn.empty()) return fail(why, fmt::format("an {} identity without its ARN", id.type));
    call.principal.assign(id.arn);
    principalType = id.type == "IAMUser" ? "User" : "FederatedUser";
  } else if (id.type == "AssumedRole") {
    // aws:PrincipalArn of a session is its role's ARN (with the path the issuer carries).
    if (!id.issuerArn.empty()) {
      call.principal.assign(id.issuerArn);
    } else {
      call.principal = runner::principalFacts(id.arn, id.accountId).arn;
    }
    if (call.principal.empty()) return fail(why, "an assumed role without its ARN");
    principalType = "AssumedRole";
  } else if (id.type == "AWSService") {
    if (id.invokedBy.empty()) return fail(why, "an AWS service identity without invokedBy");
    call.principal.assign(id.invokedBy);
    call.service = true;
  } else {
    return fail(why, fmt::format("identity type `{}` is not a principal SCPs or RCPs govern", id.type.empty() ? "none" : id.type));
  }
  if (call.account.empty() && !call.service) call.account = arnAccount(call.principal);
  if (!call.service && !isAccountId(call.account)) return fail(why, "no account for the principal");
    if (call.service) {
    put(call, "aws:PrincipalIsAWSService", "true");
    put(call, "aws:PrincipalServiceName", call.principal);
    // A service principal is no IAM principal of an account or an organization (IAM User Guide,
    // AWS global condition context keys: aws:PrincipalArn, aws:PrincipalAccount,
    // aws:PrincipalOrgID and aws:PrincipalOrgPaths are not in the context of a service principal).
    call.knownAbsent.insert(call.knownAbsent.end(), {"aws:PrincipalArn", "aws:PrincipalAccount", "aws:AssumedRoot",
                                                     "aws:PrincipalOrgID", "aws:PrincipalOrgPaths"});
    return true;
  }
  call.request.principalArn = call.principal;
  put(call, "aws:PrincipalArn", call.principal);
  put(call, "aws:PrincipalAccount", call.account);
  put(call, "aws:PrincipalType", principalType);
  put(call, "aws:PrincipalIsAWSService", "false");
  call.knownAbsent.push_back("aws:PrincipalServiceName");
  if (!id.principalId.empty()) put(call, "aws:userid", id.principalId);
  if (call.assumedRoot) {
    put(call, "aws:AssumedRoot", "true");
  } else {
    call.knownAbsent.push_back("aws:AssumedRoot");
  }
  if (id.mfaAuthenticated == "true" || id.mfaAuthenticated == "false") {
    put(call, "aws:MultiFactorAuthPresent", id.mfaAuthenticated);
  } else if (id.accessKeyId.starts_with("AKIA")) {
    // A long-term access key: the key is absent (IAM User Guide, aws:MultiFactorAuthPresent).
    call.knownAbsent.push_back("aws:MultiFactorAuthPresent");
  }
  return true;
}

// aws:SourceIp, aws:VpcSourceIp, aws:SourceVpce and aws:ViaAWSService from where the call came.
void mapSource(const Record& record, Call& call) {
    const std::string_view source = record.sourceIPAddress;
  const bool address = eval::parseIpAddress(source).has_value();
  const bool viaService = !record.identity.invokedBy.empty() || (!address && source.ends_with(kServiceSuffix));
  put(call, "aws:ViaAWSService", viaService ? "true" : "false");
  if (!record.vpcEndpointId.empty()) {
    put(call, "aws:SourceVpce", record.vpcEndpointId);
    call.knownAbsent.push_back("aws:SourceIp");
    if (address) put(call, "aws:VpcSourceIp", source);
    return;
  }
  call.knownAbsent.insert(call.knownAbsent.end(), {"aws:SourceVpce", "aws:VpcSourceIp"});
  // A service name or "AWS Internal" tells no address: aws:SourceIp stays unknown.
  if (address) put(call, "aws:SourceIp", source);
}

void mapWhenAndWhere(const Record& record, Call& call) {
  if (!record.awsRegion.empty()) put(call, "aws:RequestedRegion", record.awsRegion);
  if (auto at = eval::parseDate(record.eventTime)) {
    put(call, "aws:CurrentTime", eval::formatIsoTime(at->seconds));
    char epoch[24];
    auto [end, ec] = std::to_chars(epoch, epoch + sizeof epoch, at->seconds);
    put(call, "aws:EpochTime", std::string_view(epoch, ec == std::errc() ? end - epoch : 0));
  }
  if (record.tls) put(call, "aws:SecureTransport", "true");
}

void mapResources(const Record& record, Call& call) {
  call.recipientAccount.assign(record.recipientAccountId);
  for (const ResourceRef& ref : record.resources) {
    if (ref.arn.empty()) continue;
    std::string owner = isAccountId(ref.accountId) ? std::string(ref.accountId) : arnAccount(ref.arn);
    if (owner.empty()) owner = call.recipientAccount;
    std::pair<std::string, std::string> entry{std::string(ref.arn), std::move(owner)};
    if (std::find(call.resources.begin(), call.resources.end(), entry) == call.resources.end())
      call.resources.push_back(std::move(entry));
  }
}

}  // namespace

bool Call::knows(std::string_view key) const {
  auto same = [&](std::string_view k) { return eval::sameIgnoringCase(k, key); };
  return std::any_of(request.context.begin(), request.context.end(), [&](const auto& kv) { return same(kv.first); }) ||
         std::any_of(knownAbsent.begin(), knownAbsent.end(), same);
}

bool mapRecord(const Record& record, std::string_view action, Call& call, std::string& why) {
  call.used = 0;
  call.knownAbsent.clear();
  call.resources.clear();
  call.service = call.assumedRoot = false;
  call.request.principalArn.clear();
  call.action.assign(action);
  call.request.action.assign(action);
  call.request.resource.assign("*");
  bool mapped = mapPrincipal(record.identity, call, why);
  if (mapped) {
    mapSource(record, call);
    mapWhenAndWhere(record, call);
    mapResources(record, call);
  }
  call.request.context.resize(call.used);
  return mapped;
}

}  // namespace rootpol::replay
