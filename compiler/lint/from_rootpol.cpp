#include "lint/from_rootpol.h"

namespace rootpol::lint {

LintDocument fromCompiledPolicy(const CompiledScp& policy) {
  LintDocument doc;
  doc.origin = LintDocument::Origin::Rootpol;
  doc.kind = LintDocument::Kind::Scp;
  doc.name = policy.name;
  doc.span = policy.nameSpan;
  doc.file = doc.span.file;
  doc.policy = policy.document;
  doc.bytesAsWritten = doc.bytesMinified = policy.bytes;
  return doc;
}

}  // namespace rootpol::lint
