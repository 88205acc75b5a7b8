// The one IAM condition-operator table: names, properties, absent keys, and negation, each
// negation proved against the evaluator.
#include "policy/operators.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "eval/condition.h"

namespace rootpol::policy {
namespace {

using B = BaseOperator;
using Values = std::vector<std::string>;

Operator op(std::string_view name) {
  std::optional<Operator> parsed = parseOperator(name);
  EXPECT_TRUE(parsed.has_value()) << name;
  return parsed.value_or(Operator{});
}

TEST(PolicyOperators, EveryNameRoundTrips) {
  int names = 0;
  for (auto q : {SetQualifier::None, SetQualifier::ForAnyValue, SetQualifier::ForAllValues}) {
    for (BaseOperator base : allBaseOperators()) {
      for (bool ifExists : {false, true}) {
        Operator o{q, base, ifExists};
        std::string name = operatorName(o);
        std::optional<Operator> back = parseOperator(name);
        if (ifExists && !allowsIfExists(base)) {
          EXPECT_FALSE(back.has_value()) << name;
          continue;
        }
        ASSERT_TRUE(back.has_value()) << name;
        EXPECT_EQ(*back, o) << name;
        ++names;
      }
    }
  }
  EXPECT_EQ(allBaseOperators().size(), 27u);
  EXPECT_EQ(names, 3 * (27 * 2 - 1));
}

TEST(PolicyOperators, ParsesAsIamSpellsThem) {
  Operator o = op("ForAllValues:StringNotLikeIfExists");
  EXPECT_EQ(o.qualifier, SetQualifier::ForAllValues);
  EXPECT_EQ(o.base, B::StringNotLike);
  EXPECT_TRUE(o.ifExists);
  EXPECT_EQ(operatorName(o), "ForAllValues:StringNotLikeIfExists");
  // IAM answers "Invalid Condition type : stringEquals": case counts.
  EXPECT_FALSE(parseOperator("stringequals").has_value());
  EXPECT_FALSE(parseOperator("StringEqualsifexists").has_value());
  EXPECT_FALSE(parseOperator("forAnyValue:StringEquals").has_value());
  EXPECT_FALSE(parseOperator("NullIfExists").has_value());
  EXPECT_FALSE(parseOperator("ForAnyValue:ForAllValues:StringEquals").has_value());
  EXPECT_FALSE(parseOperator("ForSomeValues:StringEquals").has_value());
  EXPECT_FALSE(parseOperator("StringEqualsIfExistsIfExists").has_value());
  EXPECT_FALSE(parseOperator("IfExists").has_value());
  EXPECT_FALSE(parseOperator("").has_value());
  EXPECT_FALSE(parseOperator(std::string(100, 'S')).has_value());  // longer than any name
  EXPECT_FALSE(parseOperator("StringEqualz").has_value());         // a name's length, not its text
  EXPECT_TRUE(parseOperator("ForAnyValue:Null").has_value());  // accepted, with a suggestion
}

TEST(PolicyOperators, Properties) {
  EXPECT_EQ(valueType(B::ArnEquals), ValueType::Arn);
  EXPECT_EQ(comparison(B::ArnEquals), Comparison::Like);  // ArnEquals behaves as ArnLike
  EXPECT_EQ(valueType(B::NotIpAddress), ValueType::Ip);
  EXPECT_EQ(valueType(B::DateLessThan), ValueType::Date);
  EXPECT_EQ(comparison(B::DateLessThan), Comparison::LessThan);
  EXPECT_EQ(valueType(B::Null), ValueType::Null);
  EXPECT_EQ(valueType(B::BinaryEquals), ValueType::Binary);
  EXPECT_EQ(comparison(B::StringNotEqualsIgnoreCase), Comparison::EqualsIgnoreCase);
  int negated = 0;
  for (BaseOperator base : allBaseOperators()) negated += isNegated(base) ? 1 : 0;
  EXPECT_EQ(negated, 8);  // String x3, Numeric, Date, NotIpAddress, ArnNot x2
  EXPECT_FALSE(isNegated(B::NumericLessThan));
  EXPECT_FALSE(allowsIfExists(B::Null));
  EXPECT_TRUE(allowsIfExists(B::Bool));
}

TEST(PolicyOperators, TruthOnAnAbsentKey) {
  EXPECT_FALSE(trueWhenKeyAbsent(op("StringEquals")));
  EXPECT_TRUE(trueWhenKeyAbsent(op("StringNotEquals")));
  EXPECT_TRUE(trueWhenKeyAbsent(op("StringEqualsIfExists")));
  EXPECT_FALSE(trueWhenKeyAbsent(op("NumericLessThan")));
  EXPECT_TRUE(trueWhenKeyAbsent(op("ForAllValues:StringEquals")));
  EXPECT_FALSE(trueWhenKeyAbsent(op("ForAnyValue:StringNotEquals")));
  EXPECT_FALSE(trueWhenKeyAbsent(op("ForAnyValue:StringEqualsIfExists")));
  EXPECT_TRUE(trueWhenKeyAbsent(op("Null"), Values{"true"}));
  EXPECT_TRUE(trueWhenKeyAbsent(op("Null"), Values{"TRUE"}));
  EXPECT_FALSE(trueWhenKeyAbsent(op("Null"), Values{"false"}));
}

std::string negationName(std::string_view name, const Values& values) {
  std::optional<Rewritten> n = negation(op(name), values);
  if (!n) return "none";
  std::string out = operatorName(n->op);
  for (const std::string& v : n->values) out += " " + v;
  return out;
}

TEST(PolicyOperators, NegationTable) {
  const Values v{"v"};
  const Values five{"5"};
  EXPECT_EQ(negationName("StringEquals", v), "StringNotEquals v");
  EXPECT_EQ(negationName("StringNotEquals", v), "StringEquals v");
  EXPECT_EQ(negationName("StringNotEqualsIfExists", v), "StringEquals v");
  EXPECT_EQ(negationName("StringLike", v), "StringNotLike v");
  EXPECT_EQ(negationName("ArnLike", v), "ArnNotLike v");
  EXPECT_EQ(negationName("ArnNotEquals", v), "ArnEquals v");
  EXPECT_EQ(negationName("IpAddress", v), "NotIpAddress v");
  EXPECT_EQ(negationName("NotIpAddress", v), "IpAddress v");
  EXPECT_EQ(negationName("NumericLessThan", five), "NumericGreaterThanEqualsIfExists 5");
  EXPECT_EQ(negationName("NumericGreaterThanEqualsIfExists", five), "NumericLessThan 5");
  EXPECT_EQ(negationName("NumericLessThanIfExists", five), "NumericGreaterThanEquals 5");
  EXPECT_EQ(negationName("DateGreaterThan", five), "DateLessThanEqualsIfExists 5");
  EXPECT_EQ(negationName("Bool", {"true"}), "BoolIfExists false");
  EXPECT_EQ(negationName("BoolIfExists", {"false"}), "Bool true");
  EXPECT_EQ(negationName("Null", {"true"}), "Null false");
  EXPECT_EQ(negationName("Null", {"false"}), "Null true");
  EXPECT_EQ(negationName("ForAnyValue:StringEquals", v), "ForAllValues:StringNotEquals v");
  EXPECT_EQ(negationName("ForAllValues:StringEquals", v), "ForAnyValue:StringNotEquals v");
  EXPECT_EQ(negationName("ForAnyValue:StringEqualsIfExists", v), "ForAllValues:StringNotEquals v");
  EXPECT_EQ(negationName("ForAnyValue:Bool", {"true"}), "ForAllValues:Bool false");
  // No IAM operator is false on an absent key and true where a positive test fails.
  EXPECT_EQ(negationName("StringEqualsIfExists", v), "none");
  EXPECT_EQ(negationName("IpAddressIfExists", v), "none");
  EXPECT_EQ(negationName("ArnLikeIfExists", v), "none");
  EXPECT_EQ(negationName("BinaryEquals", v), "none");
  EXPECT_EQ(negationName("NumericLessThan", {"1", "5"}), "none");
  EXPECT_EQ(negationName("Bool", {"true", "false"}), "none");
  EXPECT_EQ(negationName("Bool", {"yes"}), "none");
  EXPECT_EQ(negationName("Null", {"true", "false"}), "none");
}

// An entry, values that make it hold and values that make it fail, as request values of "k".
struct Proof {
  std::string op;
  Values values;
  Values matching;
  Values failing;
};

bool holds(const std::string& name, const Values& values, const std::optional<Values>& request) {
  eval::Request r{"arn:aws:iam::111122223333:user/alice", "s3:GetObject", "*", {}};
  if (request) r.context.emplace_back("k", *request);
  eval::CompiledCondition condition(ConditionEntry{name, "k", values});
  return condition.holds(eval::RequestContext(r));
}

// On each request (key matching, failing, absent; for set operators also empty), exactly
// one of the entry and its negation holds, and the entry holds where it should.
TEST(PolicyOperators, NegationIsExactInTheEvaluator) {
  const std::string role = "arn:aws:iam::111122223333:role/x";
  const std::vector<Proof> proofs = {
      {"StringEquals", {"abc", "xyz"}, {"abc"}, {"abd"}},
      {"StringNotEquals", {"abc"}, {"abd"}, {"abc"}},
      {"StringNotEqualsIfExists", {"abc"}, {"abd"}, {"abc"}},
      {"StringEqualsIgnoreCase", {"ABC"}, {"abc"}, {"abd"}},
      {"StringNotEqualsIgnoreCase", {"ABC"}, {"abd"}, {"abc"}},
      {"StringLike", {"a*"}, {"abc"}, {"xbc"}},
      {"StringNotLikeIfExists", {"a*"}, {"xbc"}, {"abc"}},
      {"NumericEquals", {"5", "7"}, {"7"}, {"6"}},
      {"NumericNotEqualsIfExists", {"5"}, {"6"}, {"5"}},
      {"NumericLessThan", {"5"}, {"4"}, {"5"}},
      {"NumericLessThanIfExists", {"5"}, {"4"}, {"5"}},
      {"NumericLessThanEquals", {"5"}, {"5"}, {"6"}},
      {"NumericGreaterThan", {"5"}, {"6"}, {"5"}},
      {"NumericGreaterThanEqualsIfExists", {"5"}, {"5"}, {"4"}},
      {"DateLessThan",
       {"2020-01-01T00:00:00Z"},
       {"2019-12-31T23:59:59Z"},
       {"2020-01-01T00:00:00Z"}},
      {"DateGreaterThanEquals", {"2020-01-01T00:00:00Z"}, {"2020-01-01T00:00:00Z"}, {"2019-01-01"}},
      {"DateNotEquals", {"2020-01-01T00:00:00Z"}, {"2021-01-01"}, {"2020-01-01T00:00:00Z"}},
      {"Bool", {"true"}, {"true"}, {"false"}},
      {"BoolIfExists", {"false"}, {"false"}, {"true"}},
      {"IpAddress", {"10.0.0.0/8"}, {"10.1.2.3"}, {"11.0.0.1"}},
      {"NotIpAddress", {"10.0.0.0/8"}, {"11.0.0.1"}, {"10.1.2.3"}},
      {"NotIpAddressIfExists", {"10.0.0.0/8"}, {"11.0.0.1"}, {"10.1.2.3"}},
      {"ArnLike", {"arn:aws:iam::*:role/x"}, {role}, {"arn:aws:iam::111122223333:role/y"}},
      {"ArnEquals", {"arn:aws:iam::*:role/*"}, {role}, {"arn:aws:iam::111122223333:user/x"}},
      {"ArnNotLike", {"arn:aws:iam::*:role/y"}, {role}, {"arn:aws:iam::111122223333:role/y"}},
      {"Null", {"false"}, {"x"}, {}},
      {"ForAnyValue:StringEquals", {"a"}, {"b", "a"}, {"b", "c"}},
      {"ForAllValues:StringEquals", {"a", "b"}, {"a"}, {"a", "c"}},
      {"ForAnyValue:StringEqualsIfExists", {"a"}, {"a"}, {"b"}},
      {"ForAllValues:StringNotLike", {"a*"}, {"b", "c"}, {"b", "ab"}},
      {"ForAnyValue:ArnLike",
       {"arn:aws:iam::*:role/x"},
       {"arn:aws:s3:::b", role},
       {"arn:aws:s3:::b"}},
      {"ForAnyValue:Bool", {"true"}, {"false", "true"}, {"false"}},
      {"ForAllValues:NumericLessThan", {"5"}, {"1", "4"}, {"1", "5"}},
  };
  for (const Proof& p : proofs) {
    SCOPED_TRACE(p.op);
    std::optional<Rewritten> n = negation(op(p.op), p.values);
    ASSERT_TRUE(n.has_value());
    const std::string negName = operatorName(n->op);
    SCOPED_TRACE(negName);
    std::vector<std::optional<Values>> requests = {p.matching, p.failing, std::nullopt};
    if (p.op.starts_with("For")) requests.emplace_back(Values{});
    if (p.op == "Null") requests = {p.matching, std::nullopt};
    for (std::size_t i = 0; i < requests.size(); ++i) {
      bool entry = holds(p.op, p.values, requests[i]);
      if (i == 0) {
        EXPECT_TRUE(entry) << "the matching request";
      } else if (i == 1 && p.op != "Null") {
        EXPECT_FALSE(entry) << "the failing request";
      }
      EXPECT_NE(entry, holds(negName, n->values, requests[i])) << "request " << i;
    }
  }
}

}  // namespace
}  // namespace rootpol::policy
