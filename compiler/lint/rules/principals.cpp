// RP4037, RP4038: who a resource or trust policy's `Allow` names: every principal without a
// condition on who they are, or another kind of principal than the action takes.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lint/rule.h"
#include "policy/arn.h"
#include "policy/facts.h"

namespace rootpol::lint {
namespace {

Span or_(Span span, Span fallback) { return span.valid() ? span : fallback; }

// `*`, or an AWS principal ARN whose account is `*` (`arn:aws:iam::*:root`).
bool anyAwsPrincipal(const nlohmann::json& v) {
  if (!v.is_string()) return false;
  std::string text = v.get<std::string>();
  if (text == "*") return true;
  policy::ArnParts p;
  return policy::splitArn(text, p) && p[4] == "*";
}

// What of the principal reaches everyone: "" when nothing does.
std::string everyone(const nlohmann::json& principal) {
  if (principal.is_string()) return principal.get<std::string>() == "*" ? "\"*\"" : "";
  if (!principal.is_object() || !principal.contains("AWS")) return "";
  const nlohmann::json& aws = principal.at("AWS");
  if (aws.is_array()) {
    for (const auto& v : aws) {
      if (anyAwsPrincipal(v)) return fmt::format("\"AWS\": \"{}\"", v.get<std::string>());
    }
    return "";
  }
  return anyAwsPrincipal(aws) ? fmt::format("\"AWS\": \"{}\"", aws.get<std::string>()) : "";
}

nlohmann::json parsed(const policy::Principal& p) {
  return nlohmann::json::parse(p.json, nullptr, /*allow_exceptions=*/false);
}

// RP4037: `Allow` to every principal with no condition on who or where they are.
void checkPublic(const policy::Statement& s, LintContext& context) {
  if (s.deny || !s.principal || s.principal->notPrincipal) return;
  std::string who = everyone(parsed(*s.principal));
  if (who.empty()) return;
  for (const policy::ConditionEntry& e : s.conditions) {
    if (policy::keyIn(policy::policyFacts().principalNarrowingKeys, e.key)) return;
  }
  Diagnostic& d = context.sink.report(DiagCode::RP4037, or_(s.principal->span, s.origin),
                                      fmt::format("`Allow` to every principal ({}) with no condition on who they are", who));
  d.notes.push_back("anyone with an AWS account, or anonymous callers, can use it");
  d.help = "name the principals, or add a condition such as `aws:PrincipalOrgID`, `aws:SourceAccount` or "
           "`aws:SourceVpce`";
}

// RP4038: an action only a federated principal can be granted.
void checkFederated(const LintDocument& doc, const policy::Statement& s, LintContext& context) {
  bool identity = doc.declared == DeclaredKind::Identity || (doc.kind == LintDocument::Kind::Other && !s.principal);
  for (std::size_t i = 0; i < s.actions.size() && !s.notAction; ++i) {
    if (!policy::actionIn(policy::policyFacts().federatedActions, s.actions[i])) continue;
    if (s.principal && !s.principal->notPrincipal) {
      nlohmann::json p = parsed(*s.principal);
      if (p.is_object() && p.contains("Federated")) continue;
      Diagnostic& d = context.sink.report(
          DiagCode::RP4038, or_(s.principal->span, s.origin),
          fmt::format("`{}` is granted to a principal that is not `Federated`", s.actions[i]));
      d.notes.push_back("only a SAML or OIDC identity provider's users call it, so this statement never applies");
      d.help = "write `\"Principal\": {\"Federated\": \"arn:aws:iam::ACCOUNT:saml-provider/NAME\"}` (or the OIDC "
               "provider), or grant `sts:AssumeRole` to this principal";
    } else if (identity && !s.principal) {
      Span span = i < s.actionSpans.size() && s.actionSpans[i].valid() ? s.actionSpans[i] : or_(s.actionSpan, s.origin);
      Diagnostic& d = context.sink.report(DiagCode::RP4038, span,
                                          fmt::format("`{}` in an identity policy", s.actions[i]));
      d.notes.push_back("its caller has no AWS identity yet: only the role's trust policy decides it");
      d.help = "grant it in the trust policy of the role, to the `Federated` identity provider";
    }
  }
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json || doc.kind != LintDocument::Kind::Other) return;
  for (const policy::Statement& s : doc.statements()) {
    checkPublic(s, context);
    if (!s.deny) checkFederated(doc, s, context);
  }
}

}  // namespace

extern const LintRule kPublicPrincipal{
    DiagCode::RP4037,
    "A resource policy's `Allow` to `\"Principal\": \"*\"`, `{\"AWS\": \"*\"}` or an ARN with `*` "
    "as its account (`arn:aws:iam::*:root`) grants every AWS account, and for many services "
    "anonymous callers, unless a condition narrows who may use it: the caller's organization "
    "(`aws:PrincipalOrgID`), account or ARN, the calling service's source (`aws:SourceAccount`, "
    "`aws:SourceArn`), or the network (`aws:SourceVpce`, `aws:SourceIp`). The keys that narrow "
    "are data (stdlib/policy_facts.json).",
    check, nullptr};

extern const LintRule kFederatedActionPrincipal{
    DiagCode::RP4038,
    "`sts:AssumeRoleWithSAML` and `sts:AssumeRoleWithWebIdentity` are called by users of a SAML or "
    "OIDC identity provider, who have no AWS identity yet. A role's trust policy grants them to "
    "`\"Principal\": {\"Federated\": ...}`; granted to an `AWS` or `Service` principal they never "
    "apply, and an identity policy does not authorize them at all.",
    nullptr, nullptr};

}  // namespace rootpol::lint
