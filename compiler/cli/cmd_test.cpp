// `rootpol test` (run the program's test blocks) and `rootpol explain` (decide one request).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/test_report.h"
#include "driver/compilation.h"
#include "runner/test_runner.h"

namespace rootpol::cli {
namespace {

// Each line of `text` (which ends in a newline) under the test's name.
void printIndented(std::ostream& out, const std::string& text) {
  for (std::size_t at = 0, end; at < text.size(); at = end + 1) {
    end = text.find('\n', at);
    out << "      " << text.substr(at, end - at) << "\n";
  }
}

bool jsonReport(const CommonFlags& flags) { return flags.format == DiagnosticFormat::Json; }

// Compiles; returns an exit code (after printing the diagnostics) when the program cannot be
// tested. Otherwise the diagnostics are left to print with the placement ones, so that a
// SARIF document is one document. With json nothing is printed here: the caller's document
// holds the diagnostics.
std::optional<int> compileForTests(driver::Compilation& compilation, const CommonFlags& flags) {
  if (!compilation.run()) {
    if (!jsonReport(flags)) printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags);
    std::cerr << "rootpol: " << compilation.toolError().value_or("failed") << "\n";
    return kExitToolFailure;
  }
  if (!compilation.diagnostics().hasErrors()) return std::nullopt;
  if (!jsonReport(flags)) printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags);
  return kExitInputErrors;
}

// Every diagnostic of the run, compile and placement.
std::vector<Diagnostic> allDiagnostics(const driver::Compilation& compilation, const DiagnosticSink& placement) {
  std::vector<Diagnostic> all = compilation.diagnostics().sorted();
  std::vector<Diagnostic> placed = placement.sorted();
  all.insert(all.end(), placed.begin(), placed.end());
  return all;
}

// The human report goes to stdout, except when a SARIF document owns stdout.
std::ostream& reportStream(const CommonFlags& flags) {
  return flags.format == DiagnosticFormat::Sarif ? std::cerr : std::cout;
}

// The result of the request `explain` added to the program (the extra source, loaded last).
const runner::CaseResult* requestResult(const driver::Compilation& compilation,
                                        const std::vector<runner::TestResult>& results) {
  const ast::Module& added = *compilation.modules().back();
  for (const runner::TestResult& t : results) {
    if (!added.tests.empty() && t.test == &added.tests.front() && !t.cases.empty()) return &t.cases.front();
  }
  return nullptr;
}

}  // namespace

int runTest(const TestFlags& flags) {
  driver::Compilation compilation(flags.common.options);
  const bool json = jsonReport(flags.common);
  if (auto code = compileForTests(compilation, flags.common)) {
    if (json) std::cout << testDocument(compilation.sources(), {}, compilation.diagnostics().sorted());
    return *code;
  }
  DiagnosticSink placement;
  std::vector<runner::TestResult> results = runner::runTests(compilation, placement);
  const bool allPassed = std::all_of(results.begin(), results.end(), [](const auto& t) { return t.passed(); });
  const int exit = allPassed && !placement.hasErrors() ? kExitOk : kExitInputErrors;
  if (json) {
    std::cout << testDocument(compilation.sources(), results, allDiagnostics(compilation, placement));
    return exit;
  }
  printDiagnostics(compilation.sources(), allDiagnostics(compilation, placement), flags.common);
  std::ostream& out = reportStream(flags.common);
  std::size_t passed = 0;
  for (const runner::TestResult& t : results) {
    passed += t.passed() ? 1 : 0;
    out << fmt::format("{}  {}\n", t.passed() ? "PASS" : "FAIL", t.test->name);
    for (const runner::CaseResult& c : t.cases) {
      if (c.ran && c.passed && !flags.verbose) continue;
      out << fmt::format("      {}\n", describeRequest(c.testCase->request));
      if (!c.ran) {
        out << "      not run: the request could not be placed (see the diagnostics)\n";
        continue;
      }
      if (!c.passed) printIndented(out, c.failure + "\n");
      printIndented(out, runner::explain(c, flags.verbose));
    }
  }
  out << fmt::format("{} test{}, {} passed, {} failed\n", results.size(), results.size() == 1 ? "" : "s", passed,
                     results.size() - passed);
  return exit;
}

int runExplain(const TestFlags& flags, const std::string& request) {
  CommonFlags common = flags.common;
  // The request is written in test syntax and compiled with the program, so keys, values and
  // the account are checked exactly as in a test block.
  common.options.extraSources.push_back(
      {"<request>", fmt::format("test \"explain\" {{\n  request {}\n  expect allow\n}}\n", request)});
  driver::Compilation compilation(common.options);
  if (auto code = compileForTests(compilation, common)) {
    if (jsonReport(common)) std::cout << explainDocument(compilation.sources(), nullptr, compilation.diagnostics().sorted());
    return *code;
  }
  DiagnosticSink placement;
  std::vector<runner::TestResult> results = runner::runTests(compilation, placement);
  const runner::CaseResult* c = requestResult(compilation, results);
  const int exit = c == nullptr || c->ran ? kExitOk : kExitInputErrors;
  if (jsonReport(common)) {
    std::cout << explainDocument(compilation.sources(), c, allDiagnostics(compilation, placement));
    return exit;
  }
  printDiagnostics(compilation.sources(), allDiagnostics(compilation, placement), common);
  if (c != nullptr && c->ran) {
    reportStream(common) << describeRequest(c->testCase->request) << "\n" << runner::explain(*c, flags.verbose);
  }
  return exit;
}

}  // namespace rootpol::cli
