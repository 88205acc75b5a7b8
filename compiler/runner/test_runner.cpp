#include "runner/test_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "driver/compilation.h"
#include "org/model.h"

namespace rootpol::runner {
namespace {

constexpr const char* kDefaultAccount = "111122223333";

// The chain of levels for a request: the account's path from the root when the request names
// an account; the root alone when it does not (or, in a program that attaches nothing, one
// level holding every policy, as if all were attached to the account).
class ChainBuilder {
 public:
  explicit ChainBuilder(const driver::Compilation& compilation) : model_(compilation.organization()) {
    for (const driver::CompiledPolicy& p : compilation.policies()) documents_[p.name] = &p.document;
  }

  std::optional<std::vector<eval::Level>> chainFor(const ast::TestRequest& request, std::string& accountId,
                                                   DiagnosticSink& sink) const {
    accountId = kDefaultAccount;
    if (!request.account) return rootChain();
    std::optional<org::NodeIndex> node;
    for (org::NodeIndex i = 0; i < model_.nodes.size(); ++i) {
      const org::Node& n = model_.nodes[i];
      if (n.kind == org::Node::Kind::Account && n.name == *request.account) node = i;
    }
    if (!node) {
      sink.report(model_.declared ? DiagCode::RP3005 : DiagCode::RP3012, request.accountSpan,
                  model_.declared ? fmt::format("organization `{}` has no account `{}`", model_.name, *request.account)
                                  : std::string("`in account` needs an `organization` declaration"));
      return std::nullopt;
    }
    accountId = model_.nodes[*node].id.value_or(kDefaultAccount);
    std::vector<eval::Level> chain;
    for (org::NodeIndex at : model_.chain(*node)) chain.push_back(levelOf(at));
    return chain;
  }

 private:
  eval::Level levelOf(org::NodeIndex node) const {
    eval::Level level{model_.nodes[node].display(), {}};
    const org::Placement& p = model_.placements[node];
    if (p.fullAwsAccess) level.policies.push_back(eval::NamedPolicy{"FullAWSAccess", nullptr});
    for (const org::Attachment& a : p.attachments) {
      auto it = documents_.find(a.policy);
      // External SCPs' contents are unknown to the program; they are left out of the decision.
      if (!a.external && it != documents_.end()) level.policies.push_back(eval::NamedPolicy{a.policy, it->second});
    }
    return level;
  }

  std::vector<eval::Level> rootChain() const {
    bool attachesAnything = std::any_of(model_.placements.begin(), model_.placements.end(),
                                        [](const org::Placement& p) { return !p.attachments.empty(); });
    if (attachesAnything) return {levelOf(org::kRoot)};
    eval::Level level{"root", {eval::NamedPolicy{"FullAWSAccess", nullptr}}};
    for (const auto& [name, doc] : documents_) level.policies.push_back(eval::NamedPolicy{name, doc});
    return {level};
  }

  const org::Model& model_;
  std::map<std::string, const policy::Document*> documents_;
};

eval::Request toRequest(const ast::TestRequest& r, const std::string& accountId) {
  eval::Request out;
  out.principalArn = r.root ? fmt::format("arn:aws:iam::{}:root", accountId) : r.principal->text;
  out.action = r.action;
  out.resource = r.resource ? r.resource->text : "*";
  out.context.push_back({"aws:PrincipalArn", {out.principalArn}});
  out.context.push_back({"aws:PrincipalAccount", {accountId}});
  for (const ast::TestAssignment& a : r.context) {
    std::vector<std::string> values;
    for (const ast::Value& v : a.values) values.push_back(v.text);
    out.context.push_back({a.resolved.awsKey, values});
  }
  return out;
}

// The statement that decided: the first applying Deny for a deny, an applying Allow at the
// account's own level for an allow.
std::optional<std::pair<std::string, std::string>> decidingStatement(const eval::Evaluation& e) {
  bool deny = e.decision == eval::Decision::ExplicitDeny;
  for (auto level = e.levels.rbegin(); level != e.levels.rend(); ++level) {
    for (const eval::PolicyTrace& p : level->policies) {
      for (const eval::StatementTrace& s : p.statements) {
        if (s.applies && s.deny == deny) return std::make_pair(p.name, s.sid);
      }
    }
  }
  return std::nullopt;
}

std::string checkExpectation(const ast::TestExpect& expect, const eval::Evaluation& e) {
  bool allowed = e.decision == eval::Decision::Allow;
  bool wantAllow = expect.effect == ast::Effect::Allow;
  if (allowed != wantAllow) {
    return fmt::format("expected {}, got {}", wantAllow ? "allow" : "deny", eval::decisionName(e.decision));
  }
  if (!expect.policy) return {};
  auto decided = decidingStatement(e);
  if (!decided || decided->first != *expect.policy || (expect.sid && decided->second != expect.sid->text)) {
    return fmt::format("expected the decision by {}{}, got {}", *expect.policy,
                       expect.sid ? " statement " + expect.sid->text : "",
                       decided ? decided->first + " statement " + decided->second : "no statement (an implicit deny)");
  }
  return {};
}

}  // namespace

bool TestResult::passed() const {
  return std::all_of(cases.begin(), cases.end(), [](const CaseResult& c) { return c.ran && c.passed; });
}

std::vector<TestResult> runTests(const driver::Compilation& compilation, DiagnosticSink& sink) {
  ChainBuilder chains(compilation);
  std::vector<TestResult> results;
  for (const auto& module : compilation.modules()) {
    for (const ast::Test& test : module->tests) {
      TestResult result{&test, {}};
      for (const ast::TestCase& c : test.cases) {
        CaseResult r;
        r.testCase = &c;
        std::string accountId;
        if (auto chain = chains.chainFor(c.request, accountId, sink)) {
          r.ran = true;
          r.evaluation = eval::evaluate(*chain, toRequest(c.request, accountId), /*trace=*/true);
          r.failure = checkExpectation(c.expect, r.evaluation);
          r.passed = r.failure.empty();
        }
        result.cases.push_back(std::move(r));
      }
      results.push_back(std::move(result));
    }
  }
  return results;
}

std::string explain(const eval::Evaluation& e, bool verbose) {
  std::string out = fmt::format("decision: {}\n", eval::decisionName(e.decision));
  for (const eval::LevelTrace& level : e.levels) {
    out += fmt::format("  {}: {}\n", level.target,
                       level.denied ? "denies" : (level.allowed ? "allows" : "allows nothing (implicit deny)"));
    for (const eval::PolicyTrace& p : level.policies) {
      out += fmt::format("    {}{}\n", p.name, p.denies ? ": denies" : (p.allows ? ": allows" : ""));
      for (const eval::StatementTrace& s : p.statements) {
        if (!s.applies && !verbose) continue;
        std::string name = s.sid.empty() ? fmt::format("statement {}", s.index + 1) : s.sid;
        out += s.applies ? fmt::format("      {} {} applies\n", s.deny ? "Deny" : "Allow", name)
                         : fmt::format("      {} {} does not apply: {}\n", s.deny ? "Deny" : "Allow", name, s.reason);
      }
    }
  }
  return out;
}

}  // namespace rootpol::runner
