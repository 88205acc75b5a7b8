#include "eval/condition.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace rootpol::eval {
namespace {

using Context = std::vector<std::pair<std::string, std::vector<std::string>>>;

constexpr const char* kPrincipal = "arn:aws:iam::111122223333:user/alice";

// One condition entry against one request context; `context` lists the keys present.
struct Case {
  std::string op;
  std::string key;
  std::vector<std::string> values;
  Context context;
  bool holds;
};

void check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    std::string values;
    for (const std::string& v : c.values) values += v + ",";
    std::string context;
    for (const auto& [k, vs] : c.context) {
      context += k + "=";
      for (const std::string& v : vs) context += v + ",";
      context += " ";
    }
    SCOPED_TRACE(c.op + " " + c.key + " [" + values + "] with {" + context + "}");
    Request request{kPrincipal, "s3:GetObject", "*", c.context};
    CompiledCondition condition(policy::ConditionEntry{c.op, c.key, c.values});
    EXPECT_EQ(condition.holds(RequestContext(request)), c.holds);
  }
}

const Context kAbsent = {};

TEST(EvalConditionTest, StringOperators) {
  const Context abc = {{"k", {"abc"}}};
  check({
      {"StringEquals", "k", {"abc"}, abc, true},
      {"StringEquals", "k", {"ABC"}, abc, false},  // values are case-sensitive
      {"StringEquals", "K", {"abc"}, abc, true},   // key names are not
      {"StringEquals", "k", {"x", "abc"}, abc, true},
      {"StringEquals", "k", {"a*"}, abc, false},  // no wildcards in Equals
      {"StringEquals", "k", {"a*"}, {{"k", {"a*"}}}, true},
      {"StringEquals", "k", {"abc"}, kAbsent, false},
      {"StringEquals", "k", {}, abc, false},
      {"StringNotEquals", "k", {"x", "y"}, abc, true},
      {"StringNotEquals", "k", {"x", "abc"}, abc, false},  // must match none of the values
      {"StringNotEquals", "k", {"abc"}, kAbsent, true},
      {"StringNotEquals", "k", {}, abc, true},
      {"StringEqualsIgnoreCase", "k", {"ABC"}, abc, true},
      {"StringEqualsIgnoreCase", "k", {"ABD"}, abc, false},
      {"StringNotEqualsIgnoreCase", "k", {"ABC"}, abc, false},
      {"StringNotEqualsIgnoreCase", "k", {"ABD"}, abc, true},
      {"StringLike", "k", {"a*c"}, abc, true},
      {"StringLike", "k", {"a?c"}, abc, true},
      {"StringLike", "k", {"a?"}, abc, false},
      {"StringLike", "k", {"A*"}, abc, false},  // Like is case-sensitive
      {"StringLike", "k", {"*"}, {{"k", {""}}}, true},
      {"StringLike", "k", {"*"}, kAbsent, false},
      {"StringNotLike", "k", {"x*", "a*"}, abc, false},
      {"StringNotLike", "k", {"x*", "y*"}, abc, true},
      {"StringNotLike", "k", {"a*"}, kAbsent, true},
      // IAM rejects operator names in another case ("Invalid Condition type"): unknown, so
      // false even where StringEquals holds (iam-simulate accepts them; tests/oracle/README.md).
      {"stringequals", "k", {"abc"}, abc, false},
  });
}

