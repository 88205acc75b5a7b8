#include "report.h"

#include <algorithm>

#include <fmt/format.h>

namespace rootpol::differential {
namespace {

struct Throughput {
  double ours = 0;               // requests/s
  double oracle = 0;             // requests/s, node startup excluded
  double oracleWithStartup = 0;  // requests/s, everything included
  double startupShare = 0;       // of the oracle's wall time
};

Throughput throughput(const RunStats& s) {
  Throughput t;
  if (s.oursSeconds > 0) t.ours = static_cast<double>(s.oursEvaluations) / s.oursSeconds;
  const double startup = s.oracleStartupSeconds * static_cast<double>(s.oracleCalls);
  const double work = s.oracleSeconds - startup;
  if (work > 0) t.oracle = static_cast<double>(s.sent) / work;
  if (s.oracleSeconds > 0) {
    t.oracleWithStartup = static_cast<double>(s.sent) / s.oracleSeconds;
    t.startupShare = startup / s.oracleSeconds;
  }
  return t;
}

std::string counts(const std::map<std::string, std::size_t>& map) {
  std::string out;
  for (const auto& [name, n] : map) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", name, n);
  return out.empty() ? "none" : out;
}

std::size_t total(const std::array<std::size_t, kQuirkCount>& counts) {
  std::size_t sum = 0;
  for (std::size_t n : counts) sum += n;
  return sum;
}

// "in 12 documents, most: a (40), b (7), c (2)".
std::string topDocuments(const std::map<std::string, std::size_t>& documents) {
  std::vector<std::pair<std::size_t, std::string>> sorted;
  for (const auto& [name, n] : documents) sorted.emplace_back(n, name);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::string out =
      fmt::format("in {} document{}, most:", sorted.size(), sorted.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < sorted.size() && i < 3; ++i) {
    out += fmt::format("{} {} ({})", i == 0 ? "" : ",", sorted[i].second, sorted[i].first);
  }
  return out;
}

void printInputs(std::ostream& out, const InputStats& inputs) {
  std::size_t documents = 0;
  for (const auto& [source, n] : inputs.documentsBySource) documents += n;
  out << fmt::format("documents: {} ({})\n", documents, counts(inputs.documentsBySource));
  out << fmt::format("  golden programs: {}, skipped: {}\n", inputs.goldenPrograms,
                     counts(inputs.goldenSkipped));
  if (inputs.corpusAbsent) {
    out << fmt::format("  corpus: skipped ({})\n", *inputs.corpusAbsent);
  } else {
    out << fmt::format("  corpus files: {} *.json, skipped: {}\n", inputs.corpusFiles,
                       counts(inputs.corpusSkipped));
  }
}

}  // namespace

void printDisagreements(std::ostream& out, const RunStats& stats, std::size_t shown) {
  std::size_t n = 0;
  for (const Disagreement& d : stats.disagreements) {
    if (n++ == shown) break;
    out << fmt::format("DISAGREEMENT #{} (case {}): ours {}, oracle {}\n", n, d.index, d.ours,
                       d.oracle);
    out << "  request: " << d.request.dump() << "\n";
    out << "  oracle raw: " << d.raw.dump() << "\n";
    for (const std::string& line : d.trace) out << "  ours: " << line << "\n";
  }
  if (stats.disagreementCount > n) {
    out << fmt::format("... {} more disagreements not shown\n", stats.disagreementCount - n);
  }
}

void printSummary(std::ostream& out, const RunInfo& info, const InputStats& inputs,
                  const RunStats& stats) {
  out << fmt::format("differential: eval::Evaluator vs @cloud-copilot/iam-simulate, seed {}\n",
                     info.seed);
  printInputs(out, inputs);
  out << fmt::format("requests: generated {}, sent to the oracle {}, compared {}\n",
                     stats.generated, stats.sent, stats.compared);
  out << fmt::format("skipped before sending (known oracle quirks): {}\n",
                     total(stats.skippedBeforeSending));
  for (std::size_t q = 0; q < kQuirkCount; ++q) {
    out << fmt::format("  {:<40} {:>8}\n", quirkName(static_cast<Quirk>(q)),
                       stats.skippedBeforeSending[q]);
    if (!stats.quirkDocuments[q].empty()) {
      out << "      " << topDocuments(stats.quirkDocuments[q]) << "\n";
    }
  }
  out << fmt::format("skipped after the oracle dropped keys ({} cases had keys dropped): {}\n",
                     stats.casesWithDroppedKeys, total(stats.skippedAfterKeyDrop));
  for (std::size_t q = 0; q < kQuirkCount; ++q) {
    if (stats.skippedAfterKeyDrop[q] == 0) continue;
    out << fmt::format("  {:<40} {:>8}\n", quirkName(static_cast<Quirk>(q)),
                       stats.skippedAfterKeyDrop[q]);
  }
  for (const auto& [name, example] : stats.quirkExamples) {
    out << fmt::format("  e.g. {}: {}\n", name, example.dump().substr(0, 600));
  }
  out << fmt::format("oracle errors (not compared): {}\n", counts(stats.oracleErrors));
  for (const auto& [reason, example] : stats.oracleErrorExamples) {
    out << fmt::format("  e.g. {}: {}\n", reason, example.dump().substr(0, 600));
  }
  out << fmt::format("agreements: {}\n", counts(stats.agreements));
  out << fmt::format("disagreements: {}\n", stats.disagreementCount);
  const Throughput t = throughput(stats);
  out << "throughput:\n";
  out << fmt::format(
      "  eval::Evaluator  {:>12.0f} requests/s ({} rounds over {} requests, {:.2f} s; fastest "
      "round {:.0f} requests/s)\n",
      t.ours, stats.oursRounds, stats.generated, stats.oursSeconds,
      stats.oursBestRoundSeconds > 0
          ? static_cast<double>(stats.generated) / stats.oursBestRoundSeconds
          : 0.0);
  out << fmt::format(
      "  iam-simulate     {:>12.0f} requests/s without node startup ({} calls of up to {} cases, "
      "{:.2f} s; startup {:.3f} s a call)\n",
      t.oracle, stats.oracleCalls, info.batchSize, stats.oracleSeconds, stats.oracleStartupSeconds);
  out << fmt::format(
      "  iam-simulate     {:>12.0f} requests/s with node startup ({:.0f}% of its time)\n",
      t.oracleWithStartup, 100 * t.startupShare);
  if (t.oracle > 0) {
    out << fmt::format(
        "  ratio            {:>12.0f}x (ours / oracle without startup; {:.0f}x with)\n",
        t.ours / t.oracle, t.oracleWithStartup > 0 ? t.ours / t.oracleWithStartup : 0);
  }
}

nlohmann::json summaryJson(const RunInfo& info, const InputStats& inputs, const RunStats& stats) {
  nlohmann::json quirks = nlohmann::json::object(), afterDrop = nlohmann::json::object(),
                 documents = nlohmann::json::object();
  for (std::size_t q = 0; q < kQuirkCount; ++q) {
    quirks[std::string(quirkName(static_cast<Quirk>(q)))] = stats.skippedBeforeSending[q];
    afterDrop[std::string(quirkName(static_cast<Quirk>(q)))] = stats.skippedAfterKeyDrop[q];
    documents[std::string(quirkName(static_cast<Quirk>(q)))] = stats.quirkDocuments[q];
  }
  nlohmann::json disagreements = nlohmann::json::array();
  for (const Disagreement& d : stats.disagreements) {
    disagreements.push_back({{"case", d.index},
                             {"ours", d.ours},
                             {"oracle", d.oracle},
                             {"request", d.request},
                             {"raw", d.raw},
                             {"trace", d.trace}});
  }
  const Throughput t = throughput(stats);
  return {
      {"seed", info.seed},
      {"documents", inputs.documentsBySource},
      {"goldenSkipped", inputs.goldenSkipped},
      {"corpusFiles", inputs.corpusFiles},
      {"corpusSkipped", inputs.corpusSkipped},
      {"corpusAbsent", inputs.corpusAbsent.value_or("")},
      {"requests",
       {{"requested", info.requested},
        {"generated", stats.generated},
        {"sent", stats.sent},
        {"compared", stats.compared}}},
      {"skippedBeforeSending", quirks},
      {"skippedAfterKeyDrop", afterDrop},
      {"casesWithDroppedKeys", stats.casesWithDroppedKeys},
      {"quirkExamples", stats.quirkExamples},
      {"quirkDocuments", documents},
      {"oracleErrors", stats.oracleErrors},
      {"agreements", stats.agreements},
      {"disagreementCount", stats.disagreementCount},
      {"disagreements", disagreements},
      {"throughput",
       {{"oursRequestsPerSecond", t.ours},
        {"oursFastestRoundSeconds", stats.oursBestRoundSeconds},
        {"oracleRequestsPerSecond", t.oracle},
        {"oracleRequestsPerSecondWithStartup", t.oracleWithStartup},
        {"oracleStartupSeconds", stats.oracleStartupSeconds},
        {"oracleCalls", stats.oracleCalls},
        {"ratio", t.oracle > 0 ? t.ours / t.oracle : 0.0}}},
  };
}

}  // namespace rootpol::differential
