#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eval/evaluator.h"
#include "replay/cloudtrail_reader.h"
#include "replay/mapping.h"
#include "replay/outcome.h"
#include "replay/tables.h"
#include "runner/chains.h"

// One thread's decisions: each record mapped (replay/mapping.h) and decided by the SCP chain of
// the principal's account and the RCP chain of the resource's account.
//
// A decision is a function of what it read (eval::Reads), so records that agree on all it read
// share it. Two caches: one keyed by the call without the fields that vary from record to record
// (time, source address, session name and id, the resource's own name), whose entries say which
// of those the decision read; one keyed by the whole call, for decisions that read some of them.
// A decision that read the time is never shared. A log of repeated calls costs one evaluation per
// distinct call.
namespace rootpol::replay {

// A cache key: two 64-bit hashes of the key text with different seeds, so that a wrong share
// needs both to collide at once.
struct CacheKey {
  std::uint64_t a = 0, b = 0;
  friend bool operator==(const CacheKey&, const CacheKey&) = default;
};
struct CacheKeyHash {
  std::size_t operator()(const CacheKey& k) const { return static_cast<std::size_t>(k.a); }
};

class RecordDecider {
 public:
  RecordDecider(const runner::OrganizationChains& chains, const Tables& tables);
  ~RecordDecider();
  // Shared by the records of one call.
  const std::shared_ptr<const Outcome>& decide(const Record& record);

 private:
  struct Side;
  struct SideResult;
  Outcome compute(const Record& record);
  const Side& scpSide(const std::string& account);
  const Side& rcpSide(std::string_view action, const std::string& account);
  SideResult judge(const Side& side, const Call& call, bool resourceUnknown);
  bool decideCall(Call& call, Outcome& out);
  void cacheKeys(const Record& record);
  void addRecordFields(const Record& record);
  bool resourceFits(const std::string& action, std::string_view arn);
  const std::optional<std::string>& actionOf(const Record& record);

  const runner::OrganizationChains& chains_;
  const Tables& tables_;
  std::unordered_map<CacheKey, std::shared_ptr<const Outcome>, CacheKeyHash> byCall_, byRecord_;
  std::map<std::string, std::unique_ptr<Side>> scp_, rcp_;
  std::map<std::string, std::shared_ptr<const eval::Evaluator>> evaluators_;
  std::unordered_map<std::string, std::vector<std::string>> resourceGlobs_;  // by action
  std::unordered_map<std::string, std::optional<std::string>> actions_;      // by eventSource, eventName
  Call call_;  // reused from record to record  // by runner::chainKey
  eval::Reads reads_;
  std::string callKey_;
  unsigned reads_bits_ = 0;  // Read bits of the decision being computed
  std::shared_ptr<const Outcome> scratch_, notApiCall_, alreadyDenied_;
};

}  // namespace rootpol::replay
