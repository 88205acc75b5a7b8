#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "eval/evaluator.h"
#include "generator.h"
#include "inputs.h"
#include "oracle_client.h"
#include "quirks.h"

// Sends the generated cases to the oracle in batches, compares its decisions with
// eval::Evaluator's, and times both.
namespace rootpol::differential {

struct Disagreement {
  std::size_t index = 0;  // into Generated::cases
  std::string ours;
  std::string oracle;
  nlohmann::json request;          // the oracle case, documents by name
  nlohmann::json raw;              // the oracle's answer
  std::vector<std::string> trace;  // our evaluator's reason per statement
};

struct RunStats {
  std::size_t generated = 0;
  std::size_t sent = 0;
  std::size_t compared = 0;
  std::array<std::size_t, kQuirkCount> skippedBeforeSending{};
  // Quirks that appear only once the oracle has dropped keys it does not send for the action
  // and resource type (so the filter could not see them before sending).
  std::array<std::size_t, kQuirkCount> skippedAfterKeyDrop{};
  std::size_t casesWithDroppedKeys = 0;
  std::map<std::string, nlohmann::json> quirkExamples;  // quirk name -> its first case
  // Per quirk, the documents whose statements hit it, with counts (before and after).
  std::array<std::map<std::string, std::size_t>, kQuirkCount> quirkDocuments;
  std::map<std::string, std::size_t> oracleErrors;  // reason -> cases
  std::map<std::string, nlohmann::json> oracleErrorExamples;
  std::map<std::string, std::size_t> agreements;  // "allow", "explicit_deny", ...
  std::size_t disagreementCount = 0;
  std::vector<Disagreement> disagreements;  // the first kKeptDisagreements

  // Throughput. Ours: every generated request, the loop repeated `oursRounds` times.
  double oursSeconds = 0;
  std::size_t oursEvaluations = 0;
  std::size_t oursRounds = 0;
  double oursBestRoundSeconds = 0;  // the fastest round: the least disturbed by other load
  // The oracle: wall time of the node calls; startup is the least time of an empty batch.
  double oracleSeconds = 0;
  std::size_t oracleCalls = 0;
  double oracleStartupSeconds = 0;
};

inline constexpr std::size_t kKeptDisagreements = 200;

// Our evaluator alone, for benchmarks (bench/README.md): every generated case decided `rounds`
// times, a fixed amount of work, so that whole-process timings of two builds compare. Prints
// the decisions by kind (equal on two builds that decide alike) and the evaluator's time.
void timeOursOnly(const std::vector<SourceDocument>& documents, const Generated& generated,
                  std::size_t rounds, std::ostream& out);

class Runner {
 public:
  Runner(const std::vector<SourceDocument>& documents, Generated& generated,
         const QuirkFilter& quirks, const semantic::OracleClient& oracle, std::size_t batchSize);

  // False (with `error`) when the oracle cannot be run or answers nonsense.
  bool run(RunStats& stats, std::string& error);

 private:
  nlohmann::json oracleCase(std::size_t index, bool namesOnly) const;
  bool sendBatch(const std::vector<std::size_t>& batch, RunStats& stats, std::string& error);
  void skip(std::size_t index, const QuirkHit& hit, std::array<std::size_t, kQuirkCount>& counts,
            RunStats& stats) const;
  void compare(std::size_t index, const semantic::OracleResult& result, RunStats& stats);
  void timeOurs(RunStats& stats) const;

  const std::vector<SourceDocument>& documents_;
  Generated& generated_;
  const QuirkFilter& quirks_;
  const semantic::OracleClient& oracle_;
  std::size_t batchSize_;
  std::vector<eval::Evaluator> evaluators_;  // one per chain
  nlohmann::json fullAwsAccess_;
};

}  // namespace rootpol::differential
