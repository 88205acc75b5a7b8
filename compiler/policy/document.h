#pragma once

#include <string>
#include <vector>

#include "base/source.h"

// The IAM policy document model: what lowering produces and what the writer serialises.
// Nothing here knows about the rootpol AST.
namespace rootpol::policy {

// One `"Operator": {"key": values}` entry. Entries with the same operator are grouped by the
// writer in first-appearance order.
struct ConditionEntry {
  std::string op;   // "StringEquals", "ForAnyValue:StringLike", "BoolIfExists", ...
  std::string key;  // "aws:SourceIp"
  std::vector<std::string> values;
};

struct Statement {
  std::string sid;
  bool deny = true;
  bool notAction = false;
  std::vector<std::string> actions;
  bool notResource = false;
  std::vector<std::string> resources;  // never empty: "*" when the rule names none
  std::vector<ConditionEntry> conditions;
  Span origin;  // the rule it came from
};

struct Document {
  std::vector<Statement> statements;
};

// Minified, deterministic JSON: `Version` then `Statement`; inside a statement `Sid`,
// `Effect`, `Action`/`NotAction`, `Resource`/`NotResource`, `Condition`; single values as a
// string. Bool conditions are written as the strings "true"/"false".
std::string toJson(const Document& document);

}  // namespace rootpol::policy
