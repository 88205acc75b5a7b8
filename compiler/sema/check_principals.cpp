// Whom a rule is for: `for [...]` patterns that no principal can match (RP1038), and a deny for
// root whose only way out is MFA on the very actions that set MFA up (RP1037, LANGUAGE.md §10.1).
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "base/text.h"
#include "catalog/catalog.h"
#include "sema/checker.h"
#include "sema/principal_arn.h"

namespace rootpol::sema {
namespace {

// The calls that register an MFA device for the root user (IAM API Reference:
// CreateVirtualMFADevice, then EnableMFADevice). A root user without MFA needs both.
constexpr std::array<std::string_view, 2> kMfaSetup{"iam:CreateVirtualMFADevice", "iam:EnableMFADevice"};
// The resources those calls name for the root user: the virtual device, and the root user itself.
constexpr std::array<std::string_view, 2> kMfaSetupResources{"arn:aws:iam::111122223333:mfa/root-account-mfa-device",
                                                              "arn:aws:iam::111122223333:root"};

bool isMfaKey(std::string_view awsKey) {
  return equalsIgnoreCase(awsKey, "aws:MultiFactorAuthPresent") || equalsIgnoreCase(awsKey, "aws:MultiFactorAuthAge");
}

// Whether every atom of `cond` is on an MFA key under the language's own operators.
bool onlyMfa(const ast::Cond& cond) {
  if (cond.kind != ast::Cond::Kind::Atom) {
    for (const auto& child : cond.children) {
      if (!onlyMfa(*child)) return false;
    }
    return true;
  }
  return cond.op != ast::CondOp::Raw && isMfaKey(cond.resolved.awsKey);
}

// `cond` on a request without MFA keys (long-term root credentials, before MFA is set up): every
// atom is false because its key is absent (the language's meaning of an absent key).
bool holdsWithoutMfa(const ast::Cond& cond) {
  switch (cond.kind) {
    case ast::Cond::Kind::And:
      for (const auto& child : cond.children) {
        if (!holdsWithoutMfa(*child)) return false;
      }
      return true;
    case ast::Cond::Kind::Or:
      for (const auto& child : cond.children) {
        if (holdsWithoutMfa(*child)) return true;
      }
      return false;
    case ast::Cond::Kind::Not:
      return !holdsWithoutMfa(*cond.children.front());
    case ast::Cond::Kind::Atom:
      return false;
  }
  return false;
}

bool anyGlob(const std::vector<ast::Value>& patterns, std::string_view text) {
  for (const ast::Value& p : patterns) {
    if (catalog::globMatch(p.text, text)) return true;
  }
  return false;
}

// The first MFA set-up action the rule's actions and resources cover, or empty.
std::string_view coveredMfaSetup(const ast::Rule& rule) {
  bool resources = rule.resolvedResources.empty();
  for (std::string_view arn : kMfaSetupResources) {
    resources = resources || anyGlob(rule.resolvedResources, arn) != rule.resourcesExcept;
  }
  if (!resources) return {};
  for (std::string_view action : kMfaSetup) {
    if (anyGlob(rule.resolvedActions, action) != rule.actionsExcept) return action;
  }
  return {};
}

}  // namespace

void Checker::checkPrincipals(const ast::Rule& rule) {
  for (const ast::Value& pattern : rule.resolvedPrincipals) {
    if (auto problem = principalPatternProblem(pattern.text)) {
      Diagnostic& d = sink_.report(DiagCode::RP1038, pattern.span,
                                   fmt::format("no principal can match `{}`", pattern.text));
      d.notes.push_back(*problem);
      d.help = "aws:PrincipalArn is `arn:aws:iam::ACCOUNT:root`, `...:user/NAME`, `...:role/NAME` or "
               "`arn:aws:sts::ACCOUNT:federated-user/NAME`";
    }
  }
  if (rule.effect != ast::Effect::Deny || !rule.forRoot || rule.clauses.empty()) return;
  for (const ast::CondClause& clause : rule.clauses) {
    if (!clause.cond || !onlyMfa(*clause.cond)) return;
    if (holdsWithoutMfa(*clause.cond) == clause.unless) return;  // a request without MFA gets through
  }
  std::string_view action = coveredMfaSetup(rule);
  if (action.empty()) return;
  Diagnostic& d = sink_.report(DiagCode::RP1037, rule.span,
                               fmt::format("this rule denies `{}` to root without MFA, so root can never set MFA up",
                                           action));
  d.notes.push_back("AWS requires MFA for root users; a root user registers its device with "
                    "iam:CreateVirtualMFADevice and iam:EnableMFADevice, before any request of it has MFA");
  d.help = "leave iam:CreateVirtualMFADevice and iam:EnableMFADevice out of the rule's actions, as in "
           "`deny all except [iam:CreateVirtualMFADevice, iam:EnableMFADevice] for root unless mfa`";
}

}  // namespace rootpol::sema
