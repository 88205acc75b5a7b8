#include "lint/rule.h"

namespace rootpol::lint {

// One line per rule file under lint/rules/ (listed here, not self-registered: a static library
// drops object files nothing refers to).
extern const LintRule kKindGrammar;
extern const LintRule kMalformedConditionValue;
extern const LintRule kCidrHostBits;
extern const LintRule kConditionKeys;
extern const LintRule kArnShape;
extern const LintRule kBadPolicyVariable;
extern const LintRule kMissingSetQualifier;
extern const LintRule kQualifierOnSingleValued;
extern const LintRule kMfaFalseWithoutIfExists;
extern const LintRule kActionResourceMismatch;
extern const LintRule kWildcardServicePrefix;
extern const LintRule kWildcardWithoutLike;
extern const LintRule kPrivateRangeNotIpAddress;
extern const LintRule kEmptyValue;
extern const LintRule kRedundantValue;
extern const LintRule kAllowOnEveryResource;
extern const LintRule kUnscopedRoleAction;
extern const LintRule kSensitiveActionAllowed;
extern const LintRule kAllowWithNotElement;
extern const LintRule kPublicPrincipal;
extern const LintRule kFederatedActionPrincipal;
extern const LintRule kConditionValueFormat;
extern const LintRule kSetQualifierTrap;
extern const LintRule kJsonTooLarge;
extern const LintRule kJsonTooLargeAsWritten;
extern const LintRule kRedundantStatement;
extern const LintRule kAllowShadowed;
extern const LintRule kDenyAllWithoutBreakGlass;
extern const LintRule kSourceIpWithoutServiceGuard;
extern const LintRule kSourceIpBlocksVpcEndpoints;
extern const LintRule kRootAccessKeysAllowed;
extern const LintRule kRegionDenyWithoutGlobalServices;

const std::vector<LintRule>& lintRules() {
  static const std::vector<LintRule> rules = {kKindGrammar,
                                              kMalformedConditionValue,
                                              kCidrHostBits,
                                              kConditionKeys,
                                              kArnShape,
                                              kBadPolicyVariable,
                                              kMissingSetQualifier,
                                              kQualifierOnSingleValued,
                                              kMfaFalseWithoutIfExists,
                                              kActionResourceMismatch,
                                              kWildcardServicePrefix,
                                              kWildcardWithoutLike,
                                              kPrivateRangeNotIpAddress,
                                              kEmptyValue,
                                              kRedundantValue,
                                              kAllowOnEveryResource,
                                              kUnscopedRoleAction,
                                              kSensitiveActionAllowed,
                                              kAllowWithNotElement,
                                              kPublicPrincipal,
                                              kFederatedActionPrincipal,
                                              kConditionValueFormat,
                                              kSetQualifierTrap,
                                              kJsonTooLarge,
                                              kJsonTooLargeAsWritten,
                                              kRedundantStatement,
                                              kAllowShadowed,
                                              kDenyAllWithoutBreakGlass,
                                              kSourceIpWithoutServiceGuard,
                                              kSourceIpBlocksVpcEndpoints,
                                              kRootAccessKeysAllowed,
                                              kRegionDenyWithoutGlobalServices};
  return rules;
}

std::string_view lintParagraph(DiagCode code) {
  for (const LintRule& rule : lintRules()) {
    if (rule.code == code) return rule.paragraph;
  }
  return {};
}

}  // namespace rootpol::lint
