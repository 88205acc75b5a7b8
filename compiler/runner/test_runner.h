#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "eval/evaluator.h"
#include "runner/chains.h"
#include "runner/json_policies.h"

namespace rootpol::driver {
class Compilation;
}

// `rootpol test` and `rootpol explain` (spec section 8): each test request is decided by the
// evaluator over the organization chain of its account, with the compiled SCPs attached where
// the program attaches them and FullAWSAccess wherever it is not detached.
namespace rootpol::runner {

// A test request made ready to decide: the chain of its account and the request with the
// request model's defaults (runner/request_model.h). `exemption` says why SCPs do not govern
// the request at all (the management account, a service-linked role): it is then allowed, and
// the chain is not consulted.
struct PreparedCase {
  const ast::Test* test = nullptr;
  const ast::TestCase* testCase = nullptr;
  bool placed = false;  // false: the request could not be placed (see the diagnostics)
  std::vector<eval::Level> chain;
  eval::Request request;
  std::string accountId;  // the account the request is made in
  std::optional<std::string> exemption;
  // The RCP chain of the account that owns the request's resource: empty when RCPs do not
  // decide the request, with `rcpNote` saying why (nothing in a program without RCPs).
  std::vector<eval::Level> rcpChain;
  std::optional<std::string> rcpNote;
  std::optional<std::string> rcpOwnerAccountId;  // the account that owns the resource, when RCPs decide
};

// Every test request of the (error-free) compilation, in program order.
std::vector<PreparedCase> prepareCases(const driver::Compilation& compilation, DiagnosticSink& sink,
                                       const JsonInputs& json = {});

struct CaseResult {
  const ast::TestCase* testCase = nullptr;
  bool ran = false;     // false: the request could not be placed (see the diagnostics)
  bool passed = false;
  eval::Request request;                 // as decided, with the request model's defaults
  std::string accountId;                 // the account the request is made in
  eval::Evaluation evaluation;          // with its trace; no levels when exempt
  std::optional<std::string> exemption;  // why SCPs do not apply
  std::optional<std::string> rcpNote;    // why RCPs do not apply (a program with RCPs)
  std::string failure;                   // why it failed
};

struct TestResult {
  const ast::Test* test = nullptr;
  std::vector<CaseResult> cases;
  bool passed() const;
};

// Runs every test of the (error-free) compilation. Problems placing a request (an account the
// organization does not have) are reported into `sink`. Each distinct chain is compiled into
// one eval::Evaluator, shared by every request made in it.
std::vector<TestResult> runTests(const driver::Compilation& compilation, DiagnosticSink& sink,
                                 const JsonInputs& json = {});

// The evaluation as text: the decision, then per level the policies and the statements that
// applied (and, for the rest, why not when `verbose`); for an exempt request, one line with
// the decision and why SCPs do not apply.
// `where`, when set, gives the text shown after a statement's name (its JSON file's
// `at file:line:column`), or an empty string.
using WhereFn = std::function<std::string(Span)>;
std::string explain(const eval::Evaluation& evaluation, bool verbose, const WhereFn& where = {});
std::string explain(const CaseResult& result, bool verbose, const WhereFn& where = {});

// The decision of SCPs and RCPs together: an explicit deny of either wins; otherwise both
// must allow. The RCP levels follow the SCP levels in the trace.
eval::Evaluation combine(eval::Evaluation scps, eval::Evaluation rcps);

// One statement that decided a request: an applying statement of the decision's effect.
struct Decider {
  std::string policy, level;
  const eval::StatementTrace* statement = nullptr;  // into the evaluation's trace
};
// Every applying statement of the decision's effect (Deny for a deny, Allow for an allow), in
// chain order: `expect ... by P "Sid"` asks whether P (and Sid) is among them. Empty for an
// implicit deny and an exempt request.
std::vector<Decider> deciders(const eval::Evaluation& evaluation);

}  // namespace rootpol::runner
