// Folding a second test of the same (operator, key) into a statement's condition block.
#include "lower/condition_merge.h"

#include <gtest/gtest.h>

namespace rootpol::lower {
namespace {

using policy::ConditionEntry;

std::string show(const std::vector<ConditionEntry>& entries) {
  std::string out;
  for (const ConditionEntry& e : entries) {
    if (!out.empty()) out += "; ";
    out += e.op + " " + e.key + " [";
    for (std::size_t i = 0; i < e.values.size(); ++i) out += (i ? "," : "") + e.values[i];
    out += "]";
  }
  return out;
}

struct Row {
  const char* what;
  std::vector<ConditionEntry> tests;  // merged in order
  MergeResult last;                   // result of the last merge
  const char* expected;               // the block after it (unchanged on failure)
};

TEST(ConditionMerge, Table) {
  const std::vector<Row> rows = {
      {"different keys are both kept",
       {{"StringEquals", "k1", {"a"}}, {"StringEquals", "k2", {"b"}}},
       MergeResult::Added, "StringEquals k1 [a]; StringEquals k2 [b]"},
      {"different operators are both kept",
       {{"StringEquals", "k", {"a"}}, {"StringLike", "k", {"a*"}}},
       MergeResult::Added, "StringEquals k [a]; StringLike k [a*]"},
      {"the same test twice is one",
       {{"StringLike", "k", {"a*", "b*"}}, {"StringLike", "k", {"b*", "a*"}}},
       MergeResult::Added, "StringLike k [a*,b*]"},
      {"negated string operators unite",
       {{"StringNotEquals", "k", {"a", "b"}}, {"StringNotEquals", "k", {"b", "c"}}},
       MergeResult::Added, "StringNotEquals k [a,b,c]"},
      {"NotIpAddress unites",
       {{"NotIpAddress", "aws:SourceIp", {"10.0.0.0/8"}}, {"NotIpAddress", "aws:SourceIp", {"192.0.2.0/24"}}},
       MergeResult::Added, "NotIpAddress aws:SourceIp [10.0.0.0/8,192.0.2.0/24]"},
      {"ForAllValues negated unites",
       {{"ForAllValues:StringNotEquals", "aws:TagKeys", {"a"}}, {"ForAllValues:StringNotEquals", "aws:TagKeys", {"b"}}},
       MergeResult::Added, "ForAllValues:StringNotEquals aws:TagKeys [a,b]"},
      {"ArnNotLike unites",
       {{"ArnNotLike", "aws:PrincipalArn", {"arn:a"}}, {"ArnNotLike", "aws:PrincipalArn", {"arn:b"}}},
       MergeResult::Added, "ArnNotLike aws:PrincipalArn [arn:a,arn:b]"},
      {"keys match case-insensitively",
       {{"StringNotEquals", "aws:RequestedRegion", {"a"}}, {"StringNotEquals", "aws:requestedregion", {"b"}}},
       MergeResult::Added, "StringNotEquals aws:RequestedRegion [a,b]"},
      {"StringEquals intersects",
       {{"StringEquals", "k", {"a", "b", "c"}}, {"StringEquals", "k", {"c", "a"}}},
       MergeResult::Added, "StringEquals k [a,c]"},
      {"StringEquals with nothing in common contradicts",
       {{"StringEquals", "k", {"a"}}, {"StringEquals", "k", {"b"}}},
       MergeResult::Contradiction, "StringEquals k [a]"},
      {"NumericLessThan keeps the smaller bound",
       {{"NumericLessThan", "n", {"3600"}}, {"NumericLessThan", "n", {"600"}}},
       MergeResult::Added, "NumericLessThan n [600]"},
      {"NumericLessThan keeps the smaller bound (other order)",
       {{"NumericLessThan", "n", {"600"}}, {"NumericLessThan", "n", {"3600"}}},
       MergeResult::Added, "NumericLessThan n [600]"},
      {"numbers compare as numbers, not text",
       {{"NumericLessThan", "n", {"10"}}, {"NumericLessThan", "n", {"9"}}},
       MergeResult::Added, "NumericLessThan n [9]"},
      {"negative numbers",
       {{"NumericGreaterThan", "n", {"-5"}}, {"NumericGreaterThan", "n", {"3"}}},
       MergeResult::Added, "NumericGreaterThan n [3]"},
      {"NumericGreaterThanEquals keeps the larger bound",
       {{"NumericGreaterThanEquals", "n", {"60"}}, {"NumericGreaterThanEquals", "n", {"5"}}},
       MergeResult::Added, "NumericGreaterThanEquals n [60]"},
      {"IfExists orderings keep the tighter bound",
       {{"NumericGreaterThanEqualsIfExists", "n", {"600"}}, {"NumericGreaterThanEqualsIfExists", "n", {"3600"}}},
       MergeResult::Added, "NumericGreaterThanEqualsIfExists n [3600]"},
      {"dates in UTC keep the tighter bound",
       {{"DateLessThan", "t", {"2031-01-01"}}, {"DateLessThan", "t", {"2030-06-01T00:00:00Z"}}},
       MergeResult::Added, "DateLessThan t [2030-06-01T00:00:00Z]"},
      {"date-time without seconds",
       {{"DateGreaterThan", "t", {"2030-01-01T10:00Z"}}, {"DateGreaterThan", "t", {"2030-01-01T09:59:59Z"}}},
       MergeResult::Added, "DateGreaterThan t [2030-01-01T10:00Z]"},
      {"dates with offsets are not ordered: the second moves to IfExists",
       {{"DateLessThan", "t", {"2030-01-01T00:00:00+02:00"}}, {"DateLessThan", "t", {"2031-01-01"}}},
       MergeResult::Added, "DateLessThan t [2030-01-01T00:00:00+02:00]; DateLessThanIfExists t [2031-01-01]"},
      {"Bool with both values contradicts",
       {{"Bool", "b", {"true"}}, {"Bool", "b", {"false"}}},
       MergeResult::Contradiction, "Bool b [true]"},
      {"Null with both values contradicts",
       {{"Null", "k", {"false"}}, {"Null", "k", {"true"}}},
       MergeResult::Contradiction, "Null k [false]"},
      {"BoolIfExists false and true leave only an absent key",
       {{"BoolIfExists", "b", {"false"}}, {"BoolIfExists", "b", {"true"}}},
       MergeResult::Added, "Null b [true]"},
      {"a second ArnLike moves to ArnLikeIfExists",
       {{"ArnLike", "aws:PrincipalArn", {"arn:*:iam::*:root"}}, {"ArnLike", "aws:PrincipalArn", {"arn:aws:iam::1:*"}}},
       MergeResult::Added, "ArnLike aws:PrincipalArn [arn:*:iam::*:root]; ArnLikeIfExists aws:PrincipalArn [arn:aws:iam::1:*]"},
      {"a second IpAddress moves to IpAddressIfExists",
       {{"IpAddress", "aws:SourceIp", {"10.0.0.0/8"}}, {"IpAddress", "aws:SourceIp", {"10.1.0.0/16"}}},
       MergeResult::Added, "IpAddress aws:SourceIp [10.0.0.0/8]; IpAddressIfExists aws:SourceIp [10.1.0.0/16]"},
      {"NumericEquals twice moves to IfExists",
       {{"NumericEquals", "n", {"5"}}, {"NumericEquals", "n", {"6"}}},
       MergeResult::Added, "NumericEquals n [5]; NumericEqualsIfExists n [6]"},
      {"ForAnyValue twice moves to IfExists (not an intersection)",
       {{"ForAnyValue:StringEquals", "aws:TagKeys", {"a"}}, {"ForAnyValue:StringEquals", "aws:TagKeys", {"b"}}},
       MergeResult::Added, "ForAnyValue:StringEquals aws:TagKeys [a]; ForAnyValue:StringEqualsIfExists aws:TagKeys [b]"},
      {"a third positive test is inexpressible",
       {{"ArnLike", "p", {"arn:a"}}, {"ArnLike", "p", {"arn:b"}}, {"ArnLike", "p", {"arn:c"}}},
       MergeResult::Inexpressible, "ArnLike p [arn:a]; ArnLikeIfExists p [arn:b]"},
      {"an ordering with several values falls back to IfExists",
       {{"NumericLessThan", "n", {"1", "2"}}, {"NumericLessThan", "n", {"3"}}},
       MergeResult::Added, "NumericLessThan n [1,2]; NumericLessThanIfExists n [3]"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    std::vector<ConditionEntry> block;
    MergeResult result = MergeResult::Added;
    for (std::size_t i = 0; i < row.tests.size(); ++i) {
      result = mergeCondition(block, row.tests[i]);
      if (i + 1 < row.tests.size()) {
        ASSERT_EQ(result, MergeResult::Added);
      }
    }
    EXPECT_EQ(result, row.last);
    EXPECT_EQ(show(block), row.expected);
  }
}

}  // namespace
}  // namespace rootpol::lower
