// The reference interpreter. This comment is the contract it implements; it restates the
// language's meaning (LANGUAGE.md section 4) in terms of the checked AST, independently of
// the IAM lowering, so that the two can be compared.
//
// Inputs filled by sema: Rule::resolvedActions (action patterns, possibly `*`),
// resolvedResources (ARN patterns; empty means every resource), resolvedPrincipals (ARN
// patterns of `for [...]`); for atoms Cond::resolved (AWS key, type, network flag,
// alwaysPresent) and Cond::values (the right-hand side flattened to text). Negated
// spellings (`not in`, `!=`, `not like`, `missing`) arrive as Not(atom).
//
// A rule matches a request when all of these hold:
// - action: it glob-matches (`*`, `?`, case-insensitive) one of resolvedActions; with
//   actionsExcept it matches none of them.
// - resource: resolvedResources is empty, or the resource matches one of the patterns
//   (none of them with resourcesExcept). Matching is IAM ArnLike (see glob.h). A request
//   resource of "*" (the wildcard-resource form of a request) matches only the pattern "*",
//   so a rule on specific ARNs does not apply to it and an `on all except [...]` rule does.
// - principal: `for root` means request.principalArn is `arn:<partition>:iam::<12
//   digits>:root`; resolvedPrincipals means it ArnLike-matches one of the patterns.
//   Both read request.principalArn, not the context. `for root credentials` (forRootCredentials,
//   with forRoot) also needs the request not to be an AssumeRoot session: aws:AssumedRoot is
//   absent from the context (an empty list counts as absent), whatever its value.
// - every clause: `when C` needs C true, `unless C` needs C false.
//
// Conditions: And/Or/Not are boolean (Not is plain negation, also for absent keys: the
// lowering has to make IAM agree). An atom on key K, with request values V:
// - K absent (not in the context, or an empty list): every positive atom is false, Exists
//   too. Context keys are looked up case-insensitively, as IAM does.
// - string, region, account, ou, action: In/Eq compare exactly (case-sensitive); Like is a
//   case-sensitive glob.
// - arn: In/Eq compare exactly; Like is ArnLike.
// - cidr: In/Eq hold when the request address lies inside one of the blocks (v4 or v6).
// - bool: IsTrue holds when V is "true" in any case; Eq compares case-insensitively.
// - int: Eq/Lt/Le/Gt/Ge compare numerically; date: the same on instants (glob.h formats).
//   A request value that does not parse matches nothing.
// - single-valued keys read V[0]; multi-valued keys (type.list) hold when SOME value of V
//   satisfies the atom.
// - Exists holds when K is present.
// - network keys (source_ip, vpc_source_ip, source_vpc, source_vpce), unless the rule is
//   `strict`: calls that AWS services make for the principal carry no caller network, and a
//   network test must never be what denies them or keeps them from an allow. So every
//   network literal, as it stands after `not` is pushed down to the atoms (`unless C` being
//   `when not C`), is read as (L and not via) in a deny rule and as (L or via) in an allow
//   rule, where via = aws:ViaAWSService is present and "true". For `deny ... unless
//   source_ip in X` this is the spec's (A or via) under the `not`; for `deny ... when
//   source_ip in X` it keeps the deny off service calls instead of extending it to all of
//   them. It applies to every operator, Exists included. See docs/lowering.md.
//
// evaluate(): an explicit deny when some deny rule matches (the first one is reported), else
// allow when some allow rule matches (the first), else an implicit deny.
#include "interp/interp.h"

#include <algorithm>

#include "interp/glob.h"

