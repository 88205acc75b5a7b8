// `rootpol test` (run the program's test blocks) and `rootpol explain` (decide one request).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "driver/compilation.h"
#include "runner/test_runner.h"

namespace rootpol::cli {
namespace {

std::string describe(const ast::TestRequest& r) {
  return fmt::format("request {}{} does {}{}", r.root ? std::string("root") : r.principal->text,
                     r.account ? " in account " + *r.account : std::string(), r.action,
                     r.resource ? " on " + r.resource->text : std::string());
}

// Compiles, prints the diagnostics; returns an exit code when the program cannot be tested.
std::optional<int> compileForTests(driver::Compilation& compilation, const CommonFlags& flags) {
  if (!compilation.run()) {
    printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags);
    std::cerr << "rootpol: " << compilation.toolError().value_or("failed") << "\n";
    return kExitToolFailure;
  }
  printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags);
  if (compilation.diagnostics().hasErrors()) return kExitInputErrors;
  return std::nullopt;
}

}  // namespace

int runTest(const TestFlags& flags) {
  driver::Compilation compilation(flags.common.options);
  if (auto code = compileForTests(compilation, flags.common)) return *code;
  DiagnosticSink placement;
  std::vector<runner::TestResult> results = runner::runTests(compilation, placement);
  printDiagnostics(compilation.sources(), placement.sorted(), flags.common);
  std::size_t passed = 0;
  for (const runner::TestResult& t : results) {
    passed += t.passed() ? 1 : 0;
    std::cout << fmt::format("{}  {}\n", t.passed() ? "PASS" : "FAIL", t.test->name);
    for (const runner::CaseResult& c : t.cases) {
      if (c.ran && c.passed && !flags.verbose) continue;
      std::cout << fmt::format("      {}\n", describe(c.testCase->request));
      if (!c.ran) {
        std::cout << "      not run: the request could not be placed (see the diagnostics)\n";
        continue;
      }
      if (!c.passed) std::cout << fmt::format("      {}\n", c.failure);
      std::string why = runner::explain(c.evaluation, flags.verbose);
      for (std::size_t at = 0, end; at < why.size(); at = end + 1) {
        end = why.find('\n', at);
        std::cout << "      " << why.substr(at, end - at) << "\n";
      }
    }
  }
  std::cout << fmt::format("{} test{}, {} passed, {} failed\n", results.size(), results.size() == 1 ? "" : "s",
                           passed, results.size() - passed);
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
  printDiagnostics(compilation.sources(), placement.sorted(), common);
  const ast::Module& added = *compilation.modules().back();  // the extra source is loaded last
  for (const runner::TestResult& t : results) {
    if (added.tests.empty() || t.test != &added.tests.front()) continue;
    for (const runner::CaseResult& c : t.cases) {
      if (!c.ran) return kExitInputErrors;
      std::cout << describe(c.testCase->request) << "\n" << runner::explain(c.evaluation, flags.verbose);
    }
  }
  return kExitOk;
}

}  // namespace rootpol::cli