TEST(EvalConditionTest, IfExistsAndAbsentKeys) {
  const Context present = {{"k", {"v"}}};
  check({
      {"StringEqualsIfExists", "k", {"x"}, kAbsent, true},
      {"StringEqualsIfExists", "k", {"x"}, present, false},
      {"StringEqualsIfExists", "k", {"v"}, present, true},
      {"StringNotEqualsIfExists", "k", {"v"}, present, false},
      {"StringLikeIfExists", "k", {"x*"}, kAbsent, true},
      {"NumericLessThanIfExists", "k", {"5"}, kAbsent, true},
      {"DateGreaterThanIfExists", "k", {"2020-01-01"}, kAbsent, true},
      {"BoolIfExists", "k", {"false"}, kAbsent, true},
      {"BoolIfExists", "k", {"false"}, {{"k", {"true"}}}, false},
      {"IpAddressIfExists", "k", {"10.0.0.0/8"}, kAbsent, true},
      {"NotIpAddressIfExists", "k", {"10.0.0.0/8"}, kAbsent, true},
      {"ArnLikeIfExists", "k", {"arn:aws:iam::*:root"}, kAbsent, true},
      {"BinaryEqualsIfExists", "k", {"aGk="}, kAbsent, true},
      {"NullIfExists", "k", {"true"}, kAbsent, false},  // not an IAM operator
      {"StringFoo", "k", {"v"}, present, false},
      {"StringNotFoo", "k", {"v"}, kAbsent, false},
      // A key present with no values: plain operators see no value to match.
      {"StringEquals", "k", {"v"}, {{"k", {}}}, false},
      {"StringNotEquals", "k", {"v"}, {{"k", {}}}, true},
      {"StringEqualsIfExists", "k", {"v"}, {{"k", {}}}, false},
  });
}

TEST(EvalConditionTest, SetQualifiers) {
  const Context ab = {{"aws:TagKeys", {"a", "b"}}};
  const Context empty = {{"aws:TagKeys", {}}};
  check({
      {"ForAnyValue:StringEquals", "aws:TagKeys", {"b", "z"}, ab, true},
      {"ForAnyValue:StringEquals", "aws:TagKeys", {"z"}, ab, false},
      {"ForAnyValue:StringEquals", "aws:TagKeys", {"a"}, kAbsent, false},
      {"ForAnyValue:StringEquals", "aws:TagKeys", {"a"}, empty, false},
      {"ForAllValues:StringEquals", "aws:TagKeys", {"a", "b", "c"}, ab, true},
      {"ForAllValues:StringEquals", "aws:TagKeys", {"a"}, ab, false},
      {"ForAllValues:StringEquals", "aws:TagKeys", {"a"}, kAbsent, true},
      {"ForAllValues:StringEquals", "aws:TagKeys", {"a"}, empty, true},
      {"ForAllValues:StringNotEquals", "aws:TagKeys", {"z"}, ab, true},
      {"ForAllValues:StringNotEquals", "aws:TagKeys", {"a"}, ab, false},
      {"ForAllValues:StringNotEquals", "aws:TagKeys", {"a"}, kAbsent, true},
      {"ForAnyValue:StringNotEquals", "aws:TagKeys", {"a"}, ab, true},
      {"ForAnyValue:StringNotEquals", "aws:TagKeys", {"a"}, {{"aws:TagKeys", {"a"}}}, false},
      {"ForAnyValue:StringNotEquals", "aws:TagKeys", {"a"}, kAbsent, false},
      {"ForAnyValue:StringLike",
       "aws:PrincipalOrgPaths",
       {"o-1/r-1/ou-1/*"},
       {{"aws:PrincipalOrgPaths", {"o-1/r-1/ou-2/", "o-1/r-1/ou-1/ou-3/"}}},
       true},
      {"ForAllValues:StringLike", "aws:TagKeys", {"a*", "b*"}, ab, true},
      {"ForAnyValue:StringEqualsIfExists", "aws:TagKeys", {"a"}, kAbsent, false},  // qualifier
                                                                                   // decides
      {"ForAllValues:StringEqualsIfExists", "aws:TagKeys", {"a"}, kAbsent, true},
      {"forallvalues:stringequals", "aws:TagKeys", {"a", "b"}, ab, false},  // not IAM spelling
      // A single-valued key under a qualifier is a one-element set.
      {"ForAnyValue:StringEquals", "k", {"v"}, {{"k", {"v"}}}, true},
      {"ForAllValues:StringEquals", "k", {"v"}, {{"k", {"w"}}}, false},
      // Other families work under qualifiers too (lowering emits ForAnyValue:Bool).
      {"ForAnyValue:Bool", "k", {"true"}, {{"k", {"false", "true"}}}, true},
      {"ForAllValues:Bool", "k", {"true"}, {{"k", {"false", "true"}}}, false},
      {"ForAnyValue:NumericGreaterThan", "k", {"10"}, {{"k", {"1", "11"}}}, true},
      {"ForAllValues:ArnLike",
       "k",
       {"arn:aws:iam::*:role/*"},
       {{"k", {"arn:aws:iam::1:role/a", "arn:aws:iam::2:role/b"}}},
       true},
      // Several values and no qualifier: positive as ForAnyValue, negated as its complement.
      {"StringEquals", "aws:TagKeys", {"b"}, ab, true},
      {"StringEquals", "aws:TagKeys", {"z"}, ab, false},
      {"StringNotEquals", "aws:TagKeys", {"b"}, ab, false},
      {"StringNotEquals", "aws:TagKeys", {"z"}, ab, true},
      {"StringLike", "aws:TagKeys", {"b*"}, ab, true},
  });
}

