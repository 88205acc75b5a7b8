#pragma once

#include "lower/normal_form.h"
#include "policy/document.h"

namespace rootpol::lower {

// The IAM condition entry for one literal. A negated literal uses the operator's dual with
// the same absent-key behaviour as the negation: IAM's negated operators (StringNotEquals,
// NotIpAddress, ArnNotLike, ForAllValues:...Not...) are already true on an absent key; others
// (Bool, Numeric, Date) get `IfExists` unless the key is in every request.
policy::ConditionEntry conditionFor(const Literal& literal);

}  // namespace rootpol::lower
