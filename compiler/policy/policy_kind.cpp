#include "policy/policy_kind.h"

#include <fmt/format.h>

#include <algorithm>

namespace rootpol::policy {

PolicyKind classify(const std::vector<KindFacts>& facts) {
  if (facts.empty()) return PolicyKind::Scp;
  auto all = [&](auto pred) { return std::all_of(facts.begin(), facts.end(), pred); };
  auto any = [&](auto pred) { return std::any_of(facts.begin(), facts.end(), pred); };
  if (all([](const KindFacts& f) { return f.principal; })) {
    return all([](const KindFacts& f) { return f.deny && f.anyonePrincipal; }) ? PolicyKind::Rcp
                                                                               : PolicyKind::Other;
  }
  if (any([](const KindFacts& f) { return f.principal; })) return PolicyKind::Scp;
  if (all([](const KindFacts& f) { return f.allow; }) &&
      any([](const KindFacts& f) { return f.specificResource; })) {
    return PolicyKind::Other;
  }
  return PolicyKind::Scp;
}

void reportPrincipalInScp(Span key, std::string_view name, DiagnosticSink& sink) {
  Diagnostic& d = sink.report(DiagCode::RP4004, key, fmt::format("`{}` in an SCP", name));
  d.notes.push_back(
      "AWS rejects an SCP that names principals: it applies to every "
      "principal of the accounts it is attached to");
  d.help = fmt::format(
      "remove `{}`; to exempt principals, use a condition on "
      "`aws:PrincipalArn`",
      name);
}

}  // namespace rootpol::policy