TEST(EvalConditionTest, NullOperator) {
  check({
      {"Null", "k", {"true"}, kAbsent, true},
      {"Null", "k", {"true"}, {{"k", {"v"}}}, false},
      {"Null", "k", {"false"}, {{"k", {"v"}}}, true},
      {"Null", "k", {"false"}, kAbsent, false},
      {"Null", "k", {"false"}, {{"k", {""}}}, true},  // an empty string is present
      {"Null", "k", {"false"}, {{"k", {}}}, true},    // so is an empty list
      {"Null", "k", {"TRUE"}, kAbsent, true},
      {"Null", "k", {"yes"}, kAbsent, false},
      {"Null", "k", {"true", "false"}, kAbsent, true},
      {"Null", "aws:PrincipalArn", {"false"}, kAbsent, true},  // from Request::principalArn
      {"ForAnyValue:Null", "k", {"true"}, kAbsent, true},      // the qualifier changes nothing
  });
}

TEST(EvalConditionTest, NumericOperators) {
  const Context age = {{"aws:MultiFactorAuthAge", {"100"}}};
  check({
      {"NumericLessThan", "aws:MultiFactorAuthAge", {"3600"}, age, true},
      {"NumericLessThan", "aws:MultiFactorAuthAge", {"100"}, age, false},
      {"NumericLessThanEquals", "aws:MultiFactorAuthAge", {"100"}, age, true},
      {"NumericGreaterThan", "aws:MultiFactorAuthAge", {"99.5"}, age, true},
      {"NumericGreaterThan", "aws:MultiFactorAuthAge", {"100"}, age, false},
      {"NumericGreaterThanEquals", "aws:MultiFactorAuthAge", {"100"}, age, true},
      {"NumericEquals", "aws:MultiFactorAuthAge", {"100.0"}, age, true},
      {"NumericEquals", "aws:MultiFactorAuthAge", {"1", "100"}, age, true},
      {"NumericNotEquals", "aws:MultiFactorAuthAge", {"1", "100"}, age, false},
      {"NumericNotEquals", "aws:MultiFactorAuthAge", {"1", "2"}, age, true},
      {"NumericLessThan", "k", {"0"}, {{"k", {"-5"}}}, true},
      {"NumericEquals", "k", {"+3"}, {{"k", {"3"}}}, true},
      {"NumericEquals", "k", {".5"}, {{"k", {"0.5"}}}, true},
      {"NumericLessThan", "aws:MultiFactorAuthAge", {"3600"}, kAbsent, false},
      {"NumericNotEquals", "aws:MultiFactorAuthAge", {"3600"}, kAbsent, true},
      // Malformed on either side: the pair compares false, whatever the polarity.
      {"NumericLessThan", "aws:MultiFactorAuthAge", {"abc"}, age, false},
      {"NumericNotEquals", "aws:MultiFactorAuthAge", {"abc"}, age, false},
      {"NumericNotEquals", "aws:MultiFactorAuthAge", {"1", "abc"}, age, false},
      {"NumericEquals", "aws:MultiFactorAuthAge", {"abc", "100"}, age, true},
      {"NumericLessThan", "k", {"10"}, {{"k", {"x"}}}, false},
      {"NumericNotEquals", "k", {"10"}, {{"k", {"x"}}}, false},
      {"NumericEquals", "k", {"1000"}, {{"k", {"1e3"}}}, false},
      {"NumericEquals", "k", {"${aws:x}"}, {{"k", {"1"}}, {"aws:x", {"1"}}}, false},  // no
                                                                                      // variables
  });
}

