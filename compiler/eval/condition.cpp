#include "eval/condition.h"

#include <algorithm>

#include <fmt/format.h>

namespace rootpol::eval {
namespace {

std::optional<bool> parseBool(std::string_view text) {
  if (sameIgnoringCase(text, "true")) return true;
  if (sameIgnoringCase(text, "false")) return false;
  return std::nullopt;
}

// `request OP policy` for the ordering operators (NumericLessThan: request < policy).
template <typename T>
bool relate(Compare compare, const T& request, const T& policy) {
  switch (compare) {
    case Compare::LessThan:
      return request < policy;
    case Compare::LessThanEquals:
      return request <= policy;
    case Compare::GreaterThan:
      return request > policy;
    case Compare::GreaterThanEquals:
      return request >= policy;
    default:
      return request == policy;
  }
}

// Folds the per-policy-value outcomes: any match for a positive operator; for a negated one,
// every value well-formed and unmatched. `outcome(i)` is nullopt for a malformed pair.
template <typename F>
bool combine(std::size_t count, bool negated, F&& outcome) {
  for (std::size_t i = 0; i < count; ++i) {
    std::optional<bool> matched = outcome(i);
    if (!negated && matched.value_or(false)) return true;
    if (negated && matched.value_or(true)) return false;
  }
  return negated;
}

std::string quotedList(const auto& values) {
  std::string out = "[";
  for (const auto& v : values) out += fmt::format("{}\"{}\"", out.size() > 1 ? ", " : "", v);
  return out + "]";
}

}  // namespace

CompiledCondition::CompiledCondition(const policy::ConditionEntry& entry)
    : opName_(entry.op), key_(entry.key), keyHash_(keyHash(entry.key)), texts_(entry.values) {
  std::optional<Operator> op = parseOperator(entry.op);
  if (!op) return;
  op_ = *op;
  known_ = true;
  for (const std::string& text : entry.values) {
    switch (op_.family) {
      case Family::String:
        patterns_.emplace_back(text, op_.compare == Compare::Like, true);
        break;
      case Family::Arn:
        arns_.emplace_back(text);
        break;
      case Family::Numeric:
        numbers_.push_back(parseNumber(text));
        break;
      case Family::Date:
        dates_.push_back(parseDate(text));
        break;
      case Family::Bool:
      case Family::Null:
        bools_.push_back(parseBool(text));
        break;
      case Family::Binary:
        binaries_.push_back(decodeBase64(text));
        break;
      case Family::Ip:
        blocks_.push_back(parseIpBlock(text));
        break;
      case Family::Unknown:
        break;
    }
  }
}

bool CompiledCondition::holds(const RequestContext& context) const {
  if (!known_) return false;
  std::optional<std::span<const std::string>> found = context.find(key_, keyHash_);
  if (op_.family == Family::Null) return nullHolds(found.has_value());
  if (!found) {
    if (op_.set == SetQualifier::None) return op_.ifExists || op_.negated;
    return op_.set == SetQualifier::ForAllValues;
  }
  auto passes = [&](const std::string& value) { return valueHolds(value, context); };
  bool every =
      op_.set == SetQualifier::ForAllValues || (op_.set == SetQualifier::None && op_.negated);
  return every ? std::all_of(found->begin(), found->end(), passes)
               : std::any_of(found->begin(), found->end(), passes);
}

bool CompiledCondition::nullHolds(bool present) const {
  // "true" asks for an absent key, "false" for a present one; several values are ORed.
  return std::any_of(bools_.begin(), bools_.end(), [&](const std::optional<bool>& wanted) {
    return wanted && *wanted != present;
  });
}

std::optional<bool> CompiledCondition::stringCompare(std::size_t i, std::string_view value,
                                                     const RequestContext& context) const {
  return patterns_[i].matches(value, op_.compare == Compare::EqualsIgnoreCase, &context);
}

bool CompiledCondition::valueHolds(std::string_view value, const RequestContext& context) const {
  const bool neg = op_.negated;
  switch (op_.family) {
    case Family::String:
      return combine(patterns_.size(), neg,
                     [&](std::size_t i) { return stringCompare(i, value, context); });
    case Family::Arn: {
      const ArnParts* parts = context.splitValue(value);
      if (parts == nullptr) return false;
      return combine(arns_.size(), neg, [&](std::size_t i) -> std::optional<bool> {
        if (!arns_[i].valid()) return std::nullopt;
        return arns_[i].matches(*parts, context);
      });
    }
    default:
      return valueHoldsTyped(value, context);
  }
}

// The operators whose values are read as numbers, dates, booleans, bytes or addresses.
bool CompiledCondition::valueHoldsTyped(std::string_view value, const RequestContext&) const {
  const bool neg = op_.negated;
  const Compare cmp = op_.compare;
  auto against = [&](const auto& policyValues, const auto& request, auto&& test) {
    if (!request) return false;
    return combine(policyValues.size(), neg, [&](std::size_t i) -> std::optional<bool> {
      if (!policyValues[i]) return std::nullopt;
      return test(*request, *policyValues[i]);
    });
  };
  auto equal = [](const auto& a, const auto& b) { return a == b; };
  switch (op_.family) {
    case Family::Numeric:
      return against(numbers_, parseNumber(value),
                     [&](double a, double b) { return relate(cmp, a, b); });
    case Family::Date:
      return against(dates_, parseDate(value),
                     [&](const Instant& a, const Instant& b) { return relate(cmp, a, b); });
    case Family::Bool:
      return against(bools_, parseBool(value), equal);
    case Family::Binary:
      return against(binaries_, decodeBase64(value), equal);
    case Family::Ip:
      return against(blocks_, parseIpAddress(value),
                     [](const IpAddress& a, const IpBlock& b) { return blockContains(b, a); });
    default:
      return false;
  }
}

std::string CompiledCondition::whyFalse(const RequestContext& context) const {
  if (!known_) return fmt::format("`{}` is not an IAM condition operator", opName_);
  std::optional<std::span<const std::string>> found = context.find(key_);
  if (op_.family == Family::Null) {
    return fmt::format("Null {} on `{}`: the key is {}", quotedList(texts_), key_,
                       found ? "present" : "absent");
  }
  if (!found) return fmt::format("{} on `{}`: the key is absent", opName_, key_);
  return fmt::format("{} `{}` {} is false for the request's {}", opName_, key_, quotedList(texts_),
                     quotedList(*found));
}

}  // namespace rootpol::eval
