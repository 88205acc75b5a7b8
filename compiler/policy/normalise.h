#pragma once

#include <optional>
#include <string>
#include <vector>

#include "policy/document.h"

// Statements in a canonical form, so that statements that say the same thing in different
// order, case or repetition compare equal: the control matcher, the importer's verifier, the
// semantic diff and the statement packer compare statements through it. Only what IAM
// documents as insensitive is folded; everything else compares as written.
namespace rootpol::policy {

// One `"Operator": {"key": values}` entry.
struct NormalCondition {
  // IAM's spelling (operatorName) of a name parseOperator reads; any other name as written (IAM
  // refuses a name in another case, so `stringequals` is not `StringEquals`).
  std::string op;
  std::string key;                  // lower-cased: IAM reads condition keys without regard to case
  std::vector<std::string> values;  // sorted, unique: a key's values are a set (ORed)
  friend auto operator<=>(const NormalCondition&, const NormalCondition&) = default;
};

// Equivalences beyond spelling, for callers that compare meaning rather than text.
struct NormalOptions {
  // An absent Resource element reads as `"*"`, as IAM reads it; off, absent (empty) and `*`
  // stay apart, as written.
  bool absentResourceIsStar = false;
  // `IfExists` on a negated operator without a set qualifier (`StringNotEqualsIfExists`) is
  // dropped: such an entry is true on an absent key with or without it.
  bool dropNegatedIfExists = false;
};

// A statement without its Sid and spans.
struct NormalStatement {
  bool deny = true;
  bool notPrincipal = false;
  std::optional<std::string> principal;  // the minified JSON as written
  bool notAction = false;
  std::vector<std::string> actions;  // lower-cased, sorted, unique: IAM reads actions without case
  bool notResource = false;
  std::vector<std::string> resources;       // sorted, unique; case kept (ARNs are case-sensitive)
  std::vector<NormalCondition> conditions;  // sorted, unique: entries are a set (ANDed)
  friend auto operator<=>(const NormalStatement&, const NormalStatement&) = default;
};

NormalCondition normalise(const ConditionEntry& entry, const NormalOptions& options = {});
NormalStatement normalise(const Statement& statement, const NormalOptions& options = {});

// The same effect, principal, actions and resources: all but the conditions.
bool sameTarget(const NormalStatement& a, const NormalStatement& b);
// normalise(a) == normalise(b).
bool sameStatement(const Statement& a, const Statement& b, const NormalOptions& options = {});

}  // namespace rootpol::policy
