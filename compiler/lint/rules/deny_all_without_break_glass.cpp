// RP4103: `Deny *` for everyone, with no principal it spares.
#include "lint/rule.h"
#include "lint/rules/facts.h"

namespace rootpol::lint {
namespace {

// Keys that name who is asking: a condition on one of them scopes the deny to some
// principals or spares some, either of which leaves a way back in.
constexpr std::string_view kPrincipalKeys[] = {"aws:PrincipalArn",
                                               "aws:userid",
                                               "aws:username",
                                               "aws:PrincipalAccount",
                                               "aws:PrincipalIsAWSService",
                                               "aws:PrincipalServiceName",
                                               "aws:PrincipalType"};

bool namesPrincipals(const policy::Statement& s) {
  for (std::string_view key : kPrincipalKeys) {
    if (facts::hasConditionOn(s, key)) return true;
  }
  return facts::hasConditionWithPrefix(s, "aws:PrincipalTag/");
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.kind != LintDocument::Kind::Scp) return;
  for (const policy::Statement& s : doc.statements()) {
    if (!s.deny || !facts::allActions(s) || namesPrincipals(s)) continue;
    context.sink
        .report(
            DiagCode::RP4103, s.origin,
            "this statement denies every action to every principal, with no break-glass exception")
        .help =
        "spare an emergency role, e.g. `unless principal like "
        "[\"arn:aws:iam::*:role/BreakGlass\"]` "
        "(an ArnNotLike on aws:PrincipalArn)";
  }
}

}  // namespace

extern const LintRule kDenyAllWithoutBreakGlass{
    DiagCode::RP4103,
    "A `Deny` of `*` that tests no principal key (aws:PrincipalArn, aws:PrincipalTag/..., "
    "aws:userid, ...) applies to every role and user of every account below the target, including "
    "the roles you would use to repair it. SCPs cannot be bypassed from inside an account, so a "
    "mistake in its other conditions locks everyone out until the management account detaches it. "
    "The root-account practices this tool grew from keep a break-glass role outside every deny.",
    check, nullptr};

}  // namespace rootpol::lint
