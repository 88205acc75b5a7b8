// RP4018: what the kind of a policy does not accept. An RCP denies, for every principal
// (`"Principal": "*"`), listed actions; an identity policy names no principal. (A `Principal`
// in an SCP is the reader's RP4004.)
#include <fmt/format.h>

#include "base/text.h"
#include "lint/rule.h"
#include "sema/rcp_services.h"

namespace rootpol::lint {
namespace {

Span or_(Span span, Span fallback) { return span.valid() ? span : fallback; }

void report(LintContext& context, Span at, std::string message, std::string help) {
  context.sink.report(DiagCode::RP4018, at, std::move(message)).help = std::move(help);
}

Span firstByte(Span span) { return span.valid() ? Span{span.file, span.begin, span.begin + 1} : span; }

// An RCP names every principal, `"Principal": "*"`, and narrows them with conditions. Each
// principal it names instead is reported at its own value (a `Principal` object may spread
// over several lines); `{"AWS": "*"}` alone is reported once, at its value.
void checkRcpPrincipal(const policy::Statement& s, LintContext& context) {
  const char* narrow =
      "write `\"Principal\": \"*\"` and restrict principals with conditions such as "
      "`aws:PrincipalOrgID` or `aws:PrincipalArn`";
  if (!s.principal) {
    report(context, firstByte(s.origin), "a statement of an RCP without `\"Principal\": \"*\"`",
           "add `\"Principal\": \"*\"` and restrict principals with conditions");
    return;
  }
  const policy::Principal& p = *s.principal;
  if (p.notPrincipal) {
    report(context, or_(p.span, s.origin), "`NotPrincipal` in an RCP",
           "write `\"Principal\": \"*\"` and exempt principals with a condition on "
           "`aws:PrincipalArn`");
    return;
  }
  if (p.json == "\"*\"") return;
  bool reported = false;
  for (const policy::PrincipalValue& v : p.values) {
    if (v.text == "*" || !v.span.valid()) continue;
    std::string what = v.type.empty() ? fmt::format("`\"{}\"`", v.text)
                                      : fmt::format("`\"{}\": \"{}\"`", v.type, v.text);
    report(context, v.span, fmt::format("`Principal` names {} in an RCP, which only takes \"*\"", what), narrow);
    reported = true;
  }
  // Only `*`s, but not as the string `"*"` (`{"AWS": "*"}`). No string at all is the reader's
  // finding (an empty object, a number).
  if (reported || p.values.empty()) return;
  report(context, or_(p.values.front().span, or_(p.span, s.origin)),
         fmt::format("`Principal` {} in an RCP, which only takes \"*\"", p.json), narrow);
}

void checkRcpStatement(const policy::Statement& s, LintContext& context) {
  if (!s.deny) {
    report(context, or_(s.effectSpan, s.origin), "`Allow` in an RCP",
           "an RCP only denies: `Allow` is reserved to RCPFullAWSAccess, which AWS attaches "
           "itself; write `\"Effect\": \"Deny\"`");
  }
  if (s.notAction) {
    report(context, or_(s.actionSpan, s.origin), "`NotAction` in an RCP",
           "RCPs take `Action` only: list the actions to deny");
  }
  // Each action of a service RCPs do not govern, at its own line: they are removed one by one.
  for (std::size_t i = 0; i < s.actions.size() && !s.notAction; ++i) {
    const std::string& a = s.actions[i];
    std::string prefix = sema::servicePrefix(a);
    if (a == "*" || a.find(':') == std::string::npos || hasWildcard(prefix) ||
        sema::rcpServices().supports(prefix))
      continue;
    report(context, i < s.actionSpans.size() && s.actionSpans[i].valid() ? s.actionSpans[i] : or_(s.actionSpan, s.origin),
           fmt::format("`{}` in an RCP: RCPs do not govern `{}`", a, prefix),
           "RCPs only govern the services of stdlib/rcp_services.json (S3, STS, KMS, SQS, Secrets "
           "Manager, ...): deny this action with an SCP, or remove it");
  }
  checkRcpPrincipal(s, context);
}

// RP4017 for a statement with neither `Resource` nor `NotResource`: SCPs, RCPs and identity
// policies require one (the hub reads its absence as every resource, as IAM would evaluate it).
void checkResourcePresent(const LintDocument& doc, LintContext& context) {
  bool required = doc.kind != LintDocument::Kind::Other || doc.declared == DeclaredKind::Identity;
  if (!required) return;
  for (const policy::Statement& s : doc.statements()) {
    if (s.notResource || !s.resources.empty() || s.resourceSpan.valid() || !s.origin.valid()) continue;
    Span at{s.origin.file, s.origin.begin, s.origin.begin + 1};
    context.sink.report(DiagCode::RP4017, at, "the statement has neither `Resource` nor `NotResource`")
        .help = "add `\"Resource\": \"*\"`, or the ARNs the statement is about";
  }
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json) return;
  checkResourcePresent(doc, context);
  if (doc.kind == LintDocument::Kind::Rcp) {
    for (const policy::Statement& s : doc.statements()) checkRcpStatement(s, context);
    return;
  }
  if (doc.declared != DeclaredKind::Identity) return;
  for (const policy::Statement& s : doc.statements()) {
    if (!s.principal) continue;
    report(context, or_(s.principal->span, s.origin),
           fmt::format("`{}` in an identity policy", s.principal->notPrincipal ? "NotPrincipal" : "Principal"),
           "an identity policy applies to the user or role it is attached to: remove it");
  }
}

}  // namespace

extern const LintRule kKindGrammar{
    DiagCode::RP4018,
    "Each kind of policy has its own grammar, and AWS rejects a policy that breaks it when it is "
    "attached. A resource control policy (RCP) has `Deny` statements only (the `Allow` of "
    "RCPFullAWSAccess is AWS's own), with `\"Principal\": \"*\"` (principals are narrowed with "
    "conditions), `Action` and not `NotAction`, and actions of the services RCPs govern only "
    "(stdlib/rcp_services.json: not `ec2:TerminateInstances`). Each principal other than `*` "
    "and each action of another service is reported at its own value, also when a `Principal` "
    "object or an `Action` array spreads over several lines. An identity policy names no "
    "principal. Declare the "
    "kind of a file with `rootpol lint --kind` or the configuration's `kinds`, so that these are "
    "errors at the line instead of the file being read as another kind (RP4015).",
    check, nullptr};

}  // namespace rootpol::lint