TEST(EvalConditionTest, DateOperators) {
  const Context now = {{"aws:CurrentTime", {"2021-06-01T12:00:00Z"}}};
  const std::string key = "aws:CurrentTime";
  check({
      {"DateGreaterThan", key, {"2020-01-01T00:00:00Z"}, now, true},
      {"DateLessThan", key, {"2020-01-01T00:00:00Z"}, now, false},
      {"DateLessThan", key, {"2021-06-01T12:00:00.001Z"}, now, true},
      {"DateLessThanEquals", key, {"2021-06-01T12:00:00Z"}, now, true},
      {"DateGreaterThanEquals", key, {"2021-06-01T12:00:00Z"}, now, true},
      {"DateEquals", key, {"2021-06-01T14:00:00+02:00"}, now, true},
      {"DateEquals", key, {"2021-06-01T07:00:00-0500"}, now, true},
      {"DateEquals", key, {"1622548800"}, now, true},  // epoch seconds against ISO 8601
      {"DateNotEquals", key, {"1622548800"}, now, false},
      {"DateNotEquals", key, {"2021-06-01"}, now, true},
      {"DateGreaterThan", key, {"2021-06-01"}, now, true},  // a date is its midnight UTC
      {"DateLessThan", key, {"2021-06-02"}, now, true},
      {"DateLessThan", "aws:EpochTime", {"2021-06-02"}, {{"aws:EpochTime", {"1622548800"}}}, true},
      {"DateGreaterThan", key, {"2020-01-01"}, kAbsent, false},
      {"DateNotEquals", key, {"2020-01-01"}, kAbsent, true},
      {"DateGreaterThan", key, {"2020-02-30"}, now, false},
      {"DateNotEquals", key, {"not a date"}, now, false},
      {"DateGreaterThan", key, {"2020-01-01"}, {{key, {"yesterday"}}}, false},
      {"DateEquals", key, {"2020-02-29"}, {{key, {"2020-02-29T00:00:00Z"}}}, true},
  });
}

TEST(EvalConditionTest, BoolAndBinaryOperators) {
  const std::string mfa = "aws:MultiFactorAuthPresent";
  check({
      {"Bool", mfa, {"true"}, {{mfa, {"true"}}}, true},
      {"Bool", mfa, {"true"}, {{mfa, {"True"}}}, true},
      {"Bool", mfa, {"TRUE"}, {{mfa, {"true"}}}, true},
      {"Bool", mfa, {"true"}, {{mfa, {"false"}}}, false},
      {"Bool", mfa, {"false"}, {{mfa, {"false"}}}, true},
      {"Bool", mfa, {"true"}, {{mfa, {"yes"}}}, false},
      {"Bool", mfa, {"yes"}, {{mfa, {"true"}}}, false},
      {"Bool", mfa, {"true"}, kAbsent, false},
      {"Bool", mfa, {"false"}, kAbsent, false},
      {"BinaryEquals", "k", {"QmluYXJ5"}, {{"k", {"QmluYXJ5"}}}, true},
      {"BinaryEquals", "k", {"aGk="}, {{"k", {"aGk"}}}, true},  // compared as bytes
      {"BinaryEquals", "k", {"aGk="}, {{"k", {"aGo="}}}, false},
      {"BinaryEquals", "k", {"aGk="}, {{"k", {"aGl="}}}, false},  // not canonical base64
      {"BinaryEquals", "k", {"aGk="}, {{"k", {"bad!"}}}, false},
      {"BinaryEquals", "k", {"bad!"}, {{"k", {"bad!"}}}, false},
      {"BinaryEquals", "k", {"aGk="}, kAbsent, false},
  });
}