namespace rootpol::interp {
namespace {

using ast::CondOp;
using ast::Scalar;

constexpr std::string_view kViaAwsService = "aws:ViaAWSService";
constexpr std::string_view kAssumedRoot = "aws:AssumedRoot";

const std::vector<std::string>* lookup(const Request& request, std::string_view key) {
  auto exact = request.context.find(std::string(key));
  if (exact != request.context.end()) return &exact->second;
  for (const auto& [name, values] : request.context) {
    if (equalsIgnoreCase(name, key)) return &values;
  }
  return nullptr;
}

bool viaAwsService(const Request& request) {
  const auto* values = lookup(request, kViaAwsService);
  return values && !values->empty() && equalsIgnoreCase(values->front(), "true");
}

// One ordering for numbers and instants alike.
template <typename T>
bool compare(CondOp op, const T& actual, const T& bound) {
  switch (op) {
    case CondOp::Lt:
      return actual < bound;
    case CondOp::Le:
      return actual <= bound;
    case CondOp::Gt:
      return actual > bound;
    case CondOp::Ge:
      return actual >= bound;
    default:
      return actual == bound;
  }
}

// Eq and the orderings on int and date keys (Eq on other types is handled by equalTo).
bool ordered(Scalar scalar, CondOp op, std::string_view actual, std::string_view bound) {
  if (scalar == Scalar::Date) {
    auto a = parseInstant(actual);
    auto b = parseInstant(bound);
    return a && b && compare(op, *a, *b);
  }
  auto a = parseNumber(actual);
  auto b = parseNumber(bound);
  return a && b && compare(op, *a, *b);
}

bool equalTo(Scalar scalar, std::string_view actual, std::string_view expected) {
  switch (scalar) {
    case Scalar::Bool:
      return equalsIgnoreCase(actual, expected);
    case Scalar::Int:
    case Scalar::Date:
      return ordered(scalar, CondOp::Eq, actual, expected);
    case Scalar::Cidr:
      return cidrContains(expected, actual);
    default:
      return actual == expected;
  }
}

bool likeMatches(Scalar scalar, std::string_view actual, std::string_view pattern) {
  return scalar == Scalar::Arn ? arnLike(pattern, actual) : globMatch(pattern, actual);
}

// One request value against the atom's operator and right-hand side (values are ORed).
bool valueSatisfies(const ast::Cond& atom, std::string_view actual) {
  const Scalar scalar = atom.resolved.type.scalar;
  auto any = [&](auto&& test) {
    return std::any_of(atom.values.begin(), atom.values.end(),
                       [&](const ast::Value& v) { return test(std::string_view(v.text)); });
  };
  switch (atom.op) {
    case CondOp::Exists:
      return true;
    case CondOp::IsTrue:
      return equalsIgnoreCase(actual, "true");
    case CondOp::In:
    case CondOp::Eq:
      return any([&](std::string_view v) { return equalTo(scalar, actual, v); });
    case CondOp::Like:
      return any([&](std::string_view v) { return likeMatches(scalar, actual, v); });
    case CondOp::Lt:
    case CondOp::Le:
    case CondOp::Gt:
    case CondOp::Ge:
      return any([&](std::string_view v) { return ordered(scalar, atom.op, actual, v); });
    case CondOp::Raw:
      // A raw IAM operator (`k "StringEqualsIfExists" v`) has IAM's meaning, which only the
      // evaluator (compiler/eval/) implements; the interpreter does not decide it.
      return false;
  }
  return false;
}

// The atom without its network guard.
bool positiveAtom(const ast::Cond& atom, const Request& request) {
  const auto* values = lookup(request, atom.resolved.awsKey);
  if (values == nullptr || values->empty()) return false;
  if (!atom.resolved.type.list) return valueSatisfies(atom, values->front());
  return std::any_of(values->begin(), values->end(),
                     [&](const std::string& v) { return valueSatisfies(atom, v); });
}

// Whether `cond` (negated when `negated`) holds. Negation is carried down to the atoms
// (De Morgan) so that each network literal knows its polarity for the guard.
bool condHolds(const ast::Cond& cond, const Request& request, const ast::Rule& rule, bool negated) {
  auto holds = [&](const auto& child) { return condHolds(*child, request, rule, negated); };
  switch (cond.kind) {
    case ast::Cond::Kind::And:
    case ast::Cond::Kind::Or: {
      bool conjunctive = (cond.kind == ast::Cond::Kind::And) != negated;
      return conjunctive ? std::all_of(cond.children.begin(), cond.children.end(), holds)
                         : std::any_of(cond.children.begin(), cond.children.end(), holds);
    }
    case ast::Cond::Kind::Not:
      return condHolds(*cond.children.front(), request, rule, !negated);
    case ast::Cond::Kind::Atom:
      break;
  }
  bool literal = positiveAtom(cond, request) != negated;
  if (!cond.resolved.network || rule.strict) return literal;
  bool via = viaAwsService(request);
  return rule.effect == ast::Effect::Deny ? literal && !via : literal || via;
}

bool anyPattern(const std::vector<ast::Value>& patterns, auto&& matches) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const ast::Value& p) { return matches(std::string_view(p.text)); });
}

bool actionMatches(const ast::Rule& rule, std::string_view action) {
  bool named = anyPattern(rule.resolvedActions,
                          [&](std::string_view p) { return globMatch(p, action, true); });
  return named != rule.actionsExcept;
}

bool resourceMatches(const ast::Rule& rule, std::string_view resource) {
  if (rule.resolvedResources.empty()) return true;
  bool named = anyPattern(rule.resolvedResources, [&](std::string_view p) {
    return resource == "*" ? p == "*" : arnLike(p, resource);
  });
  return named != rule.resourcesExcept;
}

bool principalMatches(const ast::Rule& rule, const Request& request) {
  std::string_view principal = request.principalArn;
  if (rule.forRoot && !isAccountRootArn(principal)) return false;
  if (rule.forRootCredentials) {
    const auto* session = lookup(request, kAssumedRoot);
    if (session != nullptr && !session->empty()) return false;
  }
  if (rule.resolvedPrincipals.empty()) return true;
  return anyPattern(rule.resolvedPrincipals,
                    [&](std::string_view p) { return arnLike(p, principal); });
}

std::optional<std::size_t> firstMatch(const ast::Policy& policy, ast::Effect effect,
                                      const Request& request) {
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const ast::Rule& rule = policy.rules[i];
    if (rule.effect == effect && ruleMatches(rule, request)) return i;
  }
  return std::nullopt;
}

}  // namespace

bool ruleMatches(const ast::Rule& rule, const Request& request) {
  if (!actionMatches(rule, request.action)) return false;
  if (!resourceMatches(rule, request.resource)) return false;
  if (!principalMatches(rule, request)) return false;
  for (const ast::CondClause& clause : rule.clauses) {
    if (!clause.cond) continue;
    if (!condHolds(*clause.cond, request, rule, clause.unless)) return false;
  }
  return true;
}

Outcome evaluate(const ast::Policy& policy, const Request& request) {
  if (auto deny = firstMatch(policy, ast::Effect::Deny, request)) {
    return {Decision::ExplicitDeny, deny};
  }
  if (auto allow = firstMatch(policy, ast::Effect::Allow, request)) {
    return {Decision::Allow, allow};
  }
  return {Decision::ImplicitDeny, std::nullopt};
}

std::string_view decisionName(Decision decision) {
  switch (decision) {
    case Decision::ExplicitDeny:
      return "explicit_deny";
    case Decision::Allow:
      return "allow";
    case Decision::ImplicitDeny:
      return "implicit_deny";
  }
  return "implicit_deny";
}

}  // namespace rootpol::interp
