// rootpol's lint timed in-process, the way bench/lint_oracle.mjs times @cloud-copilot/iam-policy's
// validator: the best of ROUNDS runs of reading the file and every lint check, with process
// start-up and the printing of findings left out on both sides (later rounds also find the
// catalog's service blocks already scanned, as the oracle's find its code compiled). Run by
// bench/lint_bench.sh. Prints one line per file:
//   <file> <findings> <best ms of ROUNDS>
// Usage: lint_inprocess [--threads N] ROUNDS FILE...   (every file linted with --kind scp; the
//        checks on N threads, default lint's own)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lint/linter.h"

using namespace rootpol;

namespace {

// Findings of one lint of `file`, or -1 when lint could not run.
long lintOnce(const std::string& file, unsigned threads) {
  lint::LintOptions options;
  options.paths = {file};
  options.kind = lint::DeclaredKind::Scp;
  if (threads > 0) options.threads = threads;
  lint::LintRun run(options);
  if (!run.collect()) return -1;
  SourceManager sources;
  if (!run.run(sources, lint::RootpolProgram{}, lint::LintQuotas{5120, 5120})) return -1;
  return static_cast<long>(run.findings().size());
}

}  // namespace

int main(int argc, char** argv) {
  unsigned threads = 0;  // lint's default
  int first = 1;
  if (argc > 2 && std::string(argv[1]) == "--threads") {
    threads = static_cast<unsigned>(std::max(1, std::atoi(argv[2])));
    first = 3;
  }
  if (argc < first + 2) {
    std::fprintf(stderr, "usage: lint_inprocess [--threads N] ROUNDS FILE...\n");
    return 2;
  }
  int rounds = std::max(1, std::atoi(argv[first]));
  for (int f = first + 1; f < argc; ++f) {
    double best = 0;
    long findings = 0;
    for (int r = 0; r < rounds; ++r) {
      auto start = std::chrono::steady_clock::now();
      findings = lintOnce(argv[f], threads);
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