TEST(EvalConditionTest, IpOperators) {
  const std::string ip = "aws:SourceIp";
  auto from = [&](const char* address) { return Context{{ip, {address}}}; };
  check({
      {"IpAddress", ip, {"203.0.113.0/24"}, from("203.0.113.7"), true},
      {"IpAddress", ip, {"203.0.113.0/24"}, from("203.0.114.7"), false},
      {"IpAddress", ip, {"198.51.100.0/25", "203.0.113.0/24"}, from("203.0.113.7"), true},
      {"IpAddress", ip, {"203.0.113.7"}, from("203.0.113.7"), true},
      {"IpAddress", ip, {"203.0.113.1/24"}, from("203.0.113.99"), true},
      {"IpAddress", ip, {"2001:db8::/32"}, from("2001:db8:1::5"), true},
      {"IpAddress", ip, {"2001:DB8::/32"}, from("2001:db8::1"), true},
      {"IpAddress", ip, {"2001:db8::/32"}, from("2001:db9::1"), false},
      {"IpAddress", ip, {"10.0.0.0/8"}, from("2001:db8::1"), false},
      {"IpAddress", ip, {"::/0"}, from("10.0.0.1"), false},
      {"IpAddress", ip, {"10.0.0.0/8"}, from("::ffff:10.1.2.3"), true},
      {"IpAddress", ip, {"::ffff:10.0.0.0/104"}, from("10.200.0.1"), true},
      {"IpAddress", ip, {"10.0.0.0/8"}, kAbsent, false},
      {"NotIpAddress", ip, {"10.0.0.0/8"}, from("11.0.0.1"), true},
      {"NotIpAddress", ip, {"10.0.0.0/8"}, from("10.0.0.1"), false},
      {"NotIpAddress", ip, {"10.0.0.0/8", "11.0.0.0/8"}, from("11.0.0.1"), false},
      {"NotIpAddress", ip, {"10.0.0.0/8"}, from("2001:db8::1"), true},
      {"NotIpAddress", ip, {"10.0.0.0/8"}, kAbsent, true},
      // Malformed blocks or addresses never match, negated or not.
      {"IpAddress", ip, {"10.0.0.0/33"}, from("10.0.0.1"), false},
      {"NotIpAddress", ip, {"10.0.0.0/33"}, from("11.0.0.1"), false},
      {"IpAddress", ip, {"300.0.0.0/8", "10.0.0.0/8"}, from("10.0.0.1"), true},
      {"IpAddress", ip, {"10.0.0.0/8"}, from("not-an-ip"), false},
      {"NotIpAddress", ip, {"10.0.0.0/8"}, from("not-an-ip"), false},
      {"IpAddress", ip, {"10.0.0.0/8"}, from("10.0.0.0/8"), false},
  });
}

