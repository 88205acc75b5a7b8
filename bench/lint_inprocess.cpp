// rootpol's lint timed in-process, the way bench/lint_oracle.mjs times @cloud-copilot/iam-policy's
// validator: the best of ROUNDS runs of reading the file and every lint check, with process
// start-up and the printing of findings left out on both sides (later rounds also find the
// catalog's service blocks already scanned, as the oracle's find its code compiled). Run by
// bench/lint_bench.sh. Prints one line per file:
//   <file> <findings> <best ms of ROUNDS>
// Usage: lint_inprocess ROUNDS FILE...   (every file linted with --kind scp)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lint/linter.h"

using namespace rootpol;

namespace {

// Findings of one lint of `file`, or -1 when lint could not run.
long lintOnce(const std::string& file) {
  lint::LintOptions options;
  options.paths = {file};
  options.kind = lint::DeclaredKind::Scp;
  lint::LintRun run(options);
  if (!run.collect()) return -1;
  SourceManager sources;
  if (!run.run(sources, lint::RootpolProgram{}, lint::LintQuotas{5120, 5120})) return -1;
  return static_cast<long>(run.findings().size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: lint_inprocess ROUNDS FILE...\n");
    return 2;
  }
  int rounds = std::max(1, std::atoi(argv[1]));
  for (int f = 2; f < argc; ++f) {
    double best = 0;
    long findings = 0;
    for (int r = 0; r < rounds; ++r) {
      auto start = std::chrono::steady_clock::now();
      findings = lintOnce(argv[f]);
      std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
      if (findings < 0) {
        std::fprintf(stderr, "lint_inprocess: cannot lint %s\n", argv[f]);
        return 1;
      }
      best = r == 0 ? ms.count() : std::min(best, ms.count());
    }
    std::printf("%s %ld %.1f\n", argv[f], findings, best);
  }
  return 0;
}
