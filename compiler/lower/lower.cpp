#include "lower/lower.h"

#include <fmt/format.h>

#include <map>
#include <string_view>
#include <unordered_set>

#include "lower/condition_merge.h"
#include "lower/iam_operators.h"
#include "lower/normal_form.h"
#include "lower/raw_operator.h"
#include "lower/sid.h"

namespace rootpol::lower {
namespace {

// More statements than this from one rule is almost certainly a mistake (and would not fit
// the size quota anyway).
constexpr std::size_t kMaxStatementsPerRule = 64;

std::vector<std::string> uniqueTexts(const std::vector<ast::Value>& values) {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;  // a set: lists may be long
  for (const ast::Value& v : values) {
    if (seen.insert(v.text).second) out.push_back(v.text);
  }
  return out;
}

// The rule's whole condition as a disjunction: principals, then each clause in order.
std::optional<Disjunction> ruleCondition(const ast::Rule& rule, AtomPool& pool, DiagnosticSink& sink) {
  Disjunction acc{{}};  // true
  if (rule.forRoot) {
    Conjunction root{Literal{pool.principalLike({ast::Value{kRootPrincipalPattern, rule.principalSpan}}, rule.principalSpan), false}};
    // `for root credentials`: not an AssumeRoot session, i.e. aws:AssumedRoot absent (`Null` true),
    // AWS's own pattern for denying long-term root credentials only.
    if (rule.forRootCredentials) root.push_back(Literal{pool.assumedRoot(rule.principalSpan), true});
    acc = {std::move(root)};
  } else if (!rule.resolvedPrincipals.empty()) {
    acc = {{Literal{pool.principalLike(rule.resolvedPrincipals, rule.principalSpan), false}}};
  }
  Conjoiner product(std::move(acc), kMaxStatementsPerRule);
  for (const ast::CondClause& clause : rule.clauses) {
    NetworkGuard guard = rule.strict                         ? NetworkGuard::None
                         : rule.effect == ast::Effect::Deny ? NetworkGuard::AndNotVia
                                                            : NetworkGuard::OrVia;
    auto part = toDnf(*clause.cond, clause.unless, guard, pool, kMaxStatementsPerRule);
    if (!part || !product.add(*part)) {
      sink.report(DiagCode::RP2003, clause.span,
                  fmt::format("this condition expands to more than {} statements", kMaxStatementsPerRule))
          .help = "an `or` inside `and` multiplies statements; move common sets into `in [...]` lists";
      return std::nullopt;
    }
  }
  // Joined alternatives may make one conjunction contain another: simplify again.
  return simplify(mergeAlternatives(product.take(), pool));
}

// The conditions of one conjunction, merged into `block`: Added, or why not. nullopt when a raw
// operator under `not` has no negation (reported).
std::optional<MergeResult> addConditions(const Conjunction& conjunction, ConditionBlock& block, DiagnosticSink& sink) {
  for (const Literal& literal : conjunction) {
    std::optional<policy::ConditionEntry> entry =
        literal.atom->op == ast::CondOp::Raw ? rawConditionFor(literal, sink) : conditionFor(literal);
    if (!entry) return std::nullopt;
    MergeResult result = block.add(std::move(*entry));
    if (result != MergeResult::Added) return result;
  }
  return MergeResult::Added;
}

}  // namespace

policy::Document lowerPolicy(const ast::Policy& policy, DiagnosticSink& sink) {
  policy::Document doc;
  std::map<std::string, Span> sids;
  bool ruleFailed = false;  // an error was reported for a rule: no follow-on RP2005 / RP2007
  for (std::size_t index = 0; index < policy.rules.size(); ++index) {
    const ast::Rule& rule = policy.rules[index];
    AtomPool pool;
    auto dnf = ruleCondition(rule, pool, sink);
    if (!dnf) {
      ruleFailed = true;
      continue;
    }
    std::vector<policy::Statement> statements;
    bool inexpressible = false, unnegatable = false;
    for (const Conjunction& conjunction : *dnf) {
      policy::Statement s;
      s.deny = rule.effect == ast::Effect::Deny;
      // An RCP names every principal: whom it restricts is said by its conditions.
      if (policy.kind == ast::PolicyKind::Rcp) s.principal = policy::Principal{false, "\"*\"", rule.span};
      s.notAction = rule.actionsExcept;
      s.actions = uniqueTexts(rule.resolvedActions);
      s.notResource = rule.resourcesExcept;
      s.resources = rule.resolvedResources.empty() ? std::vector<std::string>{"*"} : uniqueTexts(rule.resolvedResources);
      s.origin = rule.span;
      s.effectSpan = rule.effectSpan;
      s.actionSpan = rule.actions.span;
      s.resourceSpan = rule.resources ? rule.resources->span : rule.span;
      ConditionBlock block;
      std::optional<MergeResult> merged = addConditions(conjunction, block, sink);
      if (!merged) {
        unnegatable = ruleFailed = true;
        break;
      }
      const MergeResult result = *merged;
      s.conditions = block.take();
      if (result == MergeResult::Inexpressible) {
        sink.report(DiagCode::RP2004, rule.span, "this rule tests one key with one operator more often than a statement can hold")
            .help = "combine the tests into one `in [...]` or split the rule";
        inexpressible = ruleFailed = true;
      }
      if (result == MergeResult::Added) statements.push_back(std::move(s));
    }
    if (unnegatable) continue;
    if (statements.empty()) {
      if (inexpressible) continue;
      sink.report(DiagCode::RP2005, rule.span, "this rule can never match, so it compiles to no statement")
          .help = "its conditions contradict each other";
      continue;
    }
    std::string base = rule.sid ? *rule.sid : fmt::format("{}{}", pascalCase(policy.name), index + 1);
    for (std::size_t part = 0; part < statements.size(); ++part) {
      statements[part].sid = statementSid(base, part + 1, statements.size());
      Span at = rule.sid ? rule.sidSpan : rule.span;
      statements[part].sidSpan = at;
      auto [it, fresh] = sids.emplace(statements[part].sid, at);
      if (!fresh) {
        sink.report(DiagCode::RP1012, at, fmt::format("Sid `{}` is used twice in policy `{}`", statements[part].sid, policy.name))
            .labels.push_back({it->second, "first used here"});
      }
      doc.statements.push_back(std::move(statements[part]));
    }
  }
  if (doc.statements.empty() && !ruleFailed) {
    sink.report(DiagCode::RP2007, policy.nameSpan, fmt::format("policy `{}` compiles to no statement", policy.name))
        .help = "AWS rejects an SCP without statements; add a rule or remove the policy";
  }
  return doc;
}

}  // namespace rootpol::lower
