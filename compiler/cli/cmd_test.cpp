// `rootpol test` (run the program's test blocks) and `rootpol explain` (decide one request).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "cli/test_report.h"
#include "driver/compilation.h"
#include "org/model.h"
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

// The SCPs given as JSON files (runner/json_policies.h): their diagnostics and the files that
// hold them (so that `explain` names a JSON statement's line:column).
struct JsonInputs {
  std::vector<std::string> paths;
  std::vector<runner::JsonPolicy> policies;
  DiagnosticSink sink;
  std::set<FileId> files;
  bool fullAwsAccess = true;

  runner::JsonInputs forRunner() const { return runner::JsonInputs{&policies, fullAwsAccess}; }
};

// Takes the `*.json` files named on the command line out of the program's inputs.
void splitJsonInputs(driver::Options& options, JsonInputs& json) {
  std::vector<std::string> program;
  for (std::string& path : options.inputs) (runner::isJsonPolicyPath(path) ? json.paths : program).push_back(std::move(path));
  options.inputs = std::move(program);
}

// Compile and placement diagnostics, then those of the JSON inputs (read last).
std::vector<Diagnostic> withJson(std::vector<Diagnostic> all, const JsonInputs& json) {
  std::vector<Diagnostic> extra = json.sink.sorted();
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

// Compiles and reads the JSON inputs; returns an exit code (after printing the diagnostics)
// when the program cannot be tested. Otherwise the diagnostics are left to print with the
// placement ones, so that a SARIF document is one document. With json nothing is printed
// here: the caller's document holds the diagnostics.
std::optional<int> compileForTests(driver::Compilation& compilation, JsonInputs& json, const CommonFlags& flags) {
  if (!compilation.run()) {
    if (!jsonReport(flags)) printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags);
    std::cerr << "rootpol: " << compilation.toolError().value_or("failed") << "\n";
    return kExitToolFailure;
  }
  std::string error;
  if (!runner::loadJsonPolicies(json.paths, compilation.sources(), json.sink, json.policies, error)) {
    std::cerr << "rootpol: " << error << "\n";
    return kExitToolFailure;
  }
  for (const runner::JsonPolicy& p : json.policies) json.files.insert(p.span.file);
  for (const driver::AttachedFile& f : compilation.attachedFiles()) json.files.insert(f.policy.span.file);
  if (!json.fullAwsAccess && (json.policies.empty() || compilation.organization().declared)) {
    std::cerr << "rootpol: --no-full-aws-access applies to JSON policies in a program without an organization"
                 " (an organization detaches it with `detach FullAWSAccess from TARGET`)\n";
    return kExitToolFailure;
  }
  if (compilation.organization().declared && !compilation.diagnostics().hasErrors())
    runner::reportUnattached(json.policies, json.sink);
  if (!compilation.diagnostics().hasErrors() && !json.sink.hasErrors()) return std::nullopt;
  if (!jsonReport(flags)) printDiagnostics(compilation.sources(), withJson(compilation.diagnostics().sorted(), json), flags);
  return kExitInputErrors;
}

// Every diagnostic of the run, compile and placement.
std::vector<Diagnostic> allDiagnostics(const driver::Compilation& compilation, const DiagnosticSink& placement,
                                       const JsonInputs& json) {
  std::vector<Diagnostic> all = compilation.diagnostics().sorted();
  std::vector<Diagnostic> placed = placement.sorted();
  all.insert(all.end(), placed.begin(), placed.end());
  return withJson(std::move(all), json);
}

// ` at FILE:LINE:COLUMN` after a JSON policy's statement in the human report.
runner::WhereFn whereInJson(const SourceManager& sources, const JsonInputs& json) {
  return [&sources, &json](Span span) -> std::string {
    if (!span.valid() || json.files.count(span.file) == 0) return {};
    const SourceFile& file = sources.file(span.file);
    LineCol at = file.lineCol(span.begin);
    return fmt::format(" ({}:{}:{})", file.path(), at.line, at.column);
  };
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
  JsonInputs inputs;
  inputs.fullAwsAccess = !flags.noFullAwsAccess;
  driver::Options options = flags.common.options;
  splitJsonInputs(options, inputs);
  if (options.inputs.empty()) {
    std::cerr << "rootpol: JSON policies have no test blocks: 'test' needs a .rootpol program beside them"
                 " (or use 'rootpol explain JSON_FILES -r REQUEST')\n";
    return kExitToolFailure;
  }
  driver::Compilation compilation(options);
  const bool json = jsonReport(flags.common);
  if (auto code = compileForTests(compilation, inputs, flags.common)) {
    if (json) std::cout << testDocument(compilation.sources(), {}, withJson(compilation.diagnostics().sorted(), inputs));
    return *code;
  }
  DiagnosticSink placement;
  std::vector<runner::TestResult> results = runner::runTests(compilation, placement, inputs.forRunner());
  const bool allPassed = std::all_of(results.begin(), results.end(), [](const auto& t) { return t.passed(); });
  const int exit = allPassed && !placement.hasErrors() ? kExitOk : kExitInputErrors;
  if (json) {
    std::cout << testDocument(compilation.sources(), results, allDiagnostics(compilation, placement, inputs));
    return exit;
  }
  printDiagnostics(compilation.sources(), allDiagnostics(compilation, placement, inputs), flags.common);
  const runner::WhereFn where = whereInJson(compilation.sources(), inputs);
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
      printIndented(out, runner::explain(c, flags.verbose, where));
    }
  }
  out << fmt::format("{} test{}, {} passed, {} failed\n", results.size(), results.size() == 1 ? "" : "s", passed,
                     results.size() - passed);
  return exit;
}

int runExplain(const TestFlags& flags, const std::string& request) {
  CommonFlags common = flags.common;
  JsonInputs inputs;
  inputs.fullAwsAccess = !flags.noFullAwsAccess;
  splitJsonInputs(common.options, inputs);
  // The request is written in test syntax and compiled with the program, so keys, values and
  // the account are checked exactly as in a test block.
  common.options.extraSources.push_back(
      {"<request>", fmt::format("test \"explain\" {{\n  request {}\n  expect allow\n}}\n", request)});
  driver::Compilation compilation(common.options);
  if (auto code = compileForTests(compilation, inputs, common)) {
    if (jsonReport(common))
      std::cout << explainDocument(compilation.sources(), nullptr, withJson(compilation.diagnostics().sorted(), inputs));
    return *code;
  }
  DiagnosticSink placement;
  std::vector<runner::TestResult> results = runner::runTests(compilation, placement, inputs.forRunner());
  const runner::CaseResult* c = requestResult(compilation, results);
  const int exit = c == nullptr || c->ran ? kExitOk : kExitInputErrors;
  if (jsonReport(common)) {
    std::cout << explainDocument(compilation.sources(), c, allDiagnostics(compilation, placement, inputs));
    return exit;
  }
  printDiagnostics(compilation.sources(), allDiagnostics(compilation, placement, inputs), common);
  if (c != nullptr && c->ran) {
    reportStream(common) << describeRequest(c->testCase->request) << "\n"
                         << runner::explain(*c, flags.verbose, whereInJson(compilation.sources(), inputs));
  }
  return exit;
}

}  // namespace rootpol::cli
