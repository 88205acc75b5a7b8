#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/source.h"
#include "lint/config.h"
#include "policy/document.h"

// A policy document as the linter sees it: the hub's model (policy/document.h) of raw SCP or
// RCP JSON (json_policy.h), of a Terraform statement list in YAML, or of a compiled .rootpol
// policy (from_rootpol.h), with what lint needs besides: where it came from, its kind and its
// sizes. Every element of the document keeps the span it was written at (for a compiled
// policy: the rule, and a condition entry the atom it came from), so a finding points at the
// text a reviewer must change.
namespace rootpol::lint {

struct LintDocument {
  enum class Origin { Json, Rootpol };
  enum class Kind { Scp, Rcp, Other };  // Other: identity, resource or declarative policies
  Origin origin = Origin::Json;
  Kind kind = Kind::Scp;
  // The kind the file was declared to be (lint --kind, the configuration's `kinds`); Auto: the
  // kind was decided from the statements.
  DeclaredKind declared = DeclaredKind::Auto;
  std::string name;  // the policy name, or the file's path
  FileId file = 0;
  Span span;         // the document (JSON) or the policy's name (rootpol)
  // The statements that could be read: one without `Effect` or without `Action`/`NotAction`
  // was reported and left out.
  policy::Document policy;
  std::size_t bytesAsWritten = 0;  // JSON: the file's bytes; rootpol: the emitted bytes
  std::size_t bytesMinified = 0;

  const std::vector<policy::Statement>& statements() const { return policy.statements; }
};

// Where a finding about a condition entry's key goes: the key as written in JSON, else the
// .rootpol atom the entry was lowered from, else the statement.
Span keySpanOf(const policy::ConditionEntry& entry, const policy::Statement& statement);
// Where a finding about a statement's Sid goes: the Sid, else the statement.
Span sidSpanOf(const policy::Statement& statement);

}  // namespace rootpol::lint
