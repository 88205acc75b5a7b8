#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "base/source.h"
#include "runner/test_runner.h"

// The reports of `rootpol test` and `rootpol explain` with `--format json`: one JSON document
// on stdout that holds the results and every diagnostic of the run (docs/evaluator.md, "JSON
// reports"). Byte-deterministic: keys in a fixed order, levels from the root to the account,
// policies in attachment order, statements in document order, context keys sorted.
namespace rootpol::cli {

// `request root in account audit does s3:GetObject on "arn:..."`, as the human report shows it.
std::string describeRequest(const ast::TestRequest& request);

// The `rootpol explain` document. `result` is null when the request was not decided (the
// program has errors, or the request could not be placed): request and decision are null then.
std::string explainDocument(const SourceManager& sources, const runner::CaseResult* result,
                            const std::vector<Diagnostic>& diagnostics);

// The `rootpol test` document: every test with its cases, a summary and the diagnostics.
std::string testDocument(const SourceManager& sources, const std::vector<runner::TestResult>& results,
                         const std::vector<Diagnostic>& diagnostics);

}  // namespace rootpol::cli
