#pragma once

#include <optional>
#include <string>
#include <vector>

#include "importer/rule_draft.h"

// Prints an imported policy as rootpol text, one rule per line (the importer maps compiled
// statements and diagnostics back to rules by line; `rootpol fmt`'s layout comes after).
namespace rootpol::importer {

struct PolicyDraft {
  std::string name;
  std::optional<std::string> description;
  bool resourcePolicy = false;      // `resource policy` (an RCP)
  std::vector<std::string> header;  // comment lines, without `//`
  std::vector<RuleDraft> rules;
  std::vector<std::vector<std::string>> ruleNotes;  // comment lines before each rule
};

struct WrittenProgram {
  std::string text;
  std::vector<std::uint32_t> ruleLines;  // 1-based line of each rule
};

// Value lists used twice or more (conditions, principals, actions) become `let`s, named after
// their key and declared before the policy in first-use order.
WrittenProgram writeProgram(const PolicyDraft& policy);

}  // namespace rootpol::importer
