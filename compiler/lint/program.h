#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "policy/document.h"

// What lint receives from its caller as plain data. Lint does not compile .rootpol files nor
// read the limits table: the caller (driver/lint_session.h for `rootpol lint` and the goldens)
// compiles the program with the pipeline, selects the quotas from --limits, and hands over the
// result, so the linter depends on the policy model and not on the driver.
namespace rootpol::lint {

// The quotas the size rules check against: two numbers of the row of stdlib/limits.json that
// --limits selects. The table and the --limits syntax stay in one place, driver/limits.cpp:
// lint needs two sizes, not the table, so they are passed in (as emit::Quotas is for emit)
// rather than moving the table parser into a library below both.
struct LintQuotas {
  std::size_t scpMaxSize = 0;
  std::size_t rcpMaxSize = 0;
};

// One SCP compiled from a .rootpol policy.
struct CompiledScp {
  std::string name;           // the policy name
  Span nameSpan;              // the policy's name in its .rootpol file (empty when unknown)
  policy::Document document;  // statements keep the span of the rule they came from
  std::size_t bytes = 0;      // the size of the emitted (minified) JSON
};

// The .rootpol files of a lint run, compiled as one program. Its files are in the
// SourceManager handed to LintRun::run with it.
struct RootpolProgram {
  std::vector<Diagnostic> diagnostics;         // the compiler's findings
  std::vector<CompiledScp> policies;           // empty when the program has errors
  std::vector<std::string> enabledControls;    // ids of the Control Tower controls it enables
};

}  // namespace rootpol::lint
