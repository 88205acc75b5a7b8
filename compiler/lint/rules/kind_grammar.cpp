// RP4018: what the kind of a policy does not accept. An RCP denies, for every principal
// (`"Principal": "*"`), listed actions; an identity policy names no principal. (A `Principal`
// in an SCP is the reader's RP4004.)
#include <fmt/format.h>

#include "lint/rule.h"
#include "sema/rcp_services.h"

namespace rootpol::lint {
namespace {

Span or_(Span span, Span fallback) { return span.valid() ? span : fallback; }

void report(LintContext& context, Span at, std::string message, std::string help) {
  context.sink.report(DiagCode::RP4018, at, std::move(message)).help = std::move(help);
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
  std::vector<std::size_t> ungoverned;  // actions of services RCPs do not govern
  for (std::size_t i = 0; i < s.actions.size() && !s.notAction; ++i) {
    const std::string& a = s.actions[i];
    std::string prefix = sema::servicePrefix(a);
    if (a != "*" && a.find(':') != std::string::npos && prefix.find_first_of("*?") == std::string::npos &&
        !sema::rcpServices().supports(prefix))
      ungoverned.push_back(i);
  }
  if (!ungoverned.empty()) {
    std::size_t i = ungoverned[0];
    std::string others = ungoverned.size() > 1 ? fmt::format(" (and {} more)", ungoverned.size() - 1) : "";
    report(context, i < s.actionSpans.size() && s.actionSpans[i].valid() ? s.actionSpans[i] : or_(s.actionSpan, s.origin),
           fmt::format("`{}`{} in an RCP: RCPs do not govern `{}`", s.actions[i], others, sema::servicePrefix(s.actions[i])),
           "RCPs only govern the services of stdlib/rcp_services.json (S3, STS, KMS, SQS, Secrets "
           "Manager, ...): deny these actions with an SCP, or remove them");
  }
  if (!s.principal) {
    report(context, s.origin, "a statement of an RCP without `\"Principal\": \"*\"`",
           "add `\"Principal\": \"*\"` and restrict principals with conditions");
  } else if (s.principal->notPrincipal) {
    report(context, or_(s.principal->span, s.origin), "`NotPrincipal` in an RCP",
           "write `\"Principal\": \"*\"` and exempt principals with a condition on "
           "`aws:PrincipalArn`");
  } else if (s.principal->json != "\"*\"") {
    report(context, or_(s.principal->span, s.origin),
           fmt::format("`Principal` {} in an RCP, which only takes \"*\"", s.principal->json),
           "write `\"Principal\": \"*\"` and restrict principals with conditions such as "
           "`aws:PrincipalOrgID` or `aws:PrincipalArn`");
  }
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
    "(stdlib/rcp_services.json: not `ec2:TerminateInstances`). An identity policy names no "
    "principal. Declare the "
    "kind of a file with `rootpol lint --kind` or the configuration's `kinds`, so that these are "
    "errors at the line instead of the file being read as another kind (RP4015).",
    check, nullptr};

}  // namespace rootpol::lint
