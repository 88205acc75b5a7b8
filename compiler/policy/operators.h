#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The one table of IAM condition operators (IAM User Guide, "Condition operators"; aws-facts
// §3). Lowering, lint and the evaluator all read operator names through it.
//
// Names are matched with the case IAM spells them: IAM rejects `stringEquals` ("Invalid
// Condition type"), so a name in another case is not an operator here either (lint reports
// it with the right spelling; the evaluator treats the entry as false, as for any unknown
// name). iam-simulate, our oracle, accepts any case: the difference is in
// tests/oracle/README.md ("Divergences") and never reaches a policy IAM accepts.
namespace rootpol::policy {

enum class SetQualifier : std::uint8_t { None, ForAnyValue, ForAllValues };

enum class BaseOperator : std::uint8_t {
  StringEquals,
  StringNotEquals,
  StringEqualsIgnoreCase,
  StringNotEqualsIgnoreCase,
  StringLike,
  StringNotLike,
  NumericEquals,
  NumericNotEquals,
  NumericLessThan,
  NumericLessThanEquals,
  NumericGreaterThan,
  NumericGreaterThanEquals,
  DateEquals,
  DateNotEquals,
  DateLessThan,
  DateLessThanEquals,
  DateGreaterThan,
  DateGreaterThanEquals,
  Bool,
  BinaryEquals,
  IpAddress,
  NotIpAddress,
  ArnEquals,
  ArnLike,
  ArnNotEquals,
  ArnNotLike,
  Null,
};

// How the policy values of a base operator are read.
enum class ValueType : std::uint8_t { String, Arn, Numeric, Date, Bool, Ip, Binary, Null };

// The comparison of one request value with one policy value, before negation. ArnEquals
// compares like ArnLike (the guide gives them the same behaviour).
enum class Comparison : std::uint8_t {
  Equals,
  EqualsIgnoreCase,
  Like,
  LessThan,
  LessThanEquals,
  GreaterThan,
  GreaterThanEquals
};

struct Operator {
  SetQualifier qualifier = SetQualifier::None;
  BaseOperator base = BaseOperator::StringEquals;
  bool ifExists = false;

  friend bool operator==(const Operator&, const Operator&) = default;
};

// Every base operator, in the guide's order.
std::span<const BaseOperator> allBaseOperators();

// "ForAnyValue:StringLikeIfExists" and the like, spelt exactly as IAM does; nullopt for any
// other text, including `NullIfExists`, two qualifiers or two `IfExists`.
std::optional<Operator> parseOperator(std::string_view name);
std::string operatorName(const Operator& op);
std::string_view baseName(BaseOperator base);

ValueType valueType(BaseOperator base);
Comparison comparison(BaseOperator base);
// StringNotEquals, NotIpAddress, ArnNotLike, ...: true when no policy value matches, and on an
// absent key.
bool isNegated(BaseOperator base);
// Every base but Null takes the `IfExists` suffix.
bool allowsIfExists(BaseOperator base);

// The truth of an entry on a request without its key: true for negated matchers, `...IfExists`
// and `ForAllValues:`; false for the rest. Under a set qualifier the qualifier decides
// (`ForAnyValue:StringNotEquals` is false). Null is decided by its values: true when one of
// them is "true" (in any case, as IAM reads booleans).
bool trueWhenKeyAbsent(const Operator& op, std::span<const std::string> values = {});

// An entry rewritten: the operator and its values.
struct Rewritten {
  Operator op;
  std::vector<std::string> values;
};

// The entry that holds exactly where `op` with `values` does not, on every request with the
// key absent or present with well-formed values (a value of the wrong type, such as `abc`
// under NumericEquals, makes both false) and, for operators without a set qualifier, a
// single-valued key. nullopt when IAM has no such operator: a positive `...IfExists`
// (StringEqualsIfExists), BinaryEquals; and, as the dual needs one bound, an ordering
// operator, Bool or Null with several values.
//   StringEquals <-> StringNotEquals          NumericLessThan <-> NumericGreaterThanEqualsIfExists
//   Bool k "true" -> BoolIfExists k "false"   Null k "true" <-> Null k "false"
//   ForAnyValue:StringLike <-> ForAllValues:StringNotLike
std::optional<Rewritten> negation(const Operator& op, std::span<const std::string> values);

}  // namespace rootpol::policy
