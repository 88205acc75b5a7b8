#include "runner/chains.h"

#include <fmt/format.h>

#include <algorithm>

#include "driver/compilation.h"
#include "policy/arn.h"
#include "runner/request_model.h"
#include "sema/rcp_services.h"

namespace rootpol::runner {
namespace {

// The account field of an ARN when it is an account id (`arn:aws:kms:r:222222222222:key/x`).
std::optional<std::string> arnAccount(std::string_view arn) {
  policy::ArnParts parts;
  if (!policy::splitArn(arn, parts)) return std::nullopt;
  std::string_view account = parts[4];
  if (account.size() != 12 || !std::all_of(account.begin(), account.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::string(account);
}

}  // namespace

OrganizationChains::OrganizationChains(const driver::Compilation& compilation, const JsonInputs& json)
    : model_(compilation.organization()), json_(json), attachedFiles_(compilation.attachedFiles()) {
  // RCPs restrict what is done to resources: they form the chain of the resource's account.
  for (const driver::CompiledPolicy& p : compilation.policies()) {
    (p.rcp ? rcpDocuments_ : documents_)[p.name] = &p.document;
  }
}

template <typename Match>
std::optional<org::NodeIndex> OrganizationChains::findAccount(Match match) const {
  for (org::NodeIndex i = 0; i < model_.nodes.size(); ++i) {
    if (model_.nodes[i].kind == org::Node::Kind::Account && match(model_.nodes[i])) return i;
  }
  return std::nullopt;
}

std::optional<org::NodeIndex> OrganizationChains::findAccountId(std::string_view id) const {
  return findAccount([&](const org::Node& n) { return n.id == id; });
}

std::optional<ResourcePlaced> OrganizationChains::placeResource(const ast::TestRequest& request,
                                                                const std::string& callerAccountId,
                                                                DiagnosticSink& sink) const {
  if (!hasRcps()) return ResourcePlaced{};
  std::optional<org::NodeIndex> node;
  std::string accountId = callerAccountId;
  if (request.resourceAccount) {
    node = findAccount([&](const org::Node& n) { return n.name == *request.resourceAccount; });
    if (!node) return failUnknown(fmt::format("account `{}`", *request.resourceAccount), request.resourceAccountSpan, sink);
  } else if (request.resourceAccountId) {
    accountId = request.resourceAccountId->text;
  } else if (auto owner = request.resource ? arnAccount(request.resource->text) : std::nullopt) {
    accountId = *owner;
  } else if (request.account) {
    node = findAccount([&](const org::Node& n) { return n.name == *request.account; });
  }
  if (!node) node = findAccountId(accountId);
  return resourceChain(request.action, std::move(accountId), node);
}

ResourcePlaced OrganizationChains::placeResourceAccountId(std::string_view action, const std::string& accountId) const {
  if (!hasRcps()) return ResourcePlaced{};
  return resourceChain(action, accountId, findAccountId(accountId));
}

ResourcePlaced OrganizationChains::resourceChain(std::string_view action, std::string accountId,
                                                 std::optional<org::NodeIndex> node) const {
  ResourcePlaced out;
  if (node) accountId = model_.nodes[*node].id.value_or(accountId);
  out.ownerAccountId = accountId;
  const std::string service = sema::servicePrefix(action);
  if (!sema::rcpServices().supports(service)) {
    out.note = fmt::format("RCPs do not govern `{}` actions", service);
  } else if (model_.managementAccountId == accountId || (node && model_.nodes[*node].management)) {
    out.note = fmt::format("RCPs do not apply to resources of the management account ({})", accountId);
  } else if (model_.declared && !node) {
    out.note = fmt::format("the resource's account {} is not in the organization", accountId);
  } else if (jsonRcps() && !model_.declared) {
    out.chain = rcpJsonChain(accountId);
  } else if (!node || !model_.declared) {
    out.chain = rcpRootChain();
  } else {
    for (org::NodeIndex at : model_.chain(*node)) out.chain.push_back(rcpLevelOf(at));
  }
  return out;
}

std::optional<Placed> OrganizationChains::place(const ast::TestRequest& request, DiagnosticSink& sink) const {
  Placed out;
  std::optional<org::NodeIndex> node;
  if (request.account) {
    node = findAccount([&](const org::Node& n) { return n.name == *request.account; });
    if (!node) return failUnknown(fmt::format("account `{}`", *request.account), request.accountSpan, sink);
  } else if (request.accountId) {
    out.accountId = request.accountId->text;
    node = findAccountId(request.accountId->text);
    // An id that is not in the tree: the management account needs no place in it, and a
    // program without an organization puts every account under the root.
    if (!node && model_.declared && model_.managementAccountId != out.accountId)
      return failUnknown(fmt::format("account with id `{}`", out.accountId), request.accountSpan, sink);
  } else if (request.principal) {
    // No account named: the principal's own account. In a declared organization an account
    // that is not in it is governed by another organization's SCPs, if any, never by these.
    out.accountId = principalFacts(request.principal->text, kDefaultAccount).account;
    node = findAccountId(out.accountId);
    if (!node && model_.declared && model_.managementAccountId != out.accountId) {
      out.exemption = fmt::format("the principal's account {} is not in the organization", out.accountId);
      return out;
    }
  }
  if (node) out.accountId = model_.nodes[*node].id.value_or(std::string(kDefaultAccount));
  return finish(std::move(out), node);
}

std::optional<Placed> OrganizationChains::placeAccountId(const std::string& accountId) const {
  Placed out;
  out.accountId = accountId;
  std::optional<org::NodeIndex> node = findAccountId(accountId);
  if (!node && model_.declared && model_.managementAccountId != accountId) return std::nullopt;
  return finish(std::move(out), node);
}

Placed OrganizationChains::finish(Placed out, std::optional<org::NodeIndex> node) const {
  if (model_.managementAccountId == out.accountId || (node && model_.nodes[*node].management)) {
    // aws-facts 1.1: SCPs (and RCPs) never restrict the management account.
    std::string who = node ? fmt::format("{} ({})", model_.nodes[*node].display(), out.accountId) : out.accountId;
    out.exemption = fmt::format("SCPs do not apply to the management account: {}", who);
    return out;
  }
  if (json_.any() && !model_.declared) {
    out.chain = jsonChain(out.accountId);
    return out;
  }
  if (!node) {
    out.chain = rootChain();
    return out;
  }
  for (org::NodeIndex at : model_.chain(*node)) out.chain.push_back(levelOf(at));
  return out;
}

std::nullopt_t OrganizationChains::failUnknown(const std::string& what, Span span, DiagnosticSink& sink) const {
  sink.report(model_.declared ? DiagCode::RP3005 : DiagCode::RP3012, span,
              model_.declared ? fmt::format("organization `{}` has no {}", model_.name, what)
                              : std::string("`in account` needs an `organization` declaration"));
  return std::nullopt;
}

// AWS's RCPFullAWSAccess is attached everywhere and cannot be detached.
eval::Level OrganizationChains::rcpLevelOf(org::NodeIndex node) const {
  eval::Level level{model_.nodes[node].display() + " (RCPs)", {eval::NamedPolicy{"RCPFullAWSAccess", nullptr}}};
  for (const org::Attachment& a : model_.placements[node].attachments) {
    auto it = rcpDocuments_.find(a.policy);
    if (a.rcp && it != rcpDocuments_.end()) level.policies.push_back(eval::NamedPolicy{a.policy, it->second});
  }
  return level;
}

// Without an organization: the RCPs attached to the root, or every RCP when nothing is
// attached (as rootChain() does for SCPs).
std::vector<eval::Level> OrganizationChains::rcpRootChain() const {
  if (attachesAnything()) return {rcpLevelOf(org::kRoot)};
  eval::Level level{"root (RCPs)", {eval::NamedPolicy{"RCPFullAWSAccess", nullptr}}};
  for (const auto& [name, doc] : rcpDocuments_) level.policies.push_back(eval::NamedPolicy{name, doc});
  return {level};
}

eval::Level OrganizationChains::levelOf(org::NodeIndex node) const {
  eval::Level level{model_.nodes[node].display(), {}};
  const org::Placement& p = model_.placements[node];
  if (p.fullAwsAccess) level.policies.push_back(eval::NamedPolicy{"FullAWSAccess", nullptr});
  for (const org::Attachment& a : p.attachments) {
    if (a.file) {
      if (const policy::Document* doc = attachedFile(a)) level.policies.push_back(eval::NamedPolicy{a.policy, doc});
      continue;
    }
    auto it = documents_.find(a.policy);
    // External SCPs' contents are unknown to the program; they are left out of the decision.
    if (!a.external && it != documents_.end()) level.policies.push_back(eval::NamedPolicy{a.policy, it->second});
  }
  return level;
}

// The statements of an `attach file`, read by the compilation (found by the attachee).
const policy::Document* OrganizationChains::attachedFile(const org::Attachment& a) const {
  for (const driver::AttachedFile& f : attachedFiles_) {
    if (f.attachee == a.span) return &f.policy.document;
  }
  return nullptr;
}

bool OrganizationChains::attachesAnything() const {
  return std::any_of(model_.placements.begin(), model_.placements.end(),
                     [](const org::Placement& p) { return !p.attachments.empty(); });
}

// JSON policies without an organization: the program's root level when it attaches
// anything, then one level at the account with FullAWSAccess (unless replaced), the
// program's policies when it attaches nothing, and the JSON policies.
std::vector<eval::Level> OrganizationChains::jsonChain(const std::string& accountId) const {
  std::vector<eval::Level> chain;
  const bool attaches = attachesAnything();
  if (attaches) chain.push_back(levelOf(org::kRoot));
  eval::Level level{"account " + accountId, {}};
  if (json_.fullAwsAccess) level.policies.push_back(eval::NamedPolicy{"FullAWSAccess", nullptr});
  if (!attaches) {
    for (const auto& [name, doc] : documents_) level.policies.push_back(eval::NamedPolicy{name, doc});
  }
  for (const JsonPolicy& p : *json_.policies) {
    if (!p.rcp) level.policies.push_back(eval::NamedPolicy{p.name, &p.document});
  }
  chain.push_back(std::move(level));
  return chain;
}

bool OrganizationChains::jsonRcps() const {
  return json_.any() &&
         std::any_of(json_.policies->begin(), json_.policies->end(), [](const JsonPolicy& p) { return p.rcp; });
}

// JSON RCPs without an organization, as jsonChain() for SCPs: the program's RCPs attached to
// the root, then the resource's account with RCPFullAWSAccess, the program's RCPs when it
// attaches nothing, and the JSON RCPs.
std::vector<eval::Level> OrganizationChains::rcpJsonChain(const std::string& accountId) const {
  std::vector<eval::Level> chain;
  const bool attaches = attachesAnything();
  if (attaches) chain.push_back(rcpLevelOf(org::kRoot));
  eval::Level level{"account " + accountId + " (RCPs)", {eval::NamedPolicy{"RCPFullAWSAccess", nullptr}}};
  if (!attaches) {
    for (const auto& [name, doc] : rcpDocuments_) level.policies.push_back(eval::NamedPolicy{name, doc});
  }
  for (const JsonPolicy& p : *json_.policies) {
    if (p.rcp) level.policies.push_back(eval::NamedPolicy{p.name, &p.document});
  }
  chain.push_back(std::move(level));
  return chain;
}

std::vector<eval::Level> OrganizationChains::rootChain() const {
  if (attachesAnything()) return {levelOf(org::kRoot)};
  eval::Level level{"root", {eval::NamedPolicy{"FullAWSAccess", nullptr}}};
  for (const auto& [name, doc] : documents_) level.policies.push_back(eval::NamedPolicy{name, doc});
  return {level};
}

std::string chainKey(const std::vector<eval::Level>& chain) {
  std::string key;
  for (const eval::Level& level : chain) {
    key += level.target + '\0';
    for (const eval::NamedPolicy& p : level.policies)
      key += fmt::format("{}\1{}\1", p.name, static_cast<const void*>(p.document));
    key += '\2';
  }
  return key;
}

}  // namespace rootpol::runner
