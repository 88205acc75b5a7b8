#include "policy/operators.h"

#include <array>
#include <cstdint>

#include "base/text.h"

namespace rootpol::policy {
namespace {

using B = BaseOperator;
using C = Comparison;
using T = ValueType;

struct Row {
  BaseOperator base;
  std::string_view name;
  ValueType type;
  Comparison compare;
  bool negated;
  // The base whose per-value test is the complement of this one's: the Not form for
  // equality and pattern operators, the opposite ordering for ordering operators (exact for
  // one policy value only), itself for Bool (with the value flipped) and Null; nullopt for
  // BinaryEquals, which has no negated form.
  std::optional<BaseOperator> dual;
};

// Rows in BaseOperator order, so that a base indexes its row.
constexpr std::array<Row, 27> kRows = {{
    {B::StringEquals, "StringEquals", T::String, C::Equals, false, B::StringNotEquals},
    {B::StringNotEquals, "StringNotEquals", T::String, C::Equals, true, B::StringEquals},
    {B::StringEqualsIgnoreCase, "StringEqualsIgnoreCase", T::String, C::EqualsIgnoreCase, false,
     B::StringNotEqualsIgnoreCase},
    {B::StringNotEqualsIgnoreCase, "StringNotEqualsIgnoreCase", T::String, C::EqualsIgnoreCase,
     true, B::StringEqualsIgnoreCase},
    {B::StringLike, "StringLike", T::String, C::Like, false, B::StringNotLike},
    {B::StringNotLike, "StringNotLike", T::String, C::Like, true, B::StringLike},
    {B::NumericEquals, "NumericEquals", T::Numeric, C::Equals, false, B::NumericNotEquals},
    {B::NumericNotEquals, "NumericNotEquals", T::Numeric, C::Equals, true, B::NumericEquals},
    {B::NumericLessThan, "NumericLessThan", T::Numeric, C::LessThan, false,
     B::NumericGreaterThanEquals},
    {B::NumericLessThanEquals, "NumericLessThanEquals", T::Numeric, C::LessThanEquals, false,
     B::NumericGreaterThan},
    {B::NumericGreaterThan, "NumericGreaterThan", T::Numeric, C::GreaterThan, false,
     B::NumericLessThanEquals},
    {B::NumericGreaterThanEquals, "NumericGreaterThanEquals", T::Numeric, C::GreaterThanEquals,
     false, B::NumericLessThan},
    {B::DateEquals, "DateEquals", T::Date, C::Equals, false, B::DateNotEquals},
    {B::DateNotEquals, "DateNotEquals", T::Date, C::Equals, true, B::DateEquals},
    {B::DateLessThan, "DateLessThan", T::Date, C::LessThan, false, B::DateGreaterThanEquals},
    {B::DateLessThanEquals, "DateLessThanEquals", T::Date, C::LessThanEquals, false,
     B::DateGreaterThan},
    {B::DateGreaterThan, "DateGreaterThan", T::Date, C::GreaterThan, false, B::DateLessThanEquals},
    {B::DateGreaterThanEquals, "DateGreaterThanEquals", T::Date, C::GreaterThanEquals, false,
     B::DateLessThan},
    {B::Bool, "Bool", T::Bool, C::Equals, false, B::Bool},
    {B::BinaryEquals, "BinaryEquals", T::Binary, C::Equals, false, std::nullopt},
    {B::IpAddress, "IpAddress", T::Ip, C::Equals, false, B::NotIpAddress},
    {B::NotIpAddress, "NotIpAddress", T::Ip, C::Equals, true, B::IpAddress},
    {B::ArnEquals, "ArnEquals", T::Arn, C::Like, false, B::ArnNotEquals},
    {B::ArnLike, "ArnLike", T::Arn, C::Like, false, B::ArnNotLike},
    {B::ArnNotEquals, "ArnNotEquals", T::Arn, C::Like, true, B::ArnEquals},
    {B::ArnNotLike, "ArnNotLike", T::Arn, C::Like, true, B::ArnLike},
    {B::Null, "Null", T::Null, C::Equals, false, B::Null},
}};

constexpr std::array<BaseOperator, 27> kBases = [] {
  std::array<BaseOperator, 27> out{};
  for (std::size_t i = 0; i < kRows.size(); ++i) out[i] = kRows[i].base;
  return out;
}();

// The rows by the length of their name: parseOperator compares a name with the few of its
// length, not with all 27 (it runs for each condition entry read and for each a rule asks of).
constexpr std::size_t kLongestName = 32;
struct SameLength {
  std::array<std::uint8_t, 8> rows{};
  std::size_t count = 0;
};
constexpr std::array<SameLength, kLongestName + 1> kRowsByLength = [] {
  std::array<SameLength, kLongestName + 1> out{};
  for (std::size_t i = 0; i < kRows.size(); ++i) {
    SameLength& same = out.at(kRows[i].name.size());  // out of range: not a constant, no build
    same.rows.at(same.count++) = static_cast<std::uint8_t>(i);
  }
  return out;
}();

constexpr std::string_view kForAnyValue = "ForAnyValue:";
constexpr std::string_view kForAllValues = "ForAllValues:";
constexpr std::string_view kIfExists = "IfExists";

const Row& row(BaseOperator base) { return kRows[static_cast<std::size_t>(base)]; }

// IAM reads "true"/"false" in any case as booleans (tests/oracle/README.md).
std::optional<bool> parseBool(std::string_view text) {
  if (equalsIgnoreCase(text, "true")) return true;
  if (equalsIgnoreCase(text, "false")) return false;
  return std::nullopt;
}

// The per-value complement of `base` with `values`, as a base and the values it takes.
std::optional<Rewritten> valueDual(BaseOperator base, std::span<const std::string> values) {
  const Row& r = row(base);
  if (!r.dual) return std::nullopt;
  std::vector<std::string> same(values.begin(), values.end());
  if (r.type == T::Bool || r.type == T::Null) {
    std::optional<bool> b = values.size() == 1 ? parseBool(values.front()) : std::nullopt;
    if (!b) return std::nullopt;
    return Rewritten{Operator{SetQualifier::None, base, false}, {*b ? "false" : "true"}};
  }
  bool ordering =
      r.compare != C::Equals && r.compare != C::EqualsIgnoreCase && r.compare != C::Like;
  // Several values are ORed: x < 1 or x < 5 is x < 5, whose complement needs the bound.
  if (ordering && values.size() != 1) return std::nullopt;
  return Rewritten{Operator{SetQualifier::None, *r.dual, false}, std::move(same)};
}

}  // namespace

std::span<const BaseOperator> allBaseOperators() { return kBases; }

std::optional<Operator> parseOperator(std::string_view name) {
  Operator op;
  if (name.starts_with(kForAnyValue)) {
    op.qualifier = SetQualifier::ForAnyValue;
    name.remove_prefix(kForAnyValue.size());
  } else if (name.starts_with(kForAllValues)) {
    op.qualifier = SetQualifier::ForAllValues;
    name.remove_prefix(kForAllValues.size());
  }
  if (name.ends_with(kIfExists)) {
    op.ifExists = true;
    name.remove_suffix(kIfExists.size());
  }
  if (name.size() > kLongestName) return std::nullopt;
  const SameLength& candidates = kRowsByLength[name.size()];
  for (std::size_t k = 0; k < candidates.count; ++k) {
    const Row& r = kRows[candidates.rows[k]];
    if (r.name != name) continue;
    if (op.ifExists && !allowsIfExists(r.base)) return std::nullopt;  // "Null with if exists"
    op.base = r.base;
    return op;
  }
  return std::nullopt;
}

std::string operatorName(const Operator& op) {
  std::string out;
  if (op.qualifier == SetQualifier::ForAnyValue) out = kForAnyValue;
  if (op.qualifier == SetQualifier::ForAllValues) out = kForAllValues;
  out += baseName(op.base);
  if (op.ifExists) out += kIfExists;
  return out;
}

std::string_view baseName(BaseOperator base) { return row(base).name; }
ValueType valueType(BaseOperator base) { return row(base).type; }
Comparison comparison(BaseOperator base) { return row(base).compare; }
bool isNegated(BaseOperator base) { return row(base).negated; }
bool allowsIfExists(BaseOperator base) { return base != B::Null; }

bool trueWhenKeyAbsent(const Operator& op, std::span<const std::string> values) {
  if (op.base == B::Null) {
    for (const std::string& v : values) {
      if (parseBool(v) == true) return true;
    }
    return false;
  }
  if (op.qualifier != SetQualifier::None) return op.qualifier == SetQualifier::ForAllValues;
  return op.ifExists || isNegated(op.base);
}

std::optional<Rewritten> negation(const Operator& op, std::span<const std::string> values) {
  std::optional<Rewritten> dual = valueDual(op.base, values);
  if (!dual) return std::nullopt;
  if (op.base == B::Null) {
    dual->op.qualifier = op.qualifier;  // Null ignores the qualifier: keep it as written
    return dual;
  }
  if (op.qualifier != SetQualifier::None) {
    // not (some value passes) is (every value fails), and the absent key follows: ForAnyValue
    // is false there, ForAllValues true. IfExists changes nothing under a qualifier.
    dual->op.qualifier = op.qualifier == SetQualifier::ForAnyValue ? SetQualifier::ForAllValues
                                                                   : SetQualifier::ForAnyValue;
    return dual;
  }
  // The present key is settled by the dual; the absent key must flip too.
  bool wantAbsent = !trueWhenKeyAbsent(op, values);
  bool dualAbsent = isNegated(dual->op.base);
  if (wantAbsent == dualAbsent) return dual;
  if (dualAbsent) return std::nullopt;  // a negated matcher is true on an absent key, always
  dual->op.ifExists = true;
  return dual;
}

}  // namespace rootpol::policy