TEST(EvalConditionTest, ArnOperators) {
  const std::string key = "aws:PrincipalArn";
  const Context root = {{key, {"arn:aws:iam::111122223333:root"}}};
  check({
      {"ArnLike", key, {"arn:aws:iam::*:root"}, root, true},
      {"ArnEquals", key, {"arn:aws:iam::*:root"}, root, true},  // ArnEquals is ArnLike
      {"ArnLike", key, {"arn:*:iam::*:root"}, root, true},
      {"ArnLike", key, {"arn:aws:iam::*:role/*"}, root, false},
      {"ArnLike", key, {"arn:aws:iam::*:ROOT"}, root, false},
      {"ArnLike", key, {"arn:aws:iam::1*:root"}, {{key, {"arn:aws:iam::1:2:root"}}}, false},
      {"ArnNotLike", key, {"arn:aws:iam::*:root"}, root, false},
      {"ArnNotEquals", key, {"arn:aws:iam::*:role/*"}, root, true},
      {"ArnNotLike", key, {"arn:aws:iam::*:role/*", "arn:aws:iam::*:root"}, root, false},
      {"ArnNotLike", key, {"arn:aws:iam::*:root"}, kAbsent, true},
      {"ArnLike", "aws:SourceArn", {"arn:aws:iam::*:root"}, kAbsent, false},
      // The principal ARN comes from Request::principalArn when the context lacks it.
      {"ArnLike", key, {"arn:aws:iam::*:user/alice"}, kAbsent, true},
      {"ArnLike",
       key,
       {"arn:aws:iam::${aws:PrincipalAccount}:root"},
       {{key, {"arn:aws:iam::111122223333:root"}}, {"aws:PrincipalAccount", {"111122223333"}}},
       true},
      // Malformed ARNs on either side compare false.
      {"ArnLike", "k", {"arn:aws:iam::*:root"}, {{"k", {"not-an-arn"}}}, false},
      {"ArnNotLike", "k", {"arn:aws:iam::*:root"}, {{"k", {"not-an-arn"}}}, false},
      {"ArnLike", key, {"arn:aws:iam"}, root, false},
      {"ArnNotLike", key, {"arn:aws:iam"}, root, false},
      {"ArnLike", key, {"*"}, root, true},
  });
}

TEST(EvalConditionTest, PolicyVariables) {
  const Context alice = {{"aws:username", {"alice"}}, {"aws:PrincipalTag/owner", {"alice"}}};
  const Context noName = {{"aws:PrincipalTag/owner", {"alice"}}};
  check({
      {"StringEquals", "aws:PrincipalTag/owner", {"${aws:username}"}, alice, true},
      {"StringEquals", "aws:principaltag/OWNER", {"${AWS:UserName}"}, alice, true},
      {"StringLike", "aws:PrincipalTag/owner", {"${aws:username}*"}, alice, true},
      // No value for the variable: positive operators do not match, negated ones do.
      {"StringEquals", "aws:PrincipalTag/owner", {"${aws:username}"}, noName, false},
      {"StringLike", "aws:PrincipalTag/owner", {"${aws:username}*"}, noName, false},
      {"StringNotEquals", "aws:PrincipalTag/owner", {"${aws:username}"}, noName, true},
      {"StringNotLike", "aws:PrincipalTag/owner", {"${aws:username}"}, noName, true},
      {"ArnNotLike", "aws:PrincipalArn", {"arn:aws:iam::*:user/${aws:username}"}, noName, true},
      {"StringEquals", "aws:PrincipalTag/owner", {"${aws:username, 'alice'}"}, noName, true},
      {"StringEquals", "k", {"a${*}b"}, {{"k", {"a*b"}}}, true},
      {"StringLike", "k", {"a${*}"}, {{"k", {"ab"}}}, false},
      {"StringEqualsIgnoreCase",
       "k",
       {"${aws:username}"},
       {{"k", {"ALICE"}}, {"aws:username", {"alice"}}},
       true},
  });
}

TEST(EvalConditionTest, ExplainsWhyFalse) {
  Request request{kPrincipal, "s3:GetObject", "*", {{"aws:SourceIp", {"11.0.0.1"}}}};
  RequestContext context(request);
  EXPECT_EQ(CompiledCondition({"IpAddress", "aws:SourceIp", {"10.0.0.0/8"}}).whyFalse(context),
            "IpAddress `aws:SourceIp` [\"10.0.0.0/8\"] is false for the request's [\"11.0.0.1\"]");
  EXPECT_EQ(CompiledCondition({"Bool", "aws:SecureTransport", {"true"}}).whyFalse(context),
            "Bool on `aws:SecureTransport`: the key is absent");
  EXPECT_EQ(CompiledCondition({"Null", "aws:SourceIp", {"true"}}).whyFalse(context),
            "Null [\"true\"] on `aws:SourceIp`: the key is present");
  EXPECT_EQ(CompiledCondition({"StringFoo", "k", {"v"}}).whyFalse(context),
            "`StringFoo` is not an IAM condition operator");
}

}  // namespace
}  // namespace rootpol::eval
