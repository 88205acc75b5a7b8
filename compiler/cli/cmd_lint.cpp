// `rootpol lint PATHS...`: findings on .rootpol programs and SCP JSON for pull requests.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "driver/lint_session.h"

namespace rootpol::cli {
namespace {

std::string lintSummary(const std::vector<Diagnostic>& findings, std::size_t files) {
  std::size_t counts[3] = {0, 0, 0};
  for (const Diagnostic& d : findings) ++counts[static_cast<int>(d.severity)];
  auto part = [](std::size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  return fmt::format("lint: {}, {}, {} in {}", part(counts[2], "error"), part(counts[1], "warning"),
                     part(counts[0], "note"), part(files, "file"));
}

}  // namespace

int runLint(const LintFlags& flags) {
  lint::LintOptions options;
  options.paths = flags.common.options.inputs;
  if (!flags.configFile.empty()) options.configFile = flags.configFile;
  if (!flags.failOn.empty()) options.failOn = lint::severityFromName(flags.failOn);
  if (!flags.kind.empty()) options.kind = lint::declaredKindFromName(flags.kind).value_or(lint::DeclaredKind::Auto);
  options.threads = flags.threads;
  driver::LintSession run(options, flags.common.options.limits);
  if (!run.run()) {
    std::cerr << "rootpol: " << run.toolError().value_or("lint failed") << "\n";
    return kExitToolFailure;
  }
  printDiagnostics(run.sources(), run.findings(), flags.common, /*summary=*/false);
  if (flags.common.format == DiagnosticFormat::Human)
    std::cerr << lintSummary(run.findings(), run.filesLinted()) << "\n";
  return run.failed() ? kExitInputErrors : kExitOk;
}

}  // namespace rootpol::cli
