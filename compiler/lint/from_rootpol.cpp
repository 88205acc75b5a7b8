#include "lint/from_rootpol.h"

namespace rootpol::lint {
namespace {

std::vector<Located> locate(const std::vector<std::string>& texts, Span span) {
  std::vector<Located> out;
  for (const std::string& t : texts) out.push_back(Located{t, span});
  return out;
}

LintStatement fromStatement(const policy::Statement& s) {
  LintStatement out;
  out.span = s.origin;
  if (!s.sid.empty()) out.sid = Located{s.sid, s.origin};
  out.effect = Located{s.deny ? "Deny" : "Allow", s.origin};
  out.notAction = s.notAction;
  out.actions = locate(s.actions, s.origin);
  out.notResource = s.notResource;
  out.resources = locate(s.resources, s.origin);
  for (const policy::ConditionEntry& c : s.conditions) {
    out.conditions.push_back(LintCondition{Located{c.op, s.origin}, Located{c.key, s.origin},
                                           locate(c.values, s.origin)});
  }
  return out;
}

}  // namespace

LintDocument fromCompiledPolicy(const CompiledScp& policy) {
  LintDocument doc;
  doc.origin = LintDocument::Origin::Rootpol;
  doc.kind = LintDocument::Kind::Scp;
  doc.name = policy.name;
  doc.span = policy.nameSpan;
  doc.file = doc.span.file;
  for (const policy::Statement& s : policy.document.statements)
    doc.statements.push_back(fromStatement(s));
  doc.bytesAsWritten = doc.bytesMinified = policy.bytes;
  return doc;
}

}  // namespace rootpol::lint
