#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "lint/linter.h"

namespace rootpol::driver {

class Compilation;

// `rootpol lint` (the CLI and the lint goldens): the linter fed with what it needs as data. The
// .rootpol files among the paths are compiled here as one program (Compilation) and handed to
// lint::LintRun with the quotas selected by `limits` (as --limits). lint/ itself knows neither
// the pipeline nor the limits table.
class LintSession {
 public:
  LintSession(lint::LintOptions options, std::string limits);
  ~LintSession();

  // false: a tool failure (unreadable path, bad --limits, bad configuration); see toolError().
  bool run();

  const std::optional<std::string>& toolError() const { return toolError_; }
  const SourceManager& sources() const { return run_.sources(); }  // after a successful run()
  const std::vector<Diagnostic>& findings() const { return run_.findings(); }  // sorted
  std::size_t filesLinted() const { return run_.filesLinted(); }
  // Some finding is at or above the fail-on severity.
  bool failed() const { return run_.failed(); }

 private:
  lint::LintRun run_;
  std::string limits_;
  std::unique_ptr<Compilation> compilation_;  // when there are .rootpol files
  SourceManager ownSources_;                  // when there are none
  std::optional<std::string> toolError_;
};

}  // namespace rootpol::driver
