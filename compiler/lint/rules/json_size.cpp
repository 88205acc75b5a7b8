// RP4008, RP4009: JSON policies over the size quota, minified and as written.
#include <fmt/format.h>

#include <algorithm>

#include "lint/rule.h"

namespace rootpol::lint {
namespace {

// IAM managed policies hold 6,144 characters, white space not counted (IAM User Guide, "IAM and
// AWS STS quotas"); inline policies of a role hold more, of a user less.
constexpr std::size_t kManagedPolicyQuota = 6144;

bool identityPolicy(const LintDocument& doc) {
  if (doc.declared == DeclaredKind::Identity) return true;
  return doc.declared == DeclaredKind::Auto && doc.kind == LintDocument::Kind::Other &&
         !doc.statements().empty() &&
         std::none_of(doc.statements().begin(), doc.statements().end(),
                      [](const policy::Statement& s) { return s.principal.has_value(); });
}

void checkIdentity(const LintDocument& doc, LintContext& context) {
  if (doc.bytesMinified <= kManagedPolicyQuota) return;
  Diagnostic& d = context.sink.report(
      DiagCode::RP4008, doc.span,
      fmt::format("this identity policy is {} characters even without white space, over the "
                  "managed-policy quota of {}",
                  doc.bytesMinified, kManagedPolicyQuota));
  d.notes.push_back("an inline policy of a role may hold 10,240 characters, of a user 2,048");
  d.help = "split it into several managed policies";
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json) return;
  if (identityPolicy(doc)) return checkIdentity(doc, context);
  if (doc.kind == LintDocument::Kind::Other) return;
  bool rcp = doc.kind == LintDocument::Kind::Rcp;
  std::size_t quota = rcp ? context.rcpMaxSize : context.scpMaxSize;
  const char* what = rcp ? "RCP" : "SCP";
  if (doc.bytesMinified > quota) {
    context.sink
        .report(DiagCode::RP4008, doc.span,
                fmt::format("this {} is {} bytes even minified, over the quota of {}", what,
                            doc.bytesMinified, quota))
        .help =
        "split it into several policies, or merge statements (rootpol does both from a .rootpol "
        "program)";
  } else if (doc.bytesAsWritten > quota) {
    context.sink
        .report(DiagCode::RP4009, doc.span,
                fmt::format(
                    "this {} is {} bytes as written, over the quota of {}; minified it is {} bytes",
                    what, doc.bytesAsWritten, quota, doc.bytesMinified))
        .help =
        "the API stores the text as sent: deploy the minified form (Terraform "
        "jsonencode(jsondecode(...)), "
        "or the console, which strips whitespace)";
  }
}

}  // namespace

extern const LintRule kJsonTooLarge{
    DiagCode::RP4008,
    "AWS Organizations limits an SCP's size (10,240 characters since 2026-05-15, 5,120 before; "
    "RCPs "
    "5,120; see `stdlib/limits.json` and `--limits`). This policy is over the limit even with "
    "every "
    "insignificant space removed, so AWS rejects it however it is deployed. An identity policy "
    "(declared, or read as one) is held to IAM's managed-policy quota of 6,144 characters, white "
    "space not counted.",
    check, nullptr};

extern const LintRule kJsonTooLargeAsWritten{
    DiagCode::RP4009,
    "Through the API, SDKs, Terraform and CloudFormation the policy text is stored exactly as sent "
    "and "
    "every space counts; only the console strips whitespace. This policy fits the quota only when "
    "minified, so deploying the file as written fails late, at apply time.",
    nullptr, nullptr};

}  // namespace rootpol::lint
