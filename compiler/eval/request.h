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

// The lookups the condition and variable matchers make on one request.
class RequestContext {
 public:
  explicit RequestContext(const Request& request);

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
  std::array<std::uint32_t, kHashed> hashes_;  // only the first min(kHashed, size) are set
  mutable ArnParts resourceArn_;
  mutable bool resourceSplit_ = false;
  mutable bool resourceIsArn_ = false;
  mutable std::string_view lastSplit_;
  mutable ArnParts lastParts_;
  mutable bool lastIsArn_ = false;
};

}  // namespace rootpol::eval
