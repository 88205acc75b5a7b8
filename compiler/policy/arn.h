#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "policy/pattern.h"

// ARNs and ARN patterns as IAM matches them: part by part in ArnLike/ArnEquals conditions and
// in the Resource element (IAM User Guide, "Amazon Resource Names", "IAM JSON policy elements:
// Resource"; aws-facts §1 and §3).
namespace rootpol::policy {

// The six colon-separated parts of `arn:partition:service:region:account:resource`; the
// resource part keeps any further colons. False when the text does not start with `arn:` or
// has fewer than six parts.
using ArnParts = std::array<std::string_view, 6>;
bool splitArn(std::string_view text, ArnParts& parts);

// The parts of an ARN pattern: split at up to five colons, not inside `${...}` when
// `variables` (a key such as `${aws:PrincipalTag/x}` may hold one). A pattern of fewer than six
// parts whose last part ends in `*` is padded with `*` parts (IAM Resource element: a trailing
// `*` "can expand to match beyond the colon boundaries"); any other short pattern gives
// nothing (not an ARN pattern).
std::vector<std::string_view> arnPatternParts(std::string_view text, bool variables);

// IAM ArnLike of one plain pattern (no variables) and one value: part-wise glob,
// case-sensitive, so a `*` never crosses a colon except in the resource part. False when
// `arn` is not an ARN or `pattern` not an ARN pattern.
bool arnLike(std::string_view pattern, std::string_view arn);

// An ARN pattern compiled for ArnLike and Resource: each of the six parts is its own Pattern.
class ArnPattern {
 public:
  ArnPattern() = default;
  ArnPattern(std::string_view text, bool variables);

  bool valid() const { return valid_; }
  template <VariableResolver Resolve>
  bool matches(const ArnParts& arn, const Resolve& resolve) const {
    if (!valid_) return false;
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      if (!parts_[i].matches(arn[i], false, resolve)) return false;
    }
    return true;
  }

 private:
  std::array<Pattern, 6> parts_;
  bool valid_ = false;
};

// One Resource/NotResource entry. `*` matches every resource. A pattern that starts with
// `arn:` is matched part-wise against a request resource that is an ARN; every other pairing
// (a non-ARN pattern, or a request resource such as "*" that is not an ARN) compares the whole
// strings with wildcards. Case-sensitive: ARNs are (IAM: "the IAM user name is case
// sensitive" in Resource).
class ResourcePattern {
 public:
  ResourcePattern(std::string_view text, bool variables);

  // `arn` is `resource` split (splitArn), or null when it is not an ARN.
  template <VariableResolver Resolve>
  bool matches(std::string_view resource, const ArnParts* arn, const Resolve& resolve) const {
    if (everything_) return true;
    if (arn != nullptr && arn_.valid()) return arn_.matches(*arn, resolve);
    return whole_.matches(resource, false, resolve);
  }
  // Exactly `*`: matches every resource without looking at it.
  bool matchesEverything() const { return everything_; }

 private:
  Pattern whole_;
  ArnPattern arn_;
  bool everything_ = false;
};

}  // namespace rootpol::policy
