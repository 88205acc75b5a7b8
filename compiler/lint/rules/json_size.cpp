// RP4008, RP4009: JSON policies over the size quota, minified and as written.
#include <fmt/format.h>

#include "lint/rule.h"

namespace rootpol::lint {
namespace {

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json || doc.kind == LintDocument::Kind::Other) return;
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
    "insignificant space removed, so AWS rejects it however it is deployed.",
    check, nullptr};

extern const LintRule kJsonTooLargeAsWritten{
    DiagCode::RP4009,
    "Through the API, SDKs, Terraform and CloudFormation the policy text is stored exactly as sent "
    "and "
    "every space counts; only the console strips whitespace. This policy fits the quota only when "
    "minified, so deploying the file as written fails late, at apply time.",
    nullptr, nullptr};

}  // namespace rootpol::lint
