#pragma once

#include <string>
#include <vector>

#include "controls/control_catalog.h"
#include "policy/document.h"

// Compares the SCP statements lowered from one rule with the catalog's SCP controls, so a lint
// can say "this rule is control X" (enable the managed control instead) or "this rule is control
// X plus something X cannot express".
namespace rootpol::controls {

struct RuleControlMatch {
  enum class Kind { Exact, NotExpressible } kind;
  const Control* control;
  // Exact: the values that go into the control's exemption parameter (e.g. principal ARNs), in
  // the rule's order; empty when the rule has no exemption.
  std::vector<std::string> exemptions;
  // NotExpressible: what the control cannot express, e.g. "a condition on aws:SourceIp".
  std::string reason;
};

// `statements` are the SCP statements lowered from ONE rule. Only SCP controls with a
// `statement` take part. Statements compare in the hub's normal form (policy/normalise.h, no
// options): Sids ignored, principals as written, actions as sets without regard to case,
// resources as exact sets, conditions as sets of (operator, key without regard to case, set of
// values).
// Exact: one statement equal to the control's, except possibly one more condition entry with
// the operator and key of the control's exemption, whose values become `exemptions`.
// NotExpressible: one statement with the control's effect, actions, resources and conditions
// (and possibly its exemption) plus other condition entries; `reason` names their keys in the
// rule's order. Returns every match (several controls share one body), ordered by control id.
std::vector<RuleControlMatch> matchRule(const ControlCatalog& catalog,
                                        const std::vector<policy::Statement>& statements);

}  // namespace rootpol::controls
