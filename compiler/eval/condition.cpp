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
bool relate(Comparison compare, const T& request, const T& policy) {
  switch (compare) {
    case Comparison::LessThan:
      return request < policy;
    case Comparison::LessThanEquals:
      return request <= policy;
    case Comparison::GreaterThan:
      return request > policy;
    case Comparison::GreaterThanEquals:
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

CompiledCondition::CompiledCondition(const policy::ConditionEntry& entry, bool variables)
    : opName_(entry.op), key_(entry.key), keyHash_(keyHash(entry.key)), texts_(entry.values) {
  std::optional<Operator> op = policy::parseOperator(entry.op);
  if (!op) return;
  op_ = *op;
  known_ = true;
  for (const std::string& text : entry.values) {
    switch (type()) {
      case ValueType::String:
        patterns_.emplace_back(text, compare() == Comparison::Like, variables);
        break;
      case ValueType::Arn:
        arns_.emplace_back(text, variables);
        break;
      case ValueType::Numeric:
        numbers_.push_back(parseNumber(text));
        break;
      case ValueType::Date:
        dates_.push_back(parseDate(text));
        break;
      case ValueType::Bool:
      case ValueType::Null:
        bools_.push_back(parseBool(text));
        break;
      case ValueType::Binary:
        binaries_.push_back(decodeBase64(text));
        break;
      case ValueType::Ip:
        blocks_.push_back(parseIpBlock(text));
        break;
    }
  }
}

bool CompiledCondition::holds(const RequestContext& context) const {
  if (!known_) return false;
  std::optional<std::span<const std::string>> found = context.find(key_, keyHash_);
  if (type() == ValueType::Null) return nullHolds(found.has_value());
  if (!found) return policy::trueWhenKeyAbsent(op_);
  auto passes = [&](const std::string& value) { return valueHolds(value, context); };
  bool every = op_.qualifier == SetQualifier::ForAllValues ||
               (op_.qualifier == SetQualifier::None && negated());
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
  return patterns_[i].matches(value, compare() == Comparison::EqualsIgnoreCase,
                              context.variables());
}

bool CompiledCondition::valueHolds(std::string_view value, const RequestContext& context) const {
  const bool neg = negated();
  switch (type()) {
    case ValueType::String:
      return combine(patterns_.size(), neg,
                     [&](std::size_t i) { return stringCompare(i, value, context); });
    case ValueType::Arn: {
      const ArnParts* parts = context.splitValue(value);
      if (parts == nullptr) return false;
      return combine(arns_.size(), neg, [&](std::size_t i) -> std::optional<bool> {
        if (!arns_[i].valid()) return std::nullopt;
        return arns_[i].matches(*parts, context.variables());
      });
    }
    default:
      return valueHoldsTyped(value, context);
  }
}

// The operators whose values are read as numbers, dates, booleans, bytes or addresses.
bool CompiledCondition::valueHoldsTyped(std::string_view value, const RequestContext&) const {
  const bool neg = negated();
  const Comparison cmp = compare();
  auto against = [&](const auto& policyValues, const auto& request, auto&& test) {
    if (!request) return false;
    return combine(policyValues.size(), neg, [&](std::size_t i) -> std::optional<bool> {
      if (!policyValues[i]) return std::nullopt;
      return test(*request, *policyValues[i]);
    });
  };
  auto equal = [](const auto& a, const auto& b) { return a == b; };
  switch (type()) {
    case ValueType::Numeric:
      return against(numbers_, parseNumber(value),
                     [&](double a, double b) { return relate(cmp, a, b); });
    case ValueType::Date:
      return against(dates_, parseDate(value),
                     [&](const Instant& a, const Instant& b) { return relate(cmp, a, b); });
    case ValueType::Bool:
      return against(bools_, parseBool(value), equal);
    case ValueType::Binary:
      return against(binaries_, decodeBase64(value), equal);
    case ValueType::Ip:
      return against(blocks_, parseIpAddress(value),
                     [](const IpAddress& a, const IpBlock& b) { return blockContains(b, a); });
    default:
      return false;
  }
}

std::string CompiledCondition::whyFalse(const RequestContext& context) const {
  if (!known_) return fmt::format("`{}` is not an IAM condition operator", opName_);
  std::optional<std::span<const std::string>> found = context.find(key_);
  if (type() == ValueType::Null) {
    return fmt::format("Null {} on `{}`: the key is {}", quotedList(texts_), key_,
                       found ? "present" : "absent");
  }
  if (!found) return fmt::format("{} on `{}`: the key is absent", opName_, key_);
  return fmt::format("{} `{}` {} is false for the request's {}", opName_, key_, quotedList(texts_),
                     quotedList(*found));
}

}  // namespace rootpol::eval
