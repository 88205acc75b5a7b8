#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "eval/evaluator.h"

namespace rootpol::driver {
class Compilation;
}

// `rootpol test` and `rootpol explain` (spec section 8): each test request is decided by the
// evaluator over the organization chain of its account, with the compiled SCPs attached where
// the program attaches them and FullAWSAccess wherever it is not detached.
namespace rootpol::runner {

struct CaseResult {
  const ast::TestCase* testCase = nullptr;
  bool ran = false;     // false: the request could not be placed (see the diagnostics)
  bool passed = false;
  eval::Evaluation evaluation;  // with its trace
  std::string failure;          // why it failed, one line
};

struct TestResult {
  const ast::Test* test = nullptr;
  std::vector<CaseResult> cases;
  bool passed() const;
};

// Runs every test of the (error-free) compilation. Problems placing a request (an account the
// organization does not have) are reported into `sink`.
std::vector<TestResult> runTests(const driver::Compilation& compilation, DiagnosticSink& sink);

// The evaluation as text: the decision, then per level the policies and the statements that
// applied (and, for the rest, why not when `verbose`).
std::string explain(const eval::Evaluation& evaluation, bool verbose);

}  // namespace rootpol::runner
