#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

// The lint configuration file (`.rootpol-lint.json` in the working directory, or --config):
//
//   {
//     "severity": {"RP4105": "off", "RP4103": "error", "RP1023": "note"},
//     "ignore": ["legacy/*", "*.tftpl"],
//     "fail_on": "warning",
//     "kinds": {"scps/**": "scp", "rcps/**": "rcp"}
//   }
//
// `severity` overrides a code's severity ("error", "warning", "note") or turns it "off"; codes
// whose default is an error and that are not lint findings (RP4xxx) cannot be changed, since
// the program would not compile. `ignore` lists path globs (IAM-style `*`) of files whose
// findings are dropped. `fail_on` is the lowest severity that makes `lint` exit 1. `kinds`
// declares the kind of the policy files whose path matches a glob (the first that matches, in
// the order written); the others are classified from their statements (`auto`).
namespace rootpol::lint {

// What a policy file is declared to be (`--kind`, `kinds`); Auto: decided from its statements.
enum class DeclaredKind : std::uint8_t { Auto, Scp, Rcp, Identity, Resource };
std::optional<DeclaredKind> declaredKindFromName(std::string_view name);

struct LintConfig {
  std::map<DiagCode, std::optional<Severity>> severity;  // nullopt: off
  std::vector<std::string> ignore;
  std::optional<Severity> failOn;
  std::vector<std::pair<std::string, DeclaredKind>> kinds;  // glob -> kind, in written order

  // The declared kind of `path`: the first glob of `kinds` that matches it, else Auto.
  DeclaredKind kindOf(std::string_view path) const;
};

// Parses the file's text; on failure returns nullopt with `error` and the byte `offset` of the
// problem (0 when it is not about a position).
std::optional<LintConfig> parseLintConfig(std::string_view text, std::string& error,
                                          std::size_t& offset);

std::optional<Severity> severityFromName(std::string_view name);

}  // namespace rootpol::lint
