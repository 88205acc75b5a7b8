#include "runner/test_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "driver/compilation.h"
#include "org/model.h"
#include "runner/request_model.h"

namespace rootpol::runner {
namespace {

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
  OrganizationChains chains(compilation, json);
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
