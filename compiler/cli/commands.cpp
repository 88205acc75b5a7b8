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

namespace rootpol::cli {
namespace {

bool useColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr &&
         !(term != nullptr && std::string(term) == "dumb");
}

// Prints the diagnostics (stderr) and returns whether the input had errors.
bool printDiagnostics(const driver::Compilation& compilation, const CommonFlags& flags) {
  std::vector<Diagnostic> diagnostics = compilation.diagnostics().sorted();
  if (flags.format == DiagnosticFormat::Json) {
    std::cerr << renderJson(compilation.sources(), diagnostics);
  } else {
    HumanRenderOptions options{useColor(flags.color)};
    for (const Diagnostic& d : diagnostics) std::cerr << renderHuman(compilation.sources(), d, options) << "\n";
    std::size_t errors = 0, warnings = 0;
    for (const Diagnostic& d : diagnostics) {
      errors += d.severity == Severity::Error;
      warnings += d.severity == Severity::Warning;
    }
    std::string summary = renderSummary(errors, warnings);
    if (!summary.empty()) std::cerr << summary << "\n";
  }
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

}  // namespace

int runCheck(const CommonFlags& flags) {
  driver::Compilation compilation(flags.options);
  if (auto code = runPipeline(compilation, flags)) return *code;
  return kExitOk;
}

int runCompile(const CommonFlags& flags, const std::string& outDir) {
  driver::Compilation compilation(flags.options);
  if (auto code = runPipeline(compilation, flags)) return *code;
  std::vector<const driver::CompiledPolicy*> policies;
  for (const auto& p : compilation.policies()) policies.push_back(&p);
  std::sort(policies.begin(), policies.end(), [](auto* a, auto* b) { return a->name < b->name; });
  std::vector<driver::OutputFile> files;
  for (const auto* p : policies) files.push_back({"scp/" + p->name + ".json", p->json});
  std::string error;
  if (!driver::writeOutputsAtomically(outDir, files, error)) {
    std::cerr << "rootpol: " << error << "\n";
    return kExitToolFailure;
  }
  std::size_t quota = compilation.scpSizeQuota();
  for (const auto* p : policies) {
    std::string path = (std::filesystem::path(outDir) / "scp" / (p->name + ".json")).generic_string();
    std::cout << fmt::format("wrote {}  {} statement{}, {} of {} bytes ({}%)\n", path, p->statementCount,
                             p->statementCount == 1 ? "" : "s", p->json.size(), quota, p->json.size() * 100 / quota);
  }
  return kExitOk;
}

}  // namespace rootpol::cli
