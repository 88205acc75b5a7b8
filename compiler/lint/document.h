#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/source.h"

// A policy document as the linter sees it, from raw SCP JSON (json_policy.h) or from a
// compiled .rootpol policy (from_rootpol.h). Every element keeps the span it was written at, so
// a finding points at the text a reviewer must change.
namespace rootpol::lint {

struct Located {
  std::string text;
  Span span;
};

struct LintCondition {
  Located op;   // "StringNotEquals", "ForAnyValue:StringLike", "BoolIfExists"
  Located key;  // "aws:SourceIp"
  std::vector<Located> values;  // scalars in their JSON text form ("true", "3", "a")
};

struct LintStatement {
  Span span;  // the statement object, or the rule it was compiled from
  std::optional<Located> sid;
  Located effect;  // as written: "Deny", "Allow" (anything else was reported)
  bool notAction = false;
  std::vector<Located> actions;
  bool notResource = false;
  std::vector<Located> resources;  // empty when the element is absent
  std::optional<Span> principal;   // `Principal`/`NotPrincipal` present
  std::vector<LintCondition> conditions;

  bool deny() const { return effect.text == "Deny"; }
};

struct LintDocument {
  enum class Origin { Json, Rootpol };
  enum class Kind { Scp, Rcp, Other };  // Other: identity, resource or declarative policies
  Origin origin = Origin::Json;
  Kind kind = Kind::Scp;
  std::string name;  // the policy name, or the file's path
  FileId file = 0;
  Span span;         // the document (JSON) or the policy's name (rootpol)
  std::vector<LintStatement> statements;
  std::size_t bytesAsWritten = 0;  // JSON: the file's bytes; rootpol: the emitted bytes
  std::size_t bytesMinified = 0;
};

}  // namespace rootpol::lint
