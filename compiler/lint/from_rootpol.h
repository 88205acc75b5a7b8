#pragma once

#include "lint/document.h"
#include "lint/program.h"

namespace rootpol::lint {

// The compiled policy as a lint document. Lowering keeps only the rule's span on a statement,
// so every element of a statement points at the rule it came from.
LintDocument fromCompiledPolicy(const CompiledScp& policy);

}  // namespace rootpol::lint
