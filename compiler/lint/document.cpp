#include "lint/document.h"

namespace rootpol::lint {

Span keySpanOf(const policy::ConditionEntry& entry, const policy::Statement& statement) {
  if (entry.keySpan.valid()) return entry.keySpan;
  if (entry.span.valid()) return entry.span;
  return statement.origin;
}

Span sidSpanOf(const policy::Statement& statement) {
  return statement.sidSpan.valid() ? statement.sidSpan : statement.origin;
}

}  // namespace rootpol::lint
