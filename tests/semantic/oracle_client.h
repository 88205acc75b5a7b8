#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "interp/interp.h"

// Runs the IAM oracle (tests/oracle/simulate.mjs, a separate node process; see
// tests/oracle/README.md for its protocol) on one batch of cases.
namespace rootpol::semantic {

struct OracleResult {
  std::string id;
  std::string decision;  // "allow", "explicit_deny", "implicit_deny" or "error"
  nlohmann::json raw;
  std::vector<std::string> ignoredContextKeys;  // keys the oracle dropped for this action
};

class OracleClient {
 public:
  explicit OracleClient(std::filesystem::path oracleDir);

  // Why the oracle cannot run here (no node, no node_modules), or nullopt when it can.
  std::optional<std::string> unavailableReason() const;

  // One node process for the whole batch. Returns nullopt and fills `error` when the
  // process fails or its answer is not the expected JSON.
  std::optional<std::vector<OracleResult>> run(const nlohmann::json& cases,
                                               std::string& error) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// One oracle case: the policy's documents as the only SCPs of a single level.
nlohmann::json oracleCase(const std::string& id, const nlohmann::json& documents,
                          const interp::Request& request,
                          const std::set<std::string>& multiValuedKeys);

}  // namespace rootpol::semantic
