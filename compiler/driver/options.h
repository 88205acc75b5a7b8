#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rootpol::driver {

// Plain compile options (no CLI types).
struct Options {
  std::vector<std::string> inputs;         // files and directories (searched for *.rootpol)
  std::optional<std::string> projectRoot;  // imports may not leave it; default: see README
  std::string limits;                      // table name, "key=value,..." overrides, or a file
  std::optional<std::string> stdlibDir;    // read stdlib from here instead of the embedded copy
  std::optional<std::string> catalogFile;  // an AWS catalog file instead of the embedded one
  // Source text that is part of the program without being a file (`rootpol explain` adds its
  // request as a test block): pairs of (name shown in diagnostics, text). With no `inputs`,
  // they are the whole program (`explain` over JSON policies alone).
  std::vector<std::pair<std::string, std::string>> extraSources;
  // The text of the input `-` when the caller has already read standard input; otherwise `-`
  // reads it.
  std::optional<std::string> stdinText;
  // `compile`: a program with no policy, attachment or control is error RP2008, because its
  // Terraform/CloudFormation, once applied, would delete every policy they managed before.
  // `compile --allow-empty` clears it; `check`, `lint` and `test` never set it.
  bool requireContent = false;
  // `compile --wildcard-actions`: Deny Action lists compressed with wildcards that match every
  // action the catalog knows under a prefix (pack/wildcards.h); such a wildcard also matches
  // actions AWS adds later.
  bool wildcardActions = false;
};

}  // namespace rootpol::driver
