#pragma once

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "org/model.h"
#include "policy/document.h"

// With `root_access centralized`, member accounts' root tasks run as sts:AssumeRoot sessions,
// scoped by AWS's task policies (stdlib/root_tasks.json). A deny that stops those sessions stops
// the organization's own root tasks: RP3020 (LANGUAGE.md §10.1).
namespace rootpol::driver {

// A `deny ... for root` of `policy` (lowered to `document`) that covers a task's action and
// whose conditions say nothing of aws:AssumedRoot; the fix is `for root credentials`, or the
// ExemptAssumeRoot parameter where the rule is a Control Tower control that takes it.
void lintRootSessionRules(const ast::Policy& policy, const policy::Document& document, const org::Model& model,
                          DiagnosticSink& sink);

// A control enabled without its ExemptAssumeRoot parameter (AWS-GR_RESTRICT_ROOT_USER): the
// control denies AssumeRoot sessions too.
void lintRootSessionControls(const org::Model& model, DiagnosticSink& sink);

}  // namespace rootpol::driver
