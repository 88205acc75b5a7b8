// RP4107: Region denies that also cut the services that only live in one Region.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lint/rule.h"
#include "lint/rules/facts.h"

namespace rootpol::lint {
namespace {

// Global services whose calls are made in us-east-1 (or carry no Region): a Region deny that
// does not exempt them breaks IAM, Organizations, STS and support everywhere (AWS's
// region-deny example, stdlib/regions.rootpol). Each as an action of the service, the name no
// statement lists, so only a pattern covers it: written out once instead of per statement.
constexpr std::string_view kCoreGlobalServiceActions[] = {
    "iam:AnyAction",     "organizations:AnyAction", "sts:AnyAction",
    "support:AnyAction", "route53:AnyAction",       "cloudfront:AnyAction"};

bool isRegionDeny(const policy::Statement& s) {
  return s.deny && facts::hasConditionOn(s, "aws:RequestedRegion");
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.kind != LintDocument::Kind::Scp) return;
  for (const policy::Statement& s : doc.statements()) {
    if (!isRegionDeny(s)) continue;
    std::vector<std::string_view> missing;
    for (std::string_view action : kCoreGlobalServiceActions) {
      if (facts::appliesToAction(s, action)) missing.push_back(action.substr(0, action.find(':')));
    }
    if (missing.empty()) continue;
    context.sink
        .report(DiagCode::RP4107, s.origin,
                fmt::format("this Region deny does not exempt the global services {}",
                            fmt::join(missing, ", ")))
        .help =
        "use `deny all except global_services unless region in [...]` with `import "
        "\"stdlib/regions.rootpol\"`, "
        "or list them in NotAction";
  }
}

}  // namespace

extern const LintRule kRegionDenyWithoutGlobalServices{
    DiagCode::RP4107,
    "Global services such as IAM, Organizations, STS, Support, Route 53 and CloudFront receive "
    "their "
    "requests in us-east-1 whatever Region the caller works in. A deny on aws:RequestedRegion that "
    "does not exempt them (with `NotAction`) breaks sign-in, role assumption and DNS in every "
    "account it covers. `stdlib/regions.rootpol` has AWS's published list as `global_services`.",
    check, nullptr};

}  // namespace rootpol::lint
