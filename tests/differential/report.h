#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>

#include "inputs.h"
#include "runner.h"

// The summary of a run, as text and as JSON (`--json`).
namespace rootpol::differential {

struct RunInfo {
  std::uint32_t seed = 0;
  std::size_t requested = 0;
  std::size_t batchSize = 0;
};

// The first `shown` disagreements in full: request, both decisions, the oracle's raw answer
// and our evaluator's reason per statement.
void printDisagreements(std::ostream& out, const RunStats& stats, std::size_t shown);
void printSummary(std::ostream& out, const RunInfo& info, const InputStats& inputs,
                  const RunStats& stats);
nlohmann::json summaryJson(const RunInfo& info, const InputStats& inputs, const RunStats& stats);

}  // namespace rootpol::differential
