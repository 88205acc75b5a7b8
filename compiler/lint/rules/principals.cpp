// RP4037, RP4038: who a resource or trust policy's `Allow` names: every principal without a
// condition on who they are, or another kind of principal than the action takes.
#include <fmt/format.h>

#include <algorithm>

#include "lint/rule.h"
#include "policy/arn.h"
#include "policy/facts.h"

namespace rootpol::lint {
namespace {

Span or_(Span span, Span fallback) { return span.valid() ? span : fallback; }

// `*`, or an AWS principal ARN whose account is `*` (`arn:aws:iam::*:root`).
bool anyAwsPrincipal(std::string_view text) {
  if (text == "*") return true;
  policy::ArnParts p;
  return policy::splitArn(text, p) && p[4] == "*";
}

// The principal that reaches everyone (`"*"`, `"AWS": "*"`, `"AWS": "arn:aws:iam::*:root"`),
// or nullptr.
const policy::PrincipalValue* everyone(const policy::Principal& principal) {
  for (const policy::PrincipalValue& v : principal.values) {
    if (v.type.empty() ? v.text == "*" : v.type == "AWS" && anyAwsPrincipal(v.text)) return &v;
  }
  return nullptr;
}

// RP4037: `Allow` to every principal with no condition on who or where they are, reported at
// the principal that reaches everyone.
void checkPublic(const policy::Statement& s, LintContext& context) {
  if (s.deny || !s.principal || s.principal->notPrincipal) return;
  const policy::PrincipalValue* who = everyone(*s.principal);
  if (who == nullptr) return;
  for (const policy::ConditionEntry& e : s.conditions) {
    if (policy::keyIn(policy::policyFacts().principalNarrowingKeys, e.key)) return;
  }
  std::string what = who->type.empty() ? "\"*\"" : fmt::format("\"{}\": \"{}\"", who->type, who->text);
  Diagnostic& d = context.sink.report(DiagCode::RP4037, or_(who->span, or_(s.principal->span, s.origin)),
                                      fmt::format("`Allow` to every principal ({}) with no condition on who they are", what));
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
      const std::vector<policy::PrincipalValue>& values = s.principal->values;
      auto other = std::find_if(values.begin(), values.end(),
                                [](const policy::PrincipalValue& v) { return v.type != "Federated"; });
      bool federated = std::any_of(values.begin(), values.end(),
                                   [](const policy::PrincipalValue& v) { return v.type == "Federated"; });
      if (federated) continue;
      Span at = other != values.end() && other->span.valid() ? other->span : or_(s.principal->span, s.origin);
      Diagnostic& d = context.sink.report(
          DiagCode::RP4038, at,
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
