#pragma once

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
//     "fail_on": "warning"
//   }
//
// `severity` overrides a code's severity ("error", "warning", "note") or turns it "off"; codes
// whose default is an error and that are not lint findings (RP4xxx) cannot be changed, since
// the program would not compile. `ignore` lists path globs (IAM-style `*`) of files whose
// findings are dropped. `fail_on` is the lowest severity that makes `lint` exit 1.
namespace rootpol::lint {

struct LintConfig {
  std::map<DiagCode, std::optional<Severity>> severity;  // nullopt: off
  std::vector<std::string> ignore;
  std::optional<Severity> failOn;
};

// Parses the file's text; on failure returns nullopt with `error` and the byte `offset` of the
// problem (0 when it is not about a position).
std::optional<LintConfig> parseLintConfig(std::string_view text, std::string& error,
                                          std::size_t& offset);

std::optional<Severity> severityFromName(std::string_view name);

}  // namespace rootpol::lint
