// RP4106: nothing in the program stops the root user from creating access keys.
#include <algorithm>

#include "base/text.h"
#include "policy/glob.h"
#include "lint/rule.h"
#include "lint/rules/facts.h"

namespace rootpol::lint {
namespace {

// The statement's principal conditions let it apply to a root user: no principal condition at
// all, or a positive ArnLike/StringLike on aws:PrincipalArn with a pattern a root ARN matches.
bool appliesToRoot(const policy::Statement& s) {
  bool scoped = false;
  for (const policy::ConditionEntry& c : s.conditions) {
    if (!equalsIgnoreCase(c.key, "aws:PrincipalArn")) continue;
    scoped = true;
    bool positive = c.op.rfind("ArnLike", 0) == 0 || c.op.rfind("StringLike", 0) == 0 ||
                    c.op.rfind("ArnEquals", 0) == 0 || c.op.rfind("StringEquals", 0) == 0;
    if (positive && std::any_of(c.values.begin(), c.values.end(), [](const std::string& v) {
          return policy::globMatch(v, "arn:aws:iam::111122223333:root");
        })) {
      return true;
    }
  }
  return !scoped;
}

bool deniesRootKeys(const LintDocument& doc) {
  return std::any_of(doc.statements().begin(), doc.statements().end(), [](const policy::Statement& s) {
    return s.deny && facts::appliesToAction(s, "iam:CreateAccessKey") && appliesToRoot(s);
  });
}

void check(LintContext& context) {
  const LintDocument* firstScp = nullptr;
  for (const LintDocument& doc : context.documents) {
    if (doc.kind != LintDocument::Kind::Scp) continue;
    if (firstScp == nullptr) firstScp = &doc;
    if (deniesRootKeys(doc)) return;
  }
  if (firstScp == nullptr || context.rootKeysControlled) return;
  context.sink
      .report(DiagCode::RP4106, firstScp->span,
              "no SCP linted here denies iam:CreateAccessKey to the root user")
      .help =
      "add `deny iam:CreateAccessKey for root`, or enable AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS";
}

}  // namespace

extern const LintRule kRootAccessKeysAllowed{
    DiagCode::RP4106,
    "Root access keys are long-lived credentials with every permission, and AWS recommends that "
    "the "
    "root user has none. An organization keeps them from being created with an SCP that denies "
    "`iam:CreateAccessKey` to `arn:*:iam::*:root` (or with the Control Tower control "
    "AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS). This finding is about the whole set of policies "
    "linted "
    "in one run: it is reported once, at the first SCP, when none of them has such a deny.",
    nullptr, check};

}  // namespace rootpol::lint
