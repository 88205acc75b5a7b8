#pragma once

#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"

// Inline suppressions in .rootpol comments:
//
//   // rootpol-ignore RP4105: the root user never uses VPC endpoints
//   deny * for root unless source_ip in vpn_cidrs
//
//   deny iam:CreateUser  // rootpol-ignore RP4103
//
// A comment alone on its line suppresses the listed codes on the next line that has code; a
// comment after code suppresses them on its own line. Only findings whose primary span starts
// on that line are dropped. A suppression that drops nothing is warning RP4202.
namespace rootpol::lint {

// Removes suppressed diagnostics of `file` from `diagnostics` and reports unused suppressions
// into `sink`.
void applySuppressions(const SourceFile& file, std::vector<Diagnostic>& diagnostics,
                       DiagnosticSink& sink);

}  // namespace rootpol::lint
