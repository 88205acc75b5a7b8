// `rootpol test` (run the program's test blocks) and `rootpol explain` (decide one request).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "driver/compilation.h"
#include "runner/test_runner.h"

namespace rootpol::cli {
namespace {

std::string describe(const ast::TestRequest& r) {
  std::string account = r.account ? " in account " + *r.account
                        : r.accountId ? " in account \"" + r.accountId->text + "\""
                                      : std::string();
  return fmt::format("request {}{} does {}{}", r.root ? std::string("root") : r.principal->text, account, r.action,
                     r.resource ? " on " + r.resource->text : std::string());
}

// Each line of `text` (which ends in a newline) under the test's name.
void printIndented(std::ostream& out, const std::string& text) {
  for (std::size_t at = 0, end; at < text.size(); at = end + 1) {
    end = text.find('\n', at);
    out << "      " << text.substr(at, end - at) << "\n";
  }
}

// Compiles; returns an exit code (after printing the diagnostics) when the program cannot be
// tested. Otherwise the diagnostics are left to print with the placement ones, so that a
// SARIF document is one document.
std::optional<int> compileForTests(driver::Compilation& compilation, const CommonFlags& flags) {
  if (!compilation.run()) {
    printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags);
    std::cerr << "rootpol: " << compilation.toolError().value_or("failed") << "\n";
    return kExitToolFailure;
  }
  if (!compilation.diagnostics().hasErrors()) return std::nullopt;
  printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags);
  return kExitInputErrors;
}

// Every diagnostic of the run, compile and placement, printed once.
void printAll(const driver::Compilation& compilation, const DiagnosticSink& placement, const CommonFlags& flags) {
  std::vector<Diagnostic> all = compilation.diagnostics().sorted();
  std::vector<Diagnostic> placed = placement.sorted();
  all.insert(all.end(), placed.begin(), placed.end());
  printDiagnostics(compilation.sources(), all, flags);
}

// The human report goes to stdout, except when a SARIF document owns stdout.
std::ostream& reportStream(const CommonFlags& flags) {
  return flags.format == DiagnosticFormat::Sarif ? std::cerr : std::cout;
}

}  // namespace

int runTest(const TestFlags& flags) {
  driver::Compilation compilation(flags.common.options);
  if (auto code = compileForTests(compilation, flags.common)) return *code;
  DiagnosticSink placement;
  std::vector<runner::TestResult> results = runner::runTests(compilation, placement);
  printAll(compilation, placement, flags.common);
  std::ostream& out = reportStream(flags.common);
  std::size_t passed = 0;
  for (const runner::TestResult& t : results) {
    passed += t.passed() ? 1 : 0;
    out << fmt::format("{}  {}\n", t.passed() ? "PASS" : "FAIL", t.test->name);
    for (const runner::CaseResult& c : t.cases) {
      if (c.ran && c.passed && !flags.verbose) continue;
      out << fmt::format("      {}\n", describe(c.testCase->request));
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
  return passed == results.size() && !placement.hasErrors() ? kExitOk : kExitInputErrors;
}

int runExplain(const TestFlags& flags, const std::string& request) {
  CommonFlags common = flags.common;
  // The request is written in test syntax and compiled with the program, so keys, values and
  // the account are checked exactly as in a test block.
  common.options.extraSources.push_back(
      {"<request>", fmt::format("test \"explain\" {{\n  request {}\n  expect allow\n}}\n", request)});
  driver::Compilation compilation(common.options);
  if (auto code = compileForTests(compilation, common)) return *code;
  DiagnosticSink placement;
  std::vector<runner::TestResult> results = runner::runTests(compilation, placement);
  printAll(compilation, placement, common);
  std::ostream& out = reportStream(common);
  const ast::Module& added = *compilation.modules().back();  // the extra source is loaded last
  for (const runner::TestResult& t : results) {
    if (added.tests.empty() || t.test != &added.tests.front()) continue;
    for (const runner::CaseResult& c : t.cases) {
      if (!c.ran) return kExitInputErrors;
      out << describe(c.testCase->request) << "\n" << runner::explain(c, flags.verbose);
    }
  }
  return kExitOk;
}

}  // namespace rootpol::cli
