#include "runner/test_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "driver/compilation.h"
#include "org/model.h"
#include "policy/arn.h"
#include "runner/request_model.h"
#include "sema/rcp_services.h"

namespace rootpol::runner {
namespace {

constexpr const char* kDefaultAccount = "111122223333";

// Where a request is made: the chain of levels from the root to its account, the account's id,
// or why SCPs do not govern the account at all.
struct Placed {
  std::vector<eval::Level> chain;
  std::string accountId = kDefaultAccount;
  std::optional<std::string> exemption;
};

// Where the request's resource is, for resource control policies: the chain of levels from
// the root to the account that owns it, or why RCPs do not decide the request.
struct ResourcePlaced {
  std::vector<eval::Level> chain;
  std::optional<std::string> note;
  std::string ownerAccountId;
};

// The account field of an ARN when it is an account id (`arn:aws:kms:r:222222222222:key/x`).
std::optional<std::string> arnAccount(std::string_view arn) {
  policy::ArnParts parts;
  if (!policy::splitArn(arn, parts)) return std::nullopt;
  std::string_view account = parts[4];
  if (account.size() != 12 || !std::all_of(account.begin(), account.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::string(account);
}

// The chain of levels for a request: the account's path from the root when the request names
// an account; the root alone when it does not (or, in a program that attaches nothing, one
// level holding every policy, as if all were attached to the account).
class ChainBuilder {
 public:
  ChainBuilder(const driver::Compilation& compilation, const JsonInputs& json)
      : model_(compilation.organization()), json_(json), attachedFiles_(compilation.attachedFiles()) {
    // RCPs restrict what is done to resources: they form the chain of the resource's account.
    for (const driver::CompiledPolicy& p : compilation.policies()) {
      (p.rcp ? rcpDocuments_ : documents_)[p.name] = &p.document;
    }
  }

  // The RCP chain of the account that owns the request's resource (`on ARN in account X`, the
  // ARN's account field, else the caller's account). Empty, with no note, in a program without
  // RCPs, so its explanations stay those of SCPs alone. nullopt: an unknown account (reported).
  std::optional<ResourcePlaced> placeResource(const ast::TestRequest& request, const std::string& callerAccountId,
                                              DiagnosticSink& sink) const {
    ResourcePlaced out;
    if (rcpDocuments_.empty() && !jsonRcps()) return out;
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
    if (!node) node = findAccount([&](const org::Node& n) { return n.id == accountId; });
    if (node) accountId = model_.nodes[*node].id.value_or(accountId);
    out.ownerAccountId = accountId;
    const std::string service = sema::servicePrefix(request.action);
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

  std::optional<Placed> place(const ast::TestRequest& request, DiagnosticSink& sink) const {
    Placed out;
    std::optional<org::NodeIndex> node;
    if (request.account) {
      node = findAccount([&](const org::Node& n) { return n.name == *request.account; });
      if (!node) return reportUnknown(fmt::format("account `{}`", *request.account), request.accountSpan, sink);
    } else if (request.accountId) {
      out.accountId = request.accountId->text;
      node = findAccount([&](const org::Node& n) { return n.id == request.accountId->text; });
      // An id that is not in the tree: the management account needs no place in it, and a
      // program without an organization puts every account under the root.
      if (!node && model_.declared && model_.managementAccountId != out.accountId)
        return reportUnknown(fmt::format("account with id `{}`", out.accountId), request.accountSpan, sink);
    } else if (request.principal) {
      // No account named: the principal's own account. In a declared organization an account
      // that is not in it is governed by another organization's SCPs, if any, never by these.
      out.accountId = principalFacts(request.principal->text, kDefaultAccount).account;
      node = findAccount([&](const org::Node& n) { return n.id == out.accountId; });
      if (!node && model_.declared && model_.managementAccountId != out.accountId) {
        out.exemption = fmt::format("the principal's account {} is not in the organization", out.accountId);
        return out;
      }
    }
    if (node) out.accountId = model_.nodes[*node].id.value_or(kDefaultAccount);
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

  const org::Model& model() const { return model_; }

 private:
  template <typename Match>
  std::optional<org::NodeIndex> findAccount(Match match) const {
    for (org::NodeIndex i = 0; i < model_.nodes.size(); ++i) {
      if (model_.nodes[i].kind == org::Node::Kind::Account && match(model_.nodes[i])) return i;
    }
    return std::nullopt;
  }

  std::optional<Placed> reportUnknown(const std::string& what, Span span, DiagnosticSink& sink) const {
    failUnknown(what, span, sink);
    return std::nullopt;
  }

  std::nullopt_t failUnknown(const std::string& what, Span span, DiagnosticSink& sink) const {
    sink.report(model_.declared ? DiagCode::RP3005 : DiagCode::RP3012, span,
                model_.declared ? fmt::format("organization `{}` has no {}", model_.name, what)
                                : std::string("`in account` needs an `organization` declaration"));
    return std::nullopt;
  }

  // AWS's RCPFullAWSAccess is attached everywhere and cannot be detached.
  eval::Level rcpLevelOf(org::NodeIndex node) const {
    eval::Level level{model_.nodes[node].display() + " (RCPs)", {eval::NamedPolicy{"RCPFullAWSAccess", nullptr}}};
    for (const org::Attachment& a : model_.placements[node].attachments) {
      auto it = rcpDocuments_.find(a.policy);
      if (a.rcp && it != rcpDocuments_.end()) level.policies.push_back(eval::NamedPolicy{a.policy, it->second});
    }
    return level;
  }

  // Without an organization: the RCPs attached to the root, or every RCP when nothing is
  // attached (as rootChain() does for SCPs).
  std::vector<eval::Level> rcpRootChain() const {
    if (attachesAnything()) return {rcpLevelOf(org::kRoot)};
    eval::Level level{"root (RCPs)", {eval::NamedPolicy{"RCPFullAWSAccess", nullptr}}};
    for (const auto& [name, doc] : rcpDocuments_) level.policies.push_back(eval::NamedPolicy{name, doc});
    return {level};
  }

  eval::Level levelOf(org::NodeIndex node) const {
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
  const policy::Document* attachedFile(const org::Attachment& a) const {
    for (const driver::AttachedFile& f : attachedFiles_) {
      if (f.attachee == a.span) return &f.policy.document;
    }
    return nullptr;
  }

  bool attachesAnything() const {
    return std::any_of(model_.placements.begin(), model_.placements.end(),
                       [](const org::Placement& p) { return !p.attachments.empty(); });
  }

  // JSON policies without an organization: the program's root level when it attaches
  // anything, then one level at the account with FullAWSAccess (unless replaced), the
  // program's policies when it attaches nothing, and the JSON policies.
  std::vector<eval::Level> jsonChain(const std::string& accountId) const {
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

  bool jsonRcps() const {
    return json_.any() && std::any_of(json_.policies->begin(), json_.policies->end(),
                                      [](const JsonPolicy& p) { return p.rcp; });
  }

  // JSON RCPs without an organization, as jsonChain() for SCPs: the program's RCPs attached to
  // the root, then the resource's account with RCPFullAWSAccess, the program's RCPs when it
  // attaches nothing, and the JSON RCPs.
  std::vector<eval::Level> rcpJsonChain(const std::string& accountId) const {
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

  std::vector<eval::Level> rootChain() const {
    if (attachesAnything()) return {levelOf(org::kRoot)};
    eval::Level level{"root", {eval::NamedPolicy{"FullAWSAccess", nullptr}}};
    for (const auto& [name, doc] : documents_) level.policies.push_back(eval::NamedPolicy{name, doc});
    return {level};
  }

  const org::Model& model_;
  const JsonInputs& json_;
  const std::vector<driver::AttachedFile>& attachedFiles_;
  std::map<std::string, const policy::Document*> documents_;
  std::map<std::string, const policy::Document*> rcpDocuments_;
};

RequestSpec specOf(const ast::TestRequest& r, const std::string& accountId, const org::Model& model) {
  RequestSpec spec;
  spec.principal = r.root ? fmt::format("arn:aws:iam::{}:root", accountId) : r.principal->text;
  spec.assumedRoot = r.assumedRoot;
  spec.accountId = accountId;
  spec.action = r.action;
  spec.resource = r.resource ? r.resource->text : "*";
  for (const ast::TestAssignment& a : r.context) {
    std::vector<std::string> values;
    for (const ast::Value& v : a.values) values.push_back(v.text);
    spec.given.emplace_back(a.resolved.awsKey, std::move(values));
  }
  for (const ast::TestRemoval& k : r.removed) spec.removed.push_back(k.resolved.awsKey);
  spec.homeRegion = model.homeRegion;
  // aws:PrincipalOrgID: the caller's account belongs to the organization, whose id is declared.
  const std::string callerAccount = principalFacts(spec.principal, accountId).account;
  if (model.organizationId && model.hasAccount(callerAccount)) spec.principalOrgId = model.organizationId;
  return spec;
}

std::string describe(const Decider& d) {
  const std::string& sid = d.statement->sid;
  return fmt::format("{} {}{}", d.policy, sid.empty() ? "(no Sid)" : "\"" + sid + "\"",
                     d.level.empty() ? "" : " at " + d.level);
}

// The key of a chain: its targets and, per policy, the name and the document it stands for.
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

std::string checkExpectation(const ast::TestExpect& expect, const CaseResult& r) {
  const eval::Evaluation& e = r.evaluation;
  bool allowed = e.decision == eval::Decision::Allow;
  bool wantAllow = expect.effect == ast::Effect::Allow;
  std::string why = r.exemption ? ": " + *r.exemption : std::string();
  if (allowed != wantAllow) {
    return fmt::format("expected {}, got {}{}", wantAllow ? "allow" : "deny", eval::decisionName(e.decision), why);
  }
  if (!expect.policy) return {};
  std::vector<Decider> found = deciders(e);
  bool among = std::any_of(found.begin(), found.end(), [&](const Decider& d) {
    return d.policy == *expect.policy && (!expect.sid || d.statement->sid == expect.sid->text);
  });
  if (among) return {};
  std::string wanted = *expect.policy + (expect.sid ? " \"" + expect.sid->text + "\"" : std::string());
  if (r.exemption) return fmt::format("expected the decision by {}, but no statement decides{}", wanted, why);
  if (found.empty()) return fmt::format("expected the decision by {}, got no statement (an implicit deny)", wanted);
  std::string list;
  for (const Decider& d : found) list += "\n  " + describe(d);
  return fmt::format("expected the decision by {}, but it is not among the statements that {} the request:{}", wanted,
                     allowed ? "allow" : "deny", list);
}

}  // namespace

eval::Evaluation combine(eval::Evaluation scps, eval::Evaluation rcps) {
  using eval::Decision;
  if (scps.decision == Decision::ExplicitDeny || rcps.decision == Decision::ExplicitDeny) {
    scps.decision = Decision::ExplicitDeny;
  } else if (rcps.decision != Decision::Allow) {
    scps.decision = rcps.decision;
  }
  for (eval::LevelTrace& level : rcps.levels) scps.levels.push_back(std::move(level));
  return scps;
}

std::vector<Decider> deciders(const eval::Evaluation& e) {
  const bool deny = e.decision != eval::Decision::Allow;
  std::vector<Decider> out;
  for (const eval::LevelTrace& level : e.levels) {
    for (const eval::PolicyTrace& p : level.policies) {
      for (const eval::StatementTrace& s : p.statements) {
        if (s.applies && s.deny == deny) out.push_back(Decider{p.name, level.target, &s});
      }
    }
  }
  return out;
}

bool TestResult::passed() const {
  return std::all_of(cases.begin(), cases.end(), [](const CaseResult& c) { return c.ran && c.passed; });
}

std::vector<PreparedCase> prepareCases(const driver::Compilation& compilation, DiagnosticSink& sink,
                                       const JsonInputs& json) {
  ChainBuilder chains(compilation, json);
  std::vector<PreparedCase> out;
  for (const auto& module : compilation.modules()) {
    for (const ast::Test& test : module->tests) {
      for (const ast::TestCase& c : test.cases) {
        PreparedCase p{&test, &c, false, {}, {}, {}, std::nullopt, {}, std::nullopt, std::nullopt};
        auto placed = chains.place(c.request, sink);
        auto resource = placed ? chains.placeResource(c.request, placed->accountId, sink) : std::nullopt;
        if (placed && resource) {
          p.placed = true;
          p.chain = std::move(placed->chain);
          p.request = modelRequest(specOf(c.request, placed->accountId, chains.model()));
          p.accountId = placed->accountId;
          p.exemption = std::move(placed->exemption);
          p.rcpChain = std::move(resource->chain);
          p.rcpNote = std::move(resource->note);
          if (!p.rcpChain.empty()) p.rcpOwnerAccountId = resource->ownerAccountId;
          // Service-linked roles are restricted by neither SCPs nor RCPs.
          auto linked = c.request.principal ? serviceLinkedRoleExemption(c.request.principal->text) : std::nullopt;
          if (linked) {
            if (!p.exemption) p.exemption = linked;
            p.rcpChain.clear();
            p.rcpNote.reset();
            p.rcpOwnerAccountId.reset();
          }
        }
        out.push_back(std::move(p));
      }
    }
  }
  return out;
}

std::vector<TestResult> runTests(const driver::Compilation& compilation, DiagnosticSink& sink,
                                 const JsonInputs& json) {
  std::vector<TestResult> results;
  std::map<std::string, eval::Evaluator> evaluators;  // by chainKey: each chain compiled once
  for (PreparedCase& p : prepareCases(compilation, sink, json)) {
    if (results.empty() || results.back().test != p.test) results.push_back(TestResult{p.test, {}});
    CaseResult r;
    r.testCase = p.testCase;
    r.ran = p.placed;
    if (p.placed) {
      r.exemption = p.exemption;
      r.request = std::move(p.request);
      r.accountId = std::move(p.accountId);
      r.rcpNote = std::move(p.rcpNote);
      auto evaluate = [&](const std::vector<eval::Level>& chain) {
        return evaluators.try_emplace(chainKey(chain), chain).first->second.evaluate(r.request, /*trace=*/true);
      };
      if (r.exemption) {
        r.evaluation.decision = eval::Decision::Allow;
      } else {
        r.evaluation = evaluate(p.chain);
      }
      if (!p.rcpChain.empty()) r.evaluation = combine(std::move(r.evaluation), evaluate(p.rcpChain));
      r.failure = checkExpectation(p.testCase->expect, r);
      r.passed = r.failure.empty();
    }
    results.back().cases.push_back(std::move(r));
  }
  return results;
}

std::string explain(const CaseResult& r, bool verbose, const WhereFn& where) {
  std::string out = explain(r.evaluation, verbose, where);
  if (r.exemption) {  // "decision: allow; SCPs do not apply to ...", then any RCP levels
    out.insert(out.find('\n'), "; " + *r.exemption);
  }
  if (r.rcpNote) out += fmt::format("  resource control policies do not apply: {}\n", *r.rcpNote);
  return out;
}

std::string explain(const eval::Evaluation& e, bool verbose, const WhereFn& where) {
  std::string out = fmt::format("decision: {}\n", eval::decisionName(e.decision));
  for (const eval::LevelTrace& level : e.levels) {
    out += fmt::format("  {}: {}\n", level.target,
                       level.denied ? "denies" : (level.allowed ? "allows" : "allows nothing (implicit deny)"));
    for (const eval::PolicyTrace& p : level.policies) {
      out += fmt::format("    {}{}\n", p.name, p.denies ? ": denies" : (p.allows ? ": allows" : ""));
      for (const eval::StatementTrace& s : p.statements) {
        if (!s.applies && !verbose) continue;
        std::string name = s.sid.empty() ? fmt::format("statement {}", s.index + 1) : s.sid;
        if (where) name += where(s.origin);
        out += s.applies ? fmt::format("      {} {} applies\n", s.deny ? "Deny" : "Allow", name)
                         : fmt::format("      {} {} does not apply: {}\n", s.deny ? "Deny" : "Allow", name, s.reason);
      }
    }
  }
  return out;
}

}  // namespace rootpol::runner
