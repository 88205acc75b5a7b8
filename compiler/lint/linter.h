#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_input.h"
#include "base/source.h"
#include "lint/config.h"

namespace rootpol::driver {
class Compilation;
}

namespace rootpol::lint {

struct LintOptions {
  std::vector<std::string> paths;         // files or directories
  std::string limits;                     // as --limits
  std::optional<std::string> configFile;  // default: ./.rootpol-lint.json when it exists
  std::optional<Severity> failOn;         // overrides the configuration; default Error
};

// One `rootpol lint` run: the .rootpol files among the paths are checked and compiled as one
// program (their findings are the compiler's diagnostics plus the lint rules on the compiled
// SCPs); every JSON policy file is read on its own; then the program-wide rules run over
// everything. Suppressions, ignores and severity overrides are applied last.
class LintRun {
 public:
  explicit LintRun(LintOptions options);
  ~LintRun();

  // false: a tool failure (unreadable path, bad configuration); see toolError().
  bool run();

  const std::optional<std::string>& toolError() const { return toolError_; }
  const SourceManager& sources() const;
  const std::vector<Diagnostic>& findings() const { return findings_; }  // sorted
  std::size_t filesLinted() const { return filesLinted_; }
  // Some finding is at or above the fail-on severity.
  bool failed() const;

 private:
  bool collect(std::vector<std::string>& rootpol, std::vector<std::string>& policies);
  bool loadConfig();
  void finish(std::vector<Diagnostic> all);
  void reportInputProblems(SourceManager& sources, std::vector<Diagnostic>& all) const;

  LintOptions options_;
  LintConfig config_;
  std::unique_ptr<driver::Compilation> compilation_;
  std::unique_ptr<SourceManager> ownSources_;
  std::vector<Diagnostic> findings_;
  std::vector<Diagnostic> configErrors_;  // RP4201
  std::optional<std::string> toolError_;
  std::size_t filesLinted_ = 0;
  // Input paths lint did not read (base/file_input.h), reported as RP0011/RP0012/RP0013.
  std::vector<input::Skipped> skipped_;
  std::vector<std::pair<std::string, input::Problem>> refused_;
  std::optional<std::string> stdinText_;  // `-`, read once
};

}  // namespace rootpol::lint
