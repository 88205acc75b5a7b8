#include "lower/iam_operators.h"

#include <string>
#include <string_view>
#include <unordered_set>

#include "policy/operators.h"

namespace rootpol::lower {
namespace {

using ast::CondOp;
using ast::Scalar;

std::vector<std::string> texts(const ast::Cond& atom) {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;  // a set: value lists may be long
  for (const ast::Value& v : atom.values) {
    // Duplicates add bytes and nothing else.
    if (seen.insert(v.text).second) out.push_back(v.text);
  }
  return out;
}

using policy::BaseOperator;
using policy::Operator;
using policy::SetQualifier;

policy::ConditionEntry entry(Operator op, const ast::Cond& atom, std::vector<std::string> values) {
  policy::ConditionEntry out{policy::operatorName(op), atom.resolved.awsKey, std::move(values)};
  out.span = atom.span;  // a finding on the compiled entry points at the atom
  return out;
}

// Ordering operators and their duals: not (x < v) is x >= v, and so on.
BaseOperator ordering(CondOp op, bool negated, bool numeric) {
  using B = BaseOperator;
  auto pick = [numeric](B n, B d) { return numeric ? n : d; };
  switch (op) {
    case CondOp::Lt:
      return negated ? pick(B::NumericGreaterThanEquals, B::DateGreaterThanEquals)
                     : pick(B::NumericLessThan, B::DateLessThan);
    case CondOp::Le:
      return negated ? pick(B::NumericGreaterThan, B::DateGreaterThan)
                     : pick(B::NumericLessThanEquals, B::DateLessThanEquals);
    case CondOp::Gt:
      return negated ? pick(B::NumericLessThanEquals, B::DateLessThanEquals)
                     : pick(B::NumericGreaterThan, B::DateGreaterThan);
    case CondOp::Ge:
      return negated ? pick(B::NumericLessThan, B::DateLessThan)
                     : pick(B::NumericGreaterThanEquals, B::DateGreaterThanEquals);
    default:
      return negated ? pick(B::NumericNotEquals, B::DateNotEquals)
                     : pick(B::NumericEquals, B::DateEquals);
  }
}

std::string boolText(bool b) { return b ? "true" : "false"; }

policy::ConditionEntry boolEntry(const ast::Cond& atom, bool negated) {
  bool wanted =
      atom.op == CondOp::IsTrue || (!atom.values.empty() && atom.values.front().text == "true");
  if (!negated)
    return entry({SetQualifier::None, BaseOperator::Bool, false}, atom, {boolText(wanted)});
  // not (k is true) holds when k is false or absent.
  return entry({SetQualifier::None, BaseOperator::Bool, !atom.resolved.alwaysPresent}, atom,
               {boolText(!wanted)});
}

policy::ConditionEntry multiValuedEntry(const ast::Cond& atom, bool negated) {
  // Some value matches  <->  not every value fails to match (absent: false / true).
  SetQualifier q = negated ? SetQualifier::ForAllValues : SetQualifier::ForAnyValue;
  if (atom.resolved.type.scalar == Scalar::Bool) {
    // Only `==` reaches here (sema): not (some value is b) is (every value is !b).
    bool b = !atom.values.empty() && atom.values.front().text == "true";
    return entry({q, BaseOperator::Bool, false}, atom, {boolText(negated ? !b : b)});
  }
  bool arn = atom.resolved.type.scalar == Scalar::Arn && atom.op == CondOp::Like;
  BaseOperator base = atom.op != CondOp::Like
                          ? (negated ? BaseOperator::StringNotEquals : BaseOperator::StringEquals)
                      : arn ? (negated ? BaseOperator::ArnNotLike : BaseOperator::ArnLike)
                            : (negated ? BaseOperator::StringNotLike : BaseOperator::StringLike);
  return entry({q, base, false}, atom, texts(atom));
}

// The operator of a single-valued atom by its type, in positive or negated form.
BaseOperator matcher(const ast::Cond& atom, bool neg) {
  switch (atom.resolved.type.scalar) {
    case Scalar::Cidr:
      return neg ? BaseOperator::NotIpAddress : BaseOperator::IpAddress;
    case Scalar::Arn:
      if (atom.op == CondOp::Like) return neg ? BaseOperator::ArnNotLike : BaseOperator::ArnLike;
      return neg ? BaseOperator::StringNotEquals : BaseOperator::StringEquals;
    default:
      if (atom.op == CondOp::Like)
        return neg ? BaseOperator::StringNotLike : BaseOperator::StringLike;
      return neg ? BaseOperator::StringNotEquals : BaseOperator::StringEquals;
  }
}

}  // namespace

policy::ConditionEntry conditionFor(const Literal& literal) {
  const ast::Cond& atom = *literal.atom;
  bool neg = literal.negated;
  if (atom.op == CondOp::Exists)
    return entry({SetQualifier::None, BaseOperator::Null, false}, atom, {boolText(neg)});
  if (atom.resolved.type.list) return multiValuedEntry(atom, neg);
  switch (atom.resolved.type.scalar) {
    case Scalar::Bool:
      return boolEntry(atom, neg);
    case Scalar::Int:
    case Scalar::Date: {
      bool ifExists = neg && !atom.resolved.alwaysPresent;
      return entry({SetQualifier::None,
                    ordering(atom.op, neg, atom.resolved.type.scalar == Scalar::Int), ifExists},
                   atom, texts(atom));
    }
    default:
      return entry({SetQualifier::None, matcher(atom, neg), false}, atom, texts(atom));
  }
}

}  // namespace rootpol::lower
