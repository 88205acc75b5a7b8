#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policy/arn.h"

// A request as an SCP sees it, and the case-insensitive view of its context that the matchers
// read. Nothing here allocates while a request is evaluated.
namespace rootpol::eval {

struct Request {
  std::string principalArn;  // also the value of aws:PrincipalArn when the context lacks it
  std::string action;        // "s3:GetObject"
  std::string resource;      // an ARN or "*"
  // Context keys (case-insensitive names, e.g. "aws:SourceIp", "aws:PrincipalTag/team");
  // multi-valued keys have several values; an absent key is simply not in the list. A key
  // listed with no values is present and empty (what ForAllValues sees for a request with no
  // tags).
  std::vector<std::pair<std::string, std::vector<std::string>>> context;
};

// ASCII case folding: condition-key names, action names and the IgnoreCase operators compare
// this way (IAM Condition element: "Context key names are not case-sensitive").
constexpr char foldCase(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
bool sameIgnoringCase(std::string_view a, std::string_view b);

// A cheap fingerprint of a key name that ignores case: lookups compare names only when
// fingerprints agree. The length and the last three characters tell most keys apart (tag keys
// share long prefixes), at a constant cost per request key. `| 0x20` is enough folding here:
// names equal without regard to ASCII case always get equal fingerprints.
constexpr std::uint32_t keyHash(std::string_view key) {
  const std::size_t n = key.size();
  auto at = [&](std::size_t back) -> std::uint32_t {
    return back <= n ? static_cast<std::uint8_t>(key[n - back]) | 0x20u : 0u;
  };
  return static_cast<std::uint32_t>(n) ^ at(1) << 8 ^ at(2) << 16 ^ at(3) << 24;
}

// ARNs are split by the hub (policy/arn.h).
using policy::ArnParts;
using policy::splitArn;

// What an evaluation looked at beyond the action: every context key it looked up (found or
// not, in lookup order, with repeats) and whether it compared the resource with a pattern other
// than `*`. A decision is a function of these alone, so a caller that does not know some keys
// of a request (`rootpol replay`) can tell whether the decision depends on them.
// Only what the outcome depends on is kept: a statement whose condition failed does not apply
// whatever the values read before that condition, so those reads (and its resource) are dropped.
// `statementStart` and `statementResource` say the same of the last statement tried alone: when
// the decision is an explicit deny, that is the statement that denied (evaluation stops there).
// `level`, `policy` and `statement` then say where it is (Evaluator::statementAt); for an
// implicit deny `level` is the first level that allowed nothing.
struct Reads {
  std::vector<std::string_view> keys;  // the policy's spelling; valid while the evaluator lives
  bool resource = false;
  std::size_t statementStart = 0;  // index into keys where the last statement tried began
  bool statementResource = false;
  std::size_t level = 0, policy = 0, statement = 0;
  bool resourceBefore = false;  // `resource` before the last statement started
  void clear() {
    keys.clear();
    resource = statementResource = resourceBefore = false;
    statementStart = level = policy = statement = 0;
  }
};

// The lookups the condition and variable matchers make on one request.
class RequestContext {
 public:
  explicit RequestContext(const Request& request, Reads* reads = nullptr);

  // The values of a key, or nullopt when the request lacks it. The first entry of a key wins
  // when the context repeats it. aws:PrincipalArn falls back to Request::principalArn (when
  // that is not empty).
  // `hash` is keyHash(key), which callers compute once when they compile.
  std::optional<std::span<const std::string>> find(std::string_view key, std::uint32_t hash) const;
  std::optional<std::span<const std::string>> find(std::string_view key) const {
    return find(key, keyHash(key));
  }

  // The value of a policy variable: only a key with exactly one value resolves (IAM: "you
  // can use any single-valued context key as a policy variable").
  std::optional<std::string_view> single(std::string_view key, std::uint32_t hash) const;
  std::optional<std::string_view> single(std::string_view key) const {
    return single(key, keyHash(key));
  }

  // The policy variables of this request for the hub's patterns (policy::VariableResolver):
  // a key's single value.
  auto variables() const {
    return [this](std::string_view key) { return single(key); };
  }

  const Request& request() const { return request_; }
  // Called by a resource pattern other than `*` before it looks at the resource.
  void noteResourceRead() const {
    if (reads_ != nullptr) reads_->resource = reads_->statementResource = true;
  }
  // Called when a statement applies (its index in its document) and when a level settles the
  // decision (an explicit deny by its policy `policy`, or no allow).
  void noteApplied(std::size_t statement) const {
    if (reads_ != nullptr) reads_->statement = statement;
  }
  void noteSettled(std::size_t level, std::size_t policy) const {
    if (reads_ != nullptr) {
      reads_->level = level;
      reads_->policy = policy;
    }
  }
  // Called as each statement starts to be matched.
  void noteStatementStart() const {
    if (reads_ != nullptr) {
      reads_->statementStart = reads_->keys.size();
      reads_->statementResource = false;
      reads_->resourceBefore = reads_->resource;
    }
  }
  // Called as each condition of a statement whose action and resource match starts; when it
  // fails, with what the start returned: only the failing condition's reads decided.
  std::size_t noteConditionStart() const { return reads_ != nullptr ? reads_->keys.size() : 0; }
  void noteConditionFailed(std::size_t mark) const {
    if (reads_ == nullptr) return;
    auto& keys = reads_->keys;
    keys.erase(keys.begin() + static_cast<std::ptrdiff_t>(reads_->statementStart),
               keys.begin() + static_cast<std::ptrdiff_t>(mark));
    reads_->resource = reads_->resourceBefore;
    reads_->statementResource = false;
  }
  // The request's resource split as an ARN, or nullptr when it is not one (such as "*").
  // Split on first use: most statements name every resource.
  const ArnParts* resourceArn() const;
  // A context value split as an ARN, or nullptr. The last split is kept: several Arn
  // conditions usually test the same value (aws:PrincipalArn).
  const ArnParts* splitValue(std::string_view value) const;

 private:
  // The hashes of the first context keys, so that a lookup rarely compares names.
  static constexpr std::size_t kHashed = 32;

  const Request& request_;
  Reads* reads_ = nullptr;
  std::array<std::uint32_t, kHashed> hashes_;  // only the first min(kHashed, size) are set
  mutable ArnParts resourceArn_;
  mutable bool resourceSplit_ = false;
  mutable bool resourceIsArn_ = false;
  mutable std::string_view lastSplit_;
  mutable ArnParts lastParts_;
  mutable bool lastIsArn_ = false;
};

}  // namespace rootpol::eval
