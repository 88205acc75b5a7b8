#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/request.h"
#include "eval/values.h"
#include "policy/arn.h"
#include "policy/document.h"
#include "policy/operators.h"
#include "policy/pattern.h"

// One compiled `"Operator": {"key": [values]}` entry of a Condition block, decided exactly as
// the IAM User Guide describes condition operators and multivalued keys (aws-facts §3).
//
// Choices where the documentation leaves room (each tested in condition_test.cpp):
// - Absent key: positive operators are false, negated ones (StringNotEquals, NotIpAddress,
//   ArnNotLike, ...) true, `...IfExists` true, `ForAllValues:` true, `ForAnyValue:` false,
//   including `ForAnyValue:...IfExists` (the qualifier decides: reported AWS behaviour, and
//   what @cloud-copilot/iam-simulate does).
// - A key present with an empty list: `ForAllValues:` true, `ForAnyValue:` false, a plain
//   positive operator false and a plain negated one true; `Null` sees the key as present.
// - A key with several values and no qualifier (IAM only says such keys "require" one): a
//   positive operator holds when some request value matches some policy value (as
//   ForAnyValue), a negated one when no request value matches any (the complement), so
//   `StringNotEquals` stays `not StringEquals`. iam-simulate instead says false for both.
// - Several policy values: ORed for positive operators; negated operators hold only when the
//   request value matches none of them.
// - Policy variables (String and Arn operators only, and only in a document of Version
//   2012-10-17; elsewhere `${...}` is literal text): a variable that does not resolve to a
//   single value (and has no default) matches nothing, so positive operators do not match and
//   negated ones do (IAM Policy variables: "If the key has no value").
// - Malformed values (a bad CIDR, number, date, boolean, base64 or ARN, on either side)
//   never throw: the comparison of that pair is false whatever the operator's polarity, so a
//   negated operator with a malformed value does not hold either (as iam-simulate).
// - The IgnoreCase operators and Bool fold ASCII letters only; every other comparison of
//   values is case-sensitive (ArnLike included, as IAM ARNs are).
// - An operator name IAM does not define makes the entry false.
namespace rootpol::eval {

// The operator table is the hub's (policy/operators.h); an operator name IAM does not spell
// that way (`stringequals`) is unknown here too.
using policy::Comparison;
using policy::Operator;
using policy::SetQualifier;
using policy::ValueType;

class CompiledCondition {
 public:
  // `variables`: whether `${...}` is a policy variable (policy::variablesApply of the document).
  explicit CompiledCondition(const policy::ConditionEntry& entry, bool variables = true);

  bool holds(const RequestContext& context) const;
  // Why the entry is false, for `explain` ("key `aws:SourceIp` is absent", ...).
  std::string whyFalse(const RequestContext& context) const;

 private:
  // Whether one request value passes the operator (polarity included) against all policy
  // values.
  bool valueHolds(std::string_view value, const RequestContext& context) const;
  bool nullHolds(bool present) const;
  ValueType type() const { return policy::valueType(op_.base); }
  Comparison compare() const { return policy::comparison(op_.base); }
  bool negated() const { return policy::isNegated(op_.base); }
  // The positive comparison of one policy value with one request value: the outcome when
  // both are well-formed, nullopt when either is malformed.
  std::optional<bool> stringCompare(std::size_t i, std::string_view value,
                                    const RequestContext& context) const;
  bool valueHoldsTyped(std::string_view value, const RequestContext& context) const;

  std::string opName_;
  std::string key_;
  std::uint32_t keyHash_ = 0;
  std::vector<std::string> texts_;
  Operator op_;
  bool known_ = false;
  // Compiled policy values; only the vector of the operator's family is filled.
  std::vector<policy::Pattern> patterns_;
  std::vector<policy::ArnPattern> arns_;
  std::vector<std::optional<double>> numbers_;
  std::vector<std::optional<Instant>> dates_;
  std::vector<std::optional<bool>> bools_;
  std::vector<std::optional<std::string>> binaries_;
  std::vector<std::optional<IpBlock>> blocks_;
};

}  // namespace rootpol::eval
