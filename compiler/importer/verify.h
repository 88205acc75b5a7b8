#pragma once

#include <optional>
#include <string>
#include <vector>

#include "importer/program_writer.h"
#include "policy/document.h"

// Compiles an imported program and holds each compiled statement against its original.
namespace rootpol::importer {

struct Verdict {
  bool toolFailure = false;
  // Per rule: why its compiled statement is not the original, or nullopt when it is.
  std::vector<std::optional<std::string>> rules;
  // A problem with no rule to blame (a `let` or the policy's line): every rule is suspect.
  std::optional<std::string> program;
  bool ok() const;
};

Verdict verify(const std::string& name, const WrittenProgram& program, const policy::Document& original);

// Whether two statements decide every request alike by their structure: the same effect,
// actions (case-insensitive), resources (an absent element read as "*") and condition entries,
// each entry up to value order and duplicates, the key's case, and `IfExists` on a negated
// matcher (true on an absent key either way). Sids are not compared. Returns the first
// difference, or nullopt.
std::optional<std::string> difference(const policy::Statement& original, const policy::Statement& compiled);

}  // namespace rootpol::importer
