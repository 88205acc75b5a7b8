#include "sema/checker.h"

#include <fmt/format.h>

namespace rootpol::sema {

namespace {

// A long name shortened for a message; the caret already shows where it is.
std::string abbreviate(std::string_view name) {
  return name.size() <= 40 ? std::string(name) : std::string(name.substr(0, 37)) + "...";
}

}  // namespace

void checkProgram(const std::vector<ast::Module*>& modules, const KeyTable& keys, DiagnosticSink& sink) {
  checkProgram(modules, keys, catalog::Catalog::builtin(), sink);
}

void checkProgram(const std::vector<ast::Module*>& modules, const KeyTable& keys,
                  const catalog::Catalog& catalog, DiagnosticSink& sink) {
  Checker(keys, catalog, sink).run(modules);
}

void Checker::run(const std::vector<ast::Module*>& modules) {
  declare(modules);
  for (ast::Module* module : modules) {
    for (const ast::Let& let : module->lets) checkLet(let);
    for (ast::Policy& policy : module->policies) checkPolicy(policy);
    for (ast::Control& control : module->controls) checkControl(control);
    for (ast::Test& test : module->tests) checkTest(test);
    for (ast::Alert& alert : module->alerts) checkAlert(alert);
  }
}

// Declarations are order-independent and names are unique per kind across the program.
void Checker::declare(const std::vector<ast::Module*>& modules) {
  for (ast::Module* module : modules) {
    for (const ast::Let& let : module->lets) {
      auto [it, fresh] = lets_.emplace(let.name, &let);
      if (!fresh) {
        sink_.report(DiagCode::RP1002, let.nameSpan, fmt::format("`{}` is declared twice", let.name))
            .labels.push_back({it->second->nameSpan, "first declared here"});
      }
    }
    for (const ast::Policy& policy : module->policies) {
      auto [it, fresh] = policies_.emplace(policy.name, &policy);
      if (!fresh) {
        sink_.report(DiagCode::RP1002, policy.nameSpan, fmt::format("policy `{}` is declared twice", policy.name))
            .labels.push_back({it->second->nameSpan, "first declared here"});
      }
    }
  }
}

void Checker::checkLet(const ast::Let& let) {
  Expectation want;
  if (let.type) {
    auto scalar = ast::scalarFromName(let.type->name);
    if (!scalar) {
      sink_.report(DiagCode::RP1003, let.type->span, fmt::format("unknown type `{}`", let.type->name))
          .help = "the types are string, bool, int, cidr, arn, region, account, action, ou, date and lists `[T]`";
      return;
    }
    // Declared sets may hold patterns; each use re-checks the values for its own context.
    want = Expectation{*scalar, let.type->list, true};
  } else {
    // Untyped: the value's own kind; its literals are typed where the let is used.
    const ast::Expr* sample = &let.value;
    if (sample->kind == ast::Expr::Kind::List && !sample->items.empty()) sample = &sample->items.front();
    switch (sample->kind) {
      case ast::Expr::Kind::Int:
        want.scalar = ast::Scalar::Int;
        break;
      case ast::Expr::Kind::Bool:
        want.scalar = ast::Scalar::Bool;
        break;
      case ast::Expr::Kind::Action:
        want.scalar = ast::Scalar::Action;
        break;
      default:
        want.scalar = ast::Scalar::String;
    }
    want.allowList = true;
    want.pattern = true;
    if (sample->kind == ast::Expr::Kind::Name) return;  // checked where it is used
  }
  std::vector<ast::Value> ignored;
  resolving_.insert(let.name);
  resolveValues(let.value, want, ignored);
  resolving_.erase(let.name);
}

// AWS Organizations' CreatePolicy limits, which the policy name and description become in
// every output: a name AWS refuses fails only at deploy time otherwise.
void Checker::checkPolicyNames(const ast::Policy& policy) {
  constexpr std::size_t kMaxName = 128, kMaxDescription = 512;
  // The grammar's names (letters, digits, `_`, `-`) are within AWS's `[\w+=,.@-]`: only the
  // length can be wrong.
  if (policy.name.size() > kMaxName) {
    sink_.report(DiagCode::RP1025, policy.nameSpan,
                 fmt::format("policy name `{}` is {} characters; AWS accepts at most {}",
                             abbreviate(policy.name), policy.name.size(), kMaxName))
        .help = "a policy name is 1 to 128 letters, digits and `+=,.@_-`";
  }
  if (policy.description) {
    // Characters, not bytes: the limit counts Unicode characters.
    std::size_t chars = 0;
    for (unsigned char c : *policy.description) chars += (c & 0xC0) != 0x80;
    if (chars > kMaxDescription) {
      sink_.report(DiagCode::RP1026, policy.descriptionSpan,
                   fmt::format("the description of `{}` is {} characters; AWS accepts at most {}",
                               abbreviate(policy.name), chars, kMaxDescription))
          .help = "shorten it; a `//` comment above the policy can say more";
    }
  }
}

void Checker::checkPolicy(ast::Policy& policy) {
  checkPolicyNames(policy);
  for (ast::Rule& rule : policy.rules) checkRule(rule);
  if (policy.kind == ast::PolicyKind::Rcp) checkResourcePolicy(policy);
}

void Checker::checkRule(ast::Rule& rule) {
  if (resolveValues(rule.actions, {ast::Scalar::Action, true, true}, rule.resolvedActions) &&
      rule.resolvedActions.empty()) {
    sink_.report(DiagCode::RP1017, rule.actions.span, "the rule names no action")
        .help = "name at least one action, or `*`";
  }
  if (rule.resources) {
    // An empty set (also through a `let`) must not fall back to every resource.
    if (resolveValues(*rule.resources, {ast::Scalar::Arn, true, true}, rule.resolvedResources) &&
        rule.resolvedResources.empty()) {
      sink_.report(DiagCode::RP1017, rule.resources->span, "the rule names no resource")
          .help = "leave out `on` for every resource";
    }
  }
  if (rule.principals) {
    // An empty set (also through a `let`) must not fall back to every principal.
    if (resolveValues(*rule.principals, {ast::Scalar::Arn, true, true}, rule.resolvedPrincipals) &&
        rule.resolvedPrincipals.empty()) {
      sink_.report(DiagCode::RP1017, rule.principals->span, "the rule names no principal")
          .help = "leave out `for` for every principal";
    }
  }
  bool sawNetwork = false;
  for (ast::CondClause& clause : rule.clauses) checkCond(*clause.cond, sawNetwork);
  checkKeysApply(rule);
  checkPrincipals(rule);
  if (rule.strict && !sawNetwork) {
    sink_.report(DiagCode::RP1016, rule.strictSpan, "`strict` has no effect on this rule")
        .help = "`strict` only changes network conditions (source_ip, vpc_source_ip, source_vpc, source_vpce)";
  }
  if (rule.sid) {
    bool ok = !rule.sid->empty();
    for (char c : *rule.sid) ok = ok && std::isalnum(static_cast<unsigned char>(c));
    if (!ok) {
      sink_.report(DiagCode::RP1013, rule.sidSpan, fmt::format("`{}` is not a valid Sid", *rule.sid))
          .help = "a Sid has only ASCII letters and digits";
    }
  }
}

}  // namespace rootpol::sema
