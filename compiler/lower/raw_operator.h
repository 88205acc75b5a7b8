#pragma once

#include <optional>

#include "base/diagnostic.h"
#include "lower/normal_form.h"
#include "policy/document.h"

namespace rootpol::lower {

// The IAM condition entry of a raw-operator literal (`KEY "OPERATOR" VALUES`): positive, the
// entry exactly as written; negated (under `unless` or `not`), policy::negation's single
// operator that is true exactly where the written one is false, absent keys included. When IAM
// has none (`StringEqualsIfExists`), error RP2009 at the atom and nullopt.
std::optional<policy::ConditionEntry> rawConditionFor(const Literal& literal, DiagnosticSink& sink);

}  // namespace rootpol::lower
