#pragma once

#include <vector>

#include "base/diagnostic.h"
#include "driver/compilation.h"
#include "driver/limits.h"

namespace rootpol::org {
struct Model;
}

namespace rootpol::driver {

// Merges every compiled policy and packs it into parts within its type's size quota
// (pack/pack.h): RP2001 when a rule is too large by itself, RP2002 when a one-part policy is
// near the quota. Then checks that every target has a slot for every part of what is attached
// to it (RP2010) and that no part is named like a policy (RP2011).
void packPolicies(std::vector<CompiledPolicy>& policies, const org::Model& model, const Limits& limits,
                  bool wildcardActions, DiagnosticSink& sink);

}  // namespace rootpol::driver
