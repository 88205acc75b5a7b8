#include "importer/condition_atom.h"

#include <algorithm>

#include "base/text.h"
#include "policy/operators.h"

namespace rootpol::importer {
namespace {

using policy::BaseOperator;
using policy::SetQualifier;
using ast::Scalar;

bool allDigits(const std::string& text) {
  return !text.empty() && text.size() < 19 && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

Atom atom(const KeyView& key, std::string op, const std::vector<std::string>& values, bool unless) {
  Atom a{key.text, std::move(op), values};
  a.single = values.size() == 1;
  a.unless = unless;
  return a;
}

// `in`/`==` for equality: `==` reads better for one value.
Atom membership(const KeyView& key, const std::vector<std::string>& values, bool unless) {
  return atom(key, values.size() == 1 ? "==" : "in", values, unless);
}

bool isStringKind(Scalar s) {
  return s == Scalar::String || s == Scalar::Region || s == Scalar::Account || s == Scalar::Ou;
}

// The string, ARN and address matchers and their negations: `in`/`==` and `like`. The
// compiler writes ArnLike for `like` on an ARN key and StringLike on the other string kinds.
std::optional<Atom> matcherAtom(BaseOperator base, Scalar s, const std::vector<std::string>& values,
                                const KeyView& key) {
  const bool negated = policy::isNegated(base);
  switch (base) {
    case BaseOperator::StringEquals:
    case BaseOperator::StringNotEquals:
      if (!isStringKind(s) && s != Scalar::Arn) return std::nullopt;
      return membership(key, values, negated);
    case BaseOperator::StringLike:
    case BaseOperator::StringNotLike:
      if (!isStringKind(s)) return std::nullopt;
      return atom(key, "like", values, negated);
    case BaseOperator::ArnLike:
    case BaseOperator::ArnNotLike:
      if (s != Scalar::Arn) return std::nullopt;
      return atom(key, "like", values, negated);
    case BaseOperator::IpAddress:
    case BaseOperator::NotIpAddress:
      if (s != Scalar::Cidr) return std::nullopt;
      return atom(key, "in", values, negated);
    default:
      return std::nullopt;
  }
}

// A single-valued bool key: `mfa`, `mfa == false`, `unless mfa`, `unless mfa == false`. The
// compiler writes `Bool` for the positive forms and, negated, `BoolIfExists` unless the key is
// always present (lower/iam_operators.cpp).
std::optional<Atom> boolAtom(const policy::Operator& op, const std::vector<std::string>& values,
                             const KeyView& key) {
  if (values.size() != 1 || (values[0] != "true" && values[0] != "false")) return std::nullopt;
  const bool isTrue = values[0] == "true";
  Atom bare = atom(key, "", {}, false);
  bare.print = Atom::Print::None;
  Atom isFalse = atom(key, "==", {"false"}, false);
  isFalse.print = Atom::Print::Bools;
  if (!op.ifExists) {
    if (isTrue) return bare;
    if (!key.alwaysPresent) return isFalse;
    bare.unless = true;  // `Bool k false` on an always-present key: not k
    return bare;
  }
  if (key.alwaysPresent) return std::nullopt;  // the compiler would not write IfExists
  Atom negated = isTrue ? isFalse : bare;
  negated.unless = true;
  return negated;
}

// Orderings and equality on `int` and `date` keys, one value. Negated, the compiler writes the
// dual with `IfExists` unless the key is always present.
std::optional<Atom> orderingAtom(const policy::Operator& op, const std::vector<std::string>& values,
                                 const KeyView& key) {
  if (values.size() != 1) return std::nullopt;
  const bool isInt = key.type->scalar == Scalar::Int;
  if (isInt && !allDigits(values[0])) return std::nullopt;
  const policy::Comparison cmp = policy::comparison(op.base);
  const bool notEquals = policy::isNegated(op.base);
  // A negated form carries IfExists exactly when the key can be absent.
  const bool negatedForm = notEquals || (op.ifExists && !key.alwaysPresent);
  if (op.ifExists && !negatedForm) return std::nullopt;
  if (notEquals && op.ifExists == key.alwaysPresent) return std::nullopt;
  std::string text;
  switch (cmp) {
    case policy::Comparison::Equals:
      text = "==";
      break;
    // Negated, the atom is the dual: not (k < v) is k >= v.
    case policy::Comparison::LessThan:
      text = negatedForm ? ">=" : "<";
      break;
    case policy::Comparison::LessThanEquals:
      text = negatedForm ? ">" : "<=";
      break;
    case policy::Comparison::GreaterThan:
      text = negatedForm ? "<=" : ">";
      break;
    case policy::Comparison::GreaterThanEquals:
      text = negatedForm ? "<" : ">=";
      break;
    default:
      return std::nullopt;
  }
  Atom a = atom(key, text, values, negatedForm);
  a.print = isInt ? Atom::Print::Ints : Atom::Print::Strings;
  return a;
}

std::optional<Atom> singleValuedAtom(const policy::Operator& op, const std::vector<std::string>& values,
                                     const KeyView& key) {
  const Scalar s = key.type->scalar;
  const bool negated = policy::isNegated(op.base);
  // A negated matcher is already true on an absent key: `IfExists` changes nothing, and the
  // compiler writes the operator without it.
  if (op.ifExists && !negated && s != Scalar::Bool && s != Scalar::Int && s != Scalar::Date) {
    return std::nullopt;
  }
  if (op.base == BaseOperator::Bool) {
    if (s != Scalar::Bool) return std::nullopt;
    return boolAtom(op, values, key);
  }
  if (auto matched = matcherAtom(op.base, s, values, key)) return matched;
  if ((s == Scalar::Int && policy::valueType(op.base) == policy::ValueType::Numeric) ||
      (s == Scalar::Date && policy::valueType(op.base) == policy::ValueType::Date)) {
    return orderingAtom(op, values, key);
  }
  return std::nullopt;
}

// Multi-valued keys: `ForAnyValue:` is "some value matches", `ForAllValues:...Not...` its
// negation (lower/iam_operators.cpp, multiValuedEntry).
std::optional<Atom> multiValuedAtom(const policy::Operator& op, const std::vector<std::string>& values,
                                    const KeyView& key) {
  if (op.ifExists) return std::nullopt;
  const Scalar s = key.type->scalar;
  const bool any = op.qualifier == SetQualifier::ForAnyValue;
  if (s == Scalar::Bool) {
    if (op.base != BaseOperator::Bool || values.size() != 1) return std::nullopt;
    if (values[0] != "true" && values[0] != "false") return std::nullopt;
    // ForAllValues:Bool b is "no value is !b".
    const std::string tested = any ? values[0] : (values[0] == "true" ? "false" : "true");
    Atom a = atom(key, "==", {tested}, !any);
    a.print = Atom::Print::Bools;
    return a;
  }
  const bool negated = policy::isNegated(op.base);
  if (any == negated) return std::nullopt;  // ForAnyValue:...Not... and ForAllValues:positive
  if (op.base == BaseOperator::IpAddress || op.base == BaseOperator::NotIpAddress) return std::nullopt;
  return matcherAtom(op.base, s, values, key);
}

}  // namespace

std::optional<Atom> friendlyAtom(const policy::ConditionEntry& entry, const KeyView& key) {
  std::optional<policy::Operator> op = policy::parseOperator(entry.op);
  if (!op || !key.type || entry.values.empty()) return std::nullopt;
  if (op->base == BaseOperator::Null) {
    if (op->qualifier != SetQualifier::None || entry.values.size() != 1) return std::nullopt;
    if (entry.values[0] != "true" && entry.values[0] != "false") return std::nullopt;
    Atom a = atom(key, entry.values[0] == "true" ? "missing" : "exists", {}, false);
    a.print = Atom::Print::None;
    return a;
  }
  if (key.type->list) {
    if (op->qualifier == SetQualifier::None) return std::nullopt;
    return multiValuedAtom(*op, entry.values, key);
  }
  if (op->qualifier != SetQualifier::None) return std::nullopt;
  return singleValuedAtom(*op, entry.values, key);
}

Atom rawAtom(const policy::ConditionEntry& entry, const KeyView& key, bool preferUnless) {
  Atom a = atom(key, quote(entry.op).value_or("\"\""), entry.values, false);
  std::optional<policy::Operator> op = policy::parseOperator(entry.op);
  // `deny … unless k "StringLike" v` reads as the exception it is; the compiler negates the
  // operator back (policy::negation), which the importer's check confirms.
  if (preferUnless && op && op->qualifier == SetQualifier::None && policy::isNegated(op->base)) {
    if (auto positive = policy::negation(*op, entry.values)) {
      a.op = quote(policy::operatorName(positive->op)).value_or("\"\"");
      a.values = positive->values;
      a.single = a.values.size() == 1;
      a.unless = true;
      op = positive->op;
    }
  }
  if (op && (op->base == BaseOperator::Bool || op->base == BaseOperator::Null) &&
      std::all_of(a.values.begin(), a.values.end(), [](const std::string& v) { return v == "true" || v == "false"; })) {
    a.print = Atom::Print::Bools;
  }
  return a;
}

}  // namespace rootpol::importer
