// differential: compares eval::Evaluator with @cloud-copilot/iam-simulate on random requests
// against every SCP of examples/, the golden programs and the public corpus; see
// docs/evaluator.md. Exit status: 0 no disagreement, 1 disagreements, 2 usage or tool failure,
// 77 the oracle cannot run here (no node, or tests/oracle/node_modules missing).
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "arn_types.h"
#include "generator.h"
#include "inputs.h"
#include "oracle_client.h"
#include "quirks.h"
#include "replay.h"
#include "report.h"
#include "runner.h"

namespace fs = std::filesystem;
using namespace rootpol;
using namespace rootpol::differential;

namespace {

constexpr const char* kUsage =
    "usage: differential --repo DIR --requests N --seed S [--corpus DIR] [--json FILE]\n"
    "                    [--batch N] [--show N]\n"
    "       differential --repo DIR --replay CASES.json\n"
    "       differential --repo DIR --requests N --seed S --ours-only ROUNDS\n"
    "  --repo DIR     the rootpol checkout (examples/, tests/golden/, tests/oracle/)\n"
    "  --requests N   requests to generate, shared among the documents (default 3000)\n"
    "  --seed S       generator seed (default 1)\n"
    "  --corpus DIR   SCP JSON corpus (default DIR/../shared/corpus/scp; skipped when absent)\n"
    "  --json FILE    also write the summary as JSON\n"
    "  --batch N      cases per oracle process (default 2000)\n"
    "  --show N       disagreements printed in full (default 20)\n"
    "  --replay FILE  decide the cases of FILE (the oracle's stdin format) with both\n"
    "                 evaluators, no quirk filter, and print both decisions\n"
    "  --ours-only R  no oracle: decide every generated request R times with our evaluator\n"
    "                 and print the decisions and the time (a benchmark, bench/README.md)\n";

struct Args {
  fs::path repo;
  std::optional<fs::path> corpus;
  std::optional<fs::path> json;
  std::optional<fs::path> replay;
  std::size_t requests = 3000;
  std::uint32_t seed = 1;
  std::size_t batch = 2000;
  std::size_t show = 20;
  std::optional<std::size_t> oursOnly;  // rounds
};

template <typename T>
bool number(const std::string& text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool parseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "-h" || flag == "--help") return false;
    if (i + 1 >= argc) return false;
    const std::string value = argv[++i];
    bool ok = true;
    if (flag == "--repo") {
      args.repo = value;
    } else if (flag == "--corpus") {
      args.corpus = value;
    } else if (flag == "--json") {
      args.json = value;
    } else if (flag == "--replay") {
      args.replay = value;
    } else if (flag == "--requests") {
      ok = number(value, args.requests);
    } else if (flag == "--seed") {
      ok = number(value, args.seed);
    } else if (flag == "--batch") {
      ok = number(value, args.batch) && args.batch > 0;
    } else if (flag == "--show") {
      ok = number(value, args.show);
    } else if (flag == "--ours-only") {
      ok = number(value, args.oursOnly.emplace());
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "differential: bad argument: " << flag << " " << value << "\n";
      return false;
    }
  }
  return !args.repo.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parseArgs(argc, argv, args)) {
    std::cerr << kUsage;
    return 2;
  }
  semantic::OracleClient oracle(args.repo / "tests" / "oracle");
  if (auto why = oracle.unavailableReason(); why && !args.oursOnly) {
    std::cout << "differential: SKIPPED: " << *why << "\n";
    return 77;
  }
  if (args.replay) return replay(*args.replay, oracle, std::cout);
  std::vector<SourceDocument> documents;
  InputStats inputs;
  std::string error;
  const fs::path corpus = args.corpus.value_or(args.repo / ".." / "shared" / "corpus" / "scp");
  if (!loadDocuments(args.repo, corpus, documents, inputs, error)) {
    std::cerr << "differential: " << error << "\n";
    return 2;
  }
  const catalog::Catalog& catalog = catalog::Catalog::builtin();
  ResourceTypes resources(catalog);
  Generated generated = generate(documents, catalog, resources, args.seed, args.requests);
  if (args.oursOnly) {
    timeOursOnly(documents, generated, *args.oursOnly, std::cout);
    return 0;
  }
  QuirkFilter quirks(documents, catalog);
  RunStats stats;
  Runner runner(documents, generated, quirks, oracle, args.batch);
  if (!runner.run(stats, error)) {
    std::cerr << "differential: " << error << "\n";
    return 2;
  }
  const RunInfo info{args.seed, args.requests, args.batch};
  printDisagreements(std::cout, stats, args.show);
  printSummary(std::cout, info, inputs, stats);
  if (args.json) {
    std::ofstream out(*args.json);
    out << summaryJson(info, inputs, stats).dump(2) << "\n";
    if (!out) {
      std::cerr << "differential: cannot write " << args.json->string() << "\n";
      return 2;
    }
  }
  return stats.disagreementCount == 0 ? 0 : 1;
}
