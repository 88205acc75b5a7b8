#include "cli/commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "base/render.h"
#include "driver/compilation.h"
#include "driver/output_writer.h"
#include "lint/rule.h"

namespace rootpol::cli {
namespace {

bool useColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr &&
         !(term != nullptr && std::string(term) == "dumb");
}

std::string sarifOf(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                    const CommonFlags& flags) {
  SarifOptions options;
  options.toolVersion = ROOTPOL_VERSION;
  options.helpUriBase = "https://github.com/rootpol/rootpol/blob/main/docs/diagnostics/";
  options.baseDirectory = flags.sarifBase;
  options.ruleHelp = ruleHelp;
  return renderSarif(sources, diagnostics, options);
}

void printHuman(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                const CommonFlags& flags, bool summary) {
  HumanRenderOptions options{useColor(flags.color)};
  writeHuman(std::cerr, sources, diagnostics, options);
  std::size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : diagnostics) {
    errors += d.severity == Severity::Error;
    warnings += d.severity == Severity::Warning;
  }
  std::string line = renderSummary(errors, warnings);
  if (summary && !line.empty()) std::cerr << line << "\n";
}

// Prints the diagnostics and returns whether the input had errors.
bool printDiagnostics(const driver::Compilation& compilation, const CommonFlags& flags) {
  printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags);
  return compilation.diagnostics().hasErrors();
}

// Runs the pipeline; returns an exit code if it must stop here.
std::optional<int> runPipeline(driver::Compilation& compilation, const CommonFlags& flags) {
  if (!compilation.run()) {
    printDiagnostics(compilation, flags);
    std::cerr << "rootpol: " << compilation.toolError().value_or("failed") << "\n";
    return kExitToolFailure;
  }
  if (printDiagnostics(compilation, flags)) return kExitInputErrors;
  return std::nullopt;
}

// Deployment files, one line each; CfCT's copies of the SCPs are counted, not listed.
void printOtherOutputs(std::ostream& out, const std::string& outDir,
                       const std::vector<driver::OutputFile>& files) {
  std::size_t cfctPolicies = 0;
  for (const auto& f : files) cfctPolicies += f.path.rfind("cfct/policies/", 0) == 0 ? 1 : 0;
  for (const auto& f : files) {
    if (f.path.rfind("scp/", 0) == 0 || f.path.rfind("rcp/", 0) == 0 || f.path.rfind("cfct/policies/", 0) == 0)
      continue;
    std::string path = (std::filesystem::path(outDir) / f.path).generic_string();
    std::string extra = f.path == "cfct/manifest.yaml" && cfctPolicies > 0
                            ? fmt::format("  (+{} policy file{})", cfctPolicies, cfctPolicies == 1 ? "" : "s")
                            : "";
    out << fmt::format("wrote {}{}\n", path, extra);
  }
}

}  // namespace

std::string ruleHelp(DiagCode code) { return std::string(lint::lintParagraph(code)); }

void printDiagnostics(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                      const CommonFlags& flags, bool summary) {
  switch (flags.format) {
    case DiagnosticFormat::Json:
      std::cerr << renderJson(sources, diagnostics);
      break;
    case DiagnosticFormat::Sarif:
      std::cout << sarifOf(sources, diagnostics, flags);
      break;
    case DiagnosticFormat::Github:
      std::cout << renderGithub(sources, diagnostics);
      break;
    case DiagnosticFormat::Human:
      printHuman(sources, diagnostics, flags, summary);
      break;
  }
  std::cout.flush();
}

int runCheck(const CommonFlags& flags) {
  driver::Compilation compilation(flags.options);
  if (auto code = runPipeline(compilation, flags)) return *code;
  return kExitOk;
}

int runCompile(const CommonFlags& flags, const std::string& outDir, bool allowEmpty) {
  driver::Options options = flags.options;
  options.requireContent = !allowEmpty;
  driver::Compilation compilation(options);
  if (auto code = runPipeline(compilation, flags)) return *code;
  std::vector<driver::OutputFile> files = compilation.outputs();
  std::string error;
  if (!driver::writeOutputsAtomically(outDir, files, error)) {
    std::cerr << "rootpol: " << error << "\n";
    return kExitToolFailure;
  }
  // A SARIF document owns stdout: what was written goes to stderr then.
  std::ostream& out = flags.format == DiagnosticFormat::Sarif ? std::cerr : std::cout;
  for (const auto* p : compilation.policiesByName()) {
    const std::size_t quota = p->rcp ? compilation.limits().rcpMaxSize : compilation.scpSizeQuota();
    for (const driver::PolicyPart& part : p->parts) {
      std::string path = (std::filesystem::path(outDir) / (p->rcp ? "rcp" : "scp") / (part.name + ".json")).generic_string();
      const std::size_t statements = part.statementCount(), bytes = part.json.size();
      out << fmt::format("wrote {}  {} statement{}, {} of {} bytes ({}%)", path, statements, statements == 1 ? "" : "s",
                         bytes, quota, bytes * 100 / quota);
      if (p->parts.size() > 1) out << fmt::format("  (part {} of {} of {})", &part - p->parts.data() + 1, p->parts.size(), p->name);
      out << "\n";
    }
  }
  printOtherOutputs(out, outDir, files);
  return kExitOk;
}

}  // namespace rootpol::cli
