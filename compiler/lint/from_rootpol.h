#pragma once

#include "lint/document.h"
#include "lint/program.h"

namespace rootpol::lint {

// The compiled policy as a lint document. A statement's elements point at the rule it came
// from, and a condition entry at the atom lowered into it (lint/document.h: keySpanOf).
LintDocument fromCompiledPolicy(const CompiledScp& policy);

}  // namespace rootpol::lint
