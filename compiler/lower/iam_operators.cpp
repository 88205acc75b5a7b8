#include "lower/iam_operators.h"

#include <string>
#include <string_view>
#include <unordered_set>

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

// Ordering operators and their duals: not (x < v) is x >= v, and so on.
std::string orderingName(CondOp op, bool negated) {
  switch (op) {
    case CondOp::Lt:
      return negated ? "GreaterThanEquals" : "LessThan";
    case CondOp::Le:
      return negated ? "GreaterThan" : "LessThanEquals";
    case CondOp::Gt:
      return negated ? "LessThanEquals" : "GreaterThan";
    case CondOp::Ge:
      return negated ? "LessThan" : "GreaterThanEquals";
    default:
      return negated ? "NotEquals" : "Equals";
  }
}

policy::ConditionEntry boolEntry(const ast::Cond& atom, bool negated) {
  bool wanted = atom.op == CondOp::IsTrue || (!atom.values.empty() && atom.values.front().text == "true");
  if (!negated) return {"Bool", atom.resolved.awsKey, {wanted ? "true" : "false"}};
  // not (k is true) holds when k is false or absent.
  std::string op = atom.resolved.alwaysPresent ? "Bool" : "BoolIfExists";
  return {op, atom.resolved.awsKey, {wanted ? "false" : "true"}};
}

policy::ConditionEntry multiValuedEntry(const ast::Cond& atom, bool negated) {
  // Some value matches  <->  not every value fails to match (absent: false / true).
  if (atom.resolved.type.scalar == Scalar::Bool) {
    // Only `==` reaches here (sema): not (some value is b) is (every value is !b).
    bool b = !atom.values.empty() && atom.values.front().text == "true";
    if (!negated) return {"ForAnyValue:Bool", atom.resolved.awsKey, {b ? "true" : "false"}};
    return {"ForAllValues:Bool", atom.resolved.awsKey, {b ? "false" : "true"}};
  }
  std::string family = atom.resolved.type.scalar == Scalar::Arn && atom.op == CondOp::Like ? "Arn" : "String";
  std::string base = atom.op == CondOp::Like ? "Like" : "Equals";
  std::string op = negated ? "ForAllValues:" + family + "Not" + base : "ForAnyValue:" + family + base;
  return {op, atom.resolved.awsKey, texts(atom)};
}

}  // namespace

policy::ConditionEntry conditionFor(const Literal& literal) {
  const ast::Cond& atom = *literal.atom;
  bool neg = literal.negated;
  const std::string& key = atom.resolved.awsKey;
  if (atom.op == CondOp::Exists) return {"Null", key, {neg ? "true" : "false"}};
  if (atom.resolved.type.list) return multiValuedEntry(atom, neg);
  switch (atom.resolved.type.scalar) {
    case Scalar::Bool:
      return boolEntry(atom, neg);
    case Scalar::Int:
    case Scalar::Date: {
      std::string family = atom.resolved.type.scalar == Scalar::Int ? "Numeric" : "Date";
      std::string suffix = neg && !atom.resolved.alwaysPresent ? "IfExists" : "";
      return {family + orderingName(atom.op, neg) + suffix, key, texts(atom)};
    }
    case Scalar::Cidr:
      return {neg ? "NotIpAddress" : "IpAddress", key, texts(atom)};
    case Scalar::Arn:
      if (atom.op == CondOp::Like) return {neg ? "ArnNotLike" : "ArnLike", key, texts(atom)};
      return {neg ? "StringNotEquals" : "StringEquals", key, texts(atom)};
    default:
      if (atom.op == CondOp::Like) return {neg ? "StringNotLike" : "StringLike", key, texts(atom)};
      return {neg ? "StringNotEquals" : "StringEquals", key, texts(atom)};
  }
}

}  // namespace rootpol::lower
