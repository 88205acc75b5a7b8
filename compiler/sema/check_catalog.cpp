// Names checked against the AWS catalog: service prefixes, actions, action patterns and raw
// condition keys, with "did you mean" help taken from the catalog itself.
#include <fmt/format.h>

#include <functional>

#include "base/text.h"
#include "policy/catalog_facts.h"
#include "sema/checker.h"
#include "sema/suggest.h"

namespace rootpol::sema {
namespace {


std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

}  // namespace

std::optional<std::string> Checker::checkActionInCatalog(const std::string& pattern, Span span, bool quoted) {
  // A quoted action the catalog does not know is kept as written, with warning RP1050: the
  // escape hatch for actions newer than the catalog (and for `rootpol import`).
  auto unknown = [&](DiagCode code, std::string message) -> Diagnostic& {
    Diagnostic& d = sink_.report(quoted ? DiagCode::RP1050 : code, span, std::move(message));
    if (quoted) d.notes.push_back("it is quoted, so it is kept as written");
    return d;
  };
  const std::optional<std::string> kept = quoted ? std::optional(pattern) : std::nullopt;
  if (pattern == "*") return pattern;
  std::size_t colon = pattern.find(':');
  std::string_view prefix = std::string_view(pattern).substr(0, colon);
  std::string_view name = std::string_view(pattern).substr(colon + 1);
  if (!hasWildcard(prefix) && !catalog_.service(prefix)) {
    Diagnostic& d = unknown(DiagCode::RP1020, fmt::format("unknown service prefix `{}`", prefix));
    if (auto best = closestMatch(prefix, strings(catalog_.servicePrefixes()))) {
      d.help = fmt::format("did you mean `{}:{}`?", *best, name);
    }
    return kept;
  }
  if (hasWildcard(pattern)) {
    if (catalog_.anyActionMatches(pattern)) {
      if (hasWildcard(prefix)) return pattern;
      return std::string(catalog_.service(prefix)->prefix) + std::string(pattern.substr(colon));
    }
    Diagnostic& d = unknown(DiagCode::RP1022, fmt::format("`{}` matches no action", pattern));
    d.help = fmt::format("`rootpol catalog actions '{}:*'` lists the service's actions", prefix);
    return kept;
  }
  if (auto ref = catalog_.findAction(pattern)) return ref->fullName();
  Diagnostic& d = unknown(DiagCode::RP1021, fmt::format("unknown action `{}`", pattern));
  if (auto best = closestMatch(name, strings(catalog_.actionNames(prefix)))) {
    d.help = fmt::format("did you mean `{}:{}`?", catalog_.service(prefix)->prefix, *best);
    return kept;
  }
  // The right action under another, similar service prefix (`ec2:GetObject` for `s3:...`).
  std::vector<std::string> owners;
  for (std::string_view other : catalog_.servicePrefixes()) {
    if (auto ref = catalog_.findAction(other, name)) owners.push_back(ref->fullName());
  }
  if (auto best = closestMatch(pattern, owners)) {
    d.help = fmt::format("did you mean `{}`?", *best);
  } else if (owners.size() == 1) {
    d.help = fmt::format("`{}` exists", owners.front());
  }
  return kept;
}

bool Checker::resolveCatalogKey(const ast::KeyRef& key, ast::ResolvedKey& resolved) {
  auto entry = catalog_.conditionKey(key.name);
  std::optional<ast::Type> type = entry ? catalogKeyType(entry->type) : std::nullopt;
  if (entry && !type) {
    sink_.report(DiagCode::RP1011, key.span, fmt::format("`{}` is a binary key, which conditions cannot test yet", key.name));
    return false;
  }
  if (!entry) {
    Diagnostic& d = sink_.report(DiagCode::RP1010, key.span, fmt::format("unknown condition key `{}`", key.name));
    std::size_t colon = key.name.find(':');
    std::vector<std::string> names;
    for (const auto& k : catalog_.globalKeys()) names.emplace_back(k.name);
    if (colon != std::string::npos) {
      for (const auto& k : catalog_.serviceKeys(key.name.substr(0, colon))) names.emplace_back(k.name);
    }
    if (auto best = closestMatch(key.name, names)) d.help = fmt::format("did you mean `{}`?", *best);
    return false;
  }
  // The catalog's spelling, except for templates, whose variable part is the user's.
  std::string awsKey = entry->templated ? key.name : std::string(entry->name);
  resolved = ast::ResolvedKey{awsKey, *type, false, false};
  return true;
}

// The test is the hub's (policy/catalog_facts.h), which lint runs on JSON statements as well.
void Checker::checkKeysApply(const ast::Rule& rule) {
  if (rule.actionsExcept || rule.resolvedActions.empty()) return;
  std::vector<std::string> actions;
  for (const ast::Value& action : rule.resolvedActions) actions.push_back(action.text);
  std::function<void(const ast::Cond&)> visit = [&](const ast::Cond& cond) {
    for (const auto& child : cond.children) visit(*child);
    if (cond.kind != ast::Cond::Kind::Atom || cond.key.kind != ast::KeyRef::Kind::Raw) return;
    if (policy::someActionCarriesKey(catalog_, actions, cond.resolved.awsKey)) return;
    Diagnostic& d = sink_.report(DiagCode::RP1023, cond.key.span,
                                 fmt::format("no action of this rule has `{}` in its request", cond.resolved.awsKey));
    d.notes.push_back("so a test of the key is always false here, and its negation (`not`, `unless`, `!=`, "
                      "`not in`) always true: the rule never matches, or matches every request");
    d.help = fmt::format("`rootpol catalog key {}` lists the actions that have it", cond.resolved.awsKey);
  };
  for (const ast::CondClause& clause : rule.clauses) visit(*clause.cond);
}

}  // namespace rootpol::sema
