#pragma once

#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "controls/rule_match.h"
#include "policy/document.h"

namespace rootpol::driver {

// The control parameter that exempts AssumeRoot sessions (AWS-GR_RESTRICT_ROOT_USER's): the
// control's form of `for root credentials` (`Null aws:AssumedRoot true`).
inline constexpr const char* kExemptAssumeRoot = "ExemptAssumeRoot";

// The Control Tower controls one rule is (controls::matchRule over its statements in
// `document`). A rule with `Null aws:AssumedRoot true` is matched without it against the
// controls that take ExemptAssumeRoot, and then `exemptAssumeRoot` is set.
struct RuleControls {
  std::vector<controls::RuleControlMatch> matches;
  bool exemptAssumeRoot = false;
};
RuleControls matchRuleControls(std::vector<policy::Statement> statements);

// The statements of each rule of `policy` (parallel to its rules) in `document`, its lowering,
// which keeps each rule's span as the statements' origin: one pass over the document, so that
// looking at every rule's statements costs time linear in the program, not rules × statements.
std::vector<std::vector<policy::Statement>> statementsByRule(const ast::Policy& policy, const policy::Document& document);

// Notes where a rule is exactly what a Control Tower control provides (RP3107), and where a
// rule looks like a control but needs a condition the control cannot express, so it must stay
// an SCP (RP3108). `document` is the lowering of `policy`.
void lintRulesAgainstControls(const ast::Policy& policy, const policy::Document& document,
                              DiagnosticSink& sink);

}  // namespace rootpol::driver
