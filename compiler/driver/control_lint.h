#pragma once

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "policy/document.h"

namespace rootpol::driver {

// Notes where a rule is exactly what a Control Tower control provides (RP3107), and where a
// rule looks like a control but needs a condition the control cannot express, so it must stay
// an SCP (RP3108). `document` is the lowering of `policy`.
void lintRulesAgainstControls(const ast::Policy& policy, const policy::Document& document,
                              DiagnosticSink& sink);

}  // namespace rootpol::driver
