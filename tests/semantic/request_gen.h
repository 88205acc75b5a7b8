#pragma once

#include <cstdint>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "iam_catalog.h"
#include "interp/interp.h"

// Generates the requests on which the semantic test compares the reference interpreter with
// the IAM oracle: for one checked policy, values on both sides of every condition atom,
// absent keys, principals and actions named or not named by the policy, and resources
// inside and outside its patterns. See README.md for the scheme.
namespace rootpol::semantic {

// Deterministic on every platform: mt19937's output is specified bit for bit, and the
// reduction to a range is ours (std::uniform_int_distribution's is implementation-defined).
class Rng {
 public:
  explicit Rng(std::uint32_t seed) : engine_(seed) {}
  std::size_t below(std::size_t bound) {
    return bound == 0 ? 0 : static_cast<std::size_t>(engine_() % bound);
  }

 private:
  std::mt19937 engine_;
};

struct GenOptions {
  std::vector<std::string> actionPool;  // real action names (action_pool.txt)
  IamCatalog* catalog = nullptr;        // optional: resource ARNs the oracle accepts
  std::size_t comboLimit = 512;         // key-value combinations before sampling
  std::size_t requestCap = 4000;        // requests per policy
  std::uint32_t seed = 20260515;
};

// A condition key of a service (not `aws:`) that the policy tests.
struct ServiceKey {
  std::string key;
  // Whether some action the policy names (a concrete name, or the instance picked for a
  // wildcard) carries the key, per the oracle's catalogue: then some request must hold it
  // after the oracle's filtering.
  bool carried = false;
  // Named actions of rules that test the key but that never carry it (so AWS never sends
  // it with them, and the oracle drops it): there, only the key-absent case exists.
  std::vector<std::string> notCarriedBy;
};

struct GeneratedRequests {
  std::vector<interp::Request> requests;
  std::set<std::string> multiValuedKeys;  // context keys to send as JSON arrays
  std::size_t keys = 0;                   // condition keys varied
  std::size_t keyCombinations = 0;        // after sampling
  std::size_t principals = 0;
  std::size_t actions = 0;
  std::vector<ServiceKey> serviceKeys;  // in the order the policy first tests them
};

GeneratedRequests generateRequests(const ast::Policy& policy, const GenOptions& options);

// Reads action_pool.txt: one action per line, `#` comments and blank lines skipped.
std::vector<std::string> loadActionPool(const std::filesystem::path& path);

}  // namespace rootpol::semantic
