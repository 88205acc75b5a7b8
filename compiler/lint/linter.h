#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_input.h"
#include "base/source.h"
#include "lint/config.h"
#include "lint/program.h"

namespace rootpol::lint {

struct LintOptions {
  std::vector<std::string> paths;         // files or directories
  std::optional<std::string> configFile;  // default: ./.rootpol-lint.json when it exists
  std::optional<Severity> failOn;         // overrides the configuration; default Error
  // --kind: the kind of every policy file; Auto leaves it to the configuration's `kinds`,
  // then to the statements.
  DeclaredKind kind = DeclaredKind::Auto;
  // --threads: the rules' checks run on up to this many threads (1: on the caller's only). The
  // findings are the same for any number.
  unsigned threads = 2;
};

// One `rootpol lint` run, in two steps. collect() finds the inputs among the paths; the caller
// compiles the .rootpol files among them as one program (driver/lint_session.h) and passes it
// to run(), whose findings are the compiler's diagnostics plus the lint rules on the compiled
// SCPs; every JSON policy file is read on its own; then the program-wide rules run over
// everything. Suppressions, ignores and severity overrides are applied last.
class LintRun {
 public:
  explicit LintRun(LintOptions options);
  ~LintRun();

  // Walks the paths and reads standard input for `-`. false: a tool failure (missing or
  // unreadable path); see toolError().
  bool collect();
  // After collect(): the .rootpol files to compile as one program, and the text of `-` when it
  // was read (the program may be that text).
  const std::vector<std::string>& rootpolFiles() const { return rootpolFiles_; }
  const std::optional<std::string>& stdinText() const { return stdinText_; }

  // After collect(): lints. `sources` holds the files of `program` (nothing when there is no
  // .rootpol file); the files lint reads are added to it, so it must outlive this run.
  // false: a tool failure (unreadable file, unreadable configuration); see toolError().
  bool run(SourceManager& sources, RootpolProgram program, const LintQuotas& quotas);

  const std::optional<std::string>& toolError() const { return toolError_; }
  const SourceManager& sources() const { return *sources_; }  // after run()
  const std::vector<Diagnostic>& findings() const { return findings_; }  // sorted
  std::size_t filesLinted() const { return filesLinted_; }
  // Some finding is at or above the fail-on severity.
  bool failed() const;

 private:
  bool loadConfig();
  void finish(std::vector<Diagnostic> all);
  void reportInputProblems(SourceManager& sources, std::vector<Diagnostic>& all) const;

  LintOptions options_;
  LintConfig config_;
  SourceManager* sources_ = nullptr;  // the caller's, see run()
  std::vector<std::string> rootpolFiles_;
  std::vector<std::string> policyFiles_;
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
