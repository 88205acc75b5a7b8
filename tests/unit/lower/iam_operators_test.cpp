// The IAM operator for each literal kind, positive and negated, with the same truth value on
// an absent key (IfExists unless the key is in every request).
#include "lower/iam_operators.h"

#include <gtest/gtest.h>

#include "lower/sid.h"
#include "lower_test_util.h"

namespace rootpol::lower {
namespace {

using ast::CondOp;
using ast::Scalar;
using testutil::atom;

std::string show(const policy::ConditionEntry& e) {
  std::string out = e.op + " " + e.key + " [";
  for (std::size_t i = 0; i < e.values.size(); ++i) out += (i ? "," : "") + e.values[i];
  return out + "]";
}

struct Row {
  const char* what;
  CondOp op;
  ast::Type type;
  bool alwaysPresent;
  std::vector<std::string> values;
  const char* positive;
  const char* negated;
};

TEST(IamOperators, EveryLiteralKind) {
  const ast::Type str{Scalar::String, false}, arn{Scalar::Arn, false}, cidr{Scalar::Cidr, false},
      boolean{Scalar::Bool, false}, integer{Scalar::Int, false}, date{Scalar::Date, false},
      region{Scalar::Region, false}, account{Scalar::Account, false}, multi{Scalar::String, true};
  const std::vector<Row> rows = {
      {"string in", CondOp::In, str, false, {"a", "b"}, "StringEquals k [a,b]", "StringNotEquals k [a,b]"},
      {"string ==", CondOp::Eq, str, false, {"a"}, "StringEquals k [a]", "StringNotEquals k [a]"},
      {"string like", CondOp::Like, str, false, {"a*"}, "StringLike k [a*]", "StringNotLike k [a*]"},
      {"region in", CondOp::In, region, true, {"eu-west-1"}, "StringEquals k [eu-west-1]", "StringNotEquals k [eu-west-1]"},
      {"region like", CondOp::Like, region, true, {"eu-*"}, "StringLike k [eu-*]", "StringNotLike k [eu-*]"},
      {"account ==", CondOp::Eq, account, true, {"111122223333"}, "StringEquals k [111122223333]",
       "StringNotEquals k [111122223333]"},
      {"arn ==", CondOp::Eq, arn, true, {"arn:aws:iam::1:root"}, "StringEquals k [arn:aws:iam::1:root]",
       "StringNotEquals k [arn:aws:iam::1:root]"},
      {"arn like", CondOp::Like, arn, true, {"arn:*:iam::*:root"}, "ArnLike k [arn:*:iam::*:root]",
       "ArnNotLike k [arn:*:iam::*:root]"},
      {"cidr in", CondOp::In, cidr, false, {"10.0.0.0/8"}, "IpAddress k [10.0.0.0/8]", "NotIpAddress k [10.0.0.0/8]"},
      {"cidr ==", CondOp::Eq, cidr, false, {"10.0.0.0/8"}, "IpAddress k [10.0.0.0/8]", "NotIpAddress k [10.0.0.0/8]"},
      {"bool bare", CondOp::IsTrue, boolean, false, {}, "Bool k [true]", "BoolIfExists k [false]"},
      {"bool bare, always present", CondOp::IsTrue, boolean, true, {}, "Bool k [true]", "Bool k [false]"},
      {"bool == false", CondOp::Eq, boolean, false, {"false"}, "Bool k [false]", "BoolIfExists k [true]"},
      {"bool == true", CondOp::Eq, boolean, false, {"true"}, "Bool k [true]", "BoolIfExists k [false]"},
      {"bool == false, always present", CondOp::Eq, boolean, true, {"false"}, "Bool k [false]", "Bool k [true]"},
      {"int <", CondOp::Lt, integer, false, {"5"}, "NumericLessThan k [5]", "NumericGreaterThanEqualsIfExists k [5]"},
      {"int <=", CondOp::Le, integer, false, {"5"}, "NumericLessThanEquals k [5]", "NumericGreaterThanIfExists k [5]"},
      {"int >", CondOp::Gt, integer, false, {"5"}, "NumericGreaterThan k [5]", "NumericLessThanEqualsIfExists k [5]"},
      {"int >=", CondOp::Ge, integer, false, {"5"}, "NumericGreaterThanEquals k [5]", "NumericLessThanIfExists k [5]"},
      {"int ==", CondOp::Eq, integer, false, {"5"}, "NumericEquals k [5]", "NumericNotEqualsIfExists k [5]"},
      {"int <, always present", CondOp::Lt, integer, true, {"5"}, "NumericLessThan k [5]", "NumericGreaterThanEquals k [5]"},
      {"date <", CondOp::Lt, date, false, {"2030-01-01"}, "DateLessThan k [2030-01-01]",
       "DateGreaterThanEqualsIfExists k [2030-01-01]"},
      {"date >=", CondOp::Ge, date, false, {"2030-01-01"}, "DateGreaterThanEquals k [2030-01-01]",
       "DateLessThanIfExists k [2030-01-01]"},
      {"date ==, always present", CondOp::Eq, date, true, {"2030-01-01"}, "DateEquals k [2030-01-01]",
       "DateNotEquals k [2030-01-01]"},
      {"date <=, always present", CondOp::Le, date, true, {"2030-01-01"}, "DateLessThanEquals k [2030-01-01]",
       "DateGreaterThan k [2030-01-01]"},
      {"multi-valued in", CondOp::In, multi, false, {"a", "b"}, "ForAnyValue:StringEquals k [a,b]",
       "ForAllValues:StringNotEquals k [a,b]"},
      {"multi-valued ==", CondOp::Eq, multi, false, {"a"}, "ForAnyValue:StringEquals k [a]",
       "ForAllValues:StringNotEquals k [a]"},
      {"multi-valued like", CondOp::Like, multi, false, {"a/*"}, "ForAnyValue:StringLike k [a/*]",
       "ForAllValues:StringNotLike k [a/*]"},
      {"exists", CondOp::Exists, str, false, {}, "Null k [false]", "Null k [true]"},
      {"exists on a multi-valued key", CondOp::Exists, multi, false, {}, "Null k [false]", "Null k [true]"},
      {"exists on an always-present key", CondOp::Exists, boolean, true, {}, "Null k [false]", "Null k [true]"},
      {"duplicate values are written once", CondOp::In, str, false, {"a", "b", "a"}, "StringEquals k [a,b]",
       "StringNotEquals k [a,b]"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    auto a = atom("k", row.op, row.values, row.type, false, row.alwaysPresent);
    EXPECT_EQ(show(conditionFor(Literal{a.get(), false})), row.positive);
    EXPECT_EQ(show(conditionFor(Literal{a.get(), true})), row.negated);
  }
}

TEST(IamOperators, TheKeyIsTheResolvedAwsKey) {
  auto a = atom("aws:PrincipalTag/team", CondOp::Eq, {"dev"});
  EXPECT_EQ(conditionFor(Literal{a.get(), false}).key, "aws:PrincipalTag/team");
}

TEST(Sid, PascalCaseAndParts) {
  EXPECT_EQ(pascalCase("no-root-outside-vpn"), "NoRootOutsideVpn");
  EXPECT_EQ(pascalCase("a_b-c"), "ABC");
  EXPECT_EQ(pascalCase("region-lock2"), "RegionLock2");
  EXPECT_EQ(pascalCase("already"), "Already");
  EXPECT_EQ(statementSid("RegionLock1", 1, 1), "RegionLock1");
  EXPECT_EQ(statementSid("RegionLock1", 1, 2), "RegionLock1P1");
  EXPECT_EQ(statementSid("Mine", 3, 3), "MineP3");
}

}  // namespace
}  // namespace rootpol::lower
