#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "arn_types.h"
#include "catalog/catalog.h"
#include "eval/request.h"
#include "inputs.h"

// Random requests on both sides of every document's conditions, deterministic for a seed.
namespace rootpol::differential {

// mt19937's output is specified bit for bit and the reduction is ours
// (std::uniform_int_distribution's is implementation-defined): same requests everywhere.
class Rng {
 public:
  explicit Rng(std::uint32_t seed) : engine_(seed) {}
  std::size_t below(std::size_t bound) { return bound == 0 ? 0 : engine_() % bound; }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::mt19937 engine_;
};

// Index of the AWS-managed FullAWSAccess policy in a chain level.
inline constexpr long kFullAwsAccess = -1;

// Levels from the root to the account; each holds document indices or kFullAwsAccess.
struct Chain {
  std::vector<std::vector<long>> levels;
};

struct Case {
  std::size_t document = 0;  // the document the request was made for
  std::size_t chain = 0;     // index into Generated::chains
  eval::Request request;
  std::vector<std::string> arrayKeys;  // context keys sent as lists (ArrayOf... in the catalog)
};

struct Generated {
  std::vector<Chain> chains;
  std::vector<Case> cases;
};

// `requests` requests shared evenly among the documents. Each document gets the chain
// `[[document]]` (its statements alone, as the semantic test runs them) for 40% of its
// requests, and three random chains of 1-3 levels mixing it with FullAWSAccess and other
// documents for the rest.
Generated generate(const std::vector<SourceDocument>& documents, const catalog::Catalog& catalog,
                   ResourceTypes& resources, std::uint32_t seed, std::size_t requests);

}  // namespace rootpol::differential
