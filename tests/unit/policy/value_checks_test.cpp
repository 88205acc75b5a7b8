// The hub's checks of policy texts (policy/value_checks.h): typed condition values, ARN shapes
// and policy variables.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "policy/value_checks.h"

namespace rootpol::policy {
namespace {

TEST(ValueChecks, Dates) {
  for (const char* ok : {"2026-01-31", "2026-02-28T23:59:59Z", "2024-02-29", "2026-01", "1700000000",
                         "2026-01-01T00:00:00.123+02:00", "2026-01-01T10:00"})
    EXPECT_FALSE(checkDate(ok)) << ok;
  for (const char* bad : {"2026-13-45", "bad", "2025-02-29", "2026-01-01T25:00:00Z", "", "2026-1-1"})
    EXPECT_TRUE(checkDate(bad)) << bad;
  EXPECT_NE(checkDate("2026-13-45")->message.find("month"), std::string::npos);
  // Epoch seconds up to 9999-12-31T23:59:59Z; past it, a time in milliseconds.
  EXPECT_FALSE(checkDate("253402300799"));
  EXPECT_FALSE(checkDate("000001735689600"));
  EXPECT_TRUE(checkDate("253402300800"));
  EXPECT_TRUE(checkDate("1735689600000"));
  EXPECT_NE(checkDate("1735689600000")->help.find("milliseconds"), std::string::npos);
}

TEST(ValueChecks, DateReadings) {
  EXPECT_EQ(readDate("1700000000").form, DateForm::EpochSeconds);
  EXPECT_EQ(readDate("-1.5").form, DateForm::EpochSeconds);
  EXPECT_EQ(readDate("2026-01").form, DateForm::YearMonth);
  EXPECT_EQ(readDate("2026-01-31").form, DateForm::Day);
  DateReading t = readDate("2026-01-31T10:00:00+0200");
  EXPECT_EQ(t.form, DateForm::DateTime);
  EXPECT_EQ(t.zone, "+0200");
  EXPECT_FALSE(t.defect);
  EXPECT_EQ(readDate("2026-01-31T10:00").zone, "");
  // The first defect in reading order is the one told.
  EXPECT_EQ(readDate("2026-13-1").defect, DateDefect::DateMalformed);
  EXPECT_EQ(readDate("2026-13").defect, DateDefect::Month);
  EXPECT_EQ(readDate("2026-02-29").defect, DateDefect::Day);
  EXPECT_EQ(readDate("2026-01-01T25:00:00Z").defect, DateDefect::TimeRange);
  EXPECT_EQ(readDate("2026-01-01T10").defect, DateDefect::TimeMalformed);
  EXPECT_EQ(readDate("2026-01-01T10:00:5").defect, DateDefect::Seconds);  // was read past the end
  EXPECT_EQ(readDate("2026-01-01T10:00:05.").defect, DateDefect::Fraction);
  EXPECT_EQ(readDate("2026-01-01T10:00z").defect, DateDefect::ZoneMalformed);
  EXPECT_EQ(readDate("2026-01-01T10:00+2").defect, DateDefect::ZoneMalformed);
  for (const char* zone : {"+24", "+2400", "+24:00", "-05:60", "+0560"})
    EXPECT_EQ(readDate(std::string("2026-01-01T10:00") + zone).defect, DateDefect::ZoneRange) << zone;
  EXPECT_EQ(describe(DateDefect::Month), "the month is out of range");
}

TEST(ValueChecks, IpReadings) {
  IpReading v4 = readIp("203.0.113.7/24");
  EXPECT_TRUE(v4.defect.empty());
  EXPECT_EQ(v4.block.bits, 32u);
  EXPECT_EQ(v4.block.prefix, 24u);
  EXPECT_TRUE(v4.block.hasPrefix);
  EXPECT_EQ(formatIp(ipNetwork(v4.block)), "203.0.113.0/24");
  EXPECT_EQ(formatIp(readIp("10.0.0.1").block), "10.0.0.1");
  EXPECT_FALSE(readIp("10.0.0.1").block.hasPrefix);
  // IPv6 as RFC 5952: lower case, the first longest run of zero groups as `::`, none for one group.
  for (auto [text, shown] : std::vector<std::pair<const char*, const char*>>{
           {"2001:DB8:0:0:0:0:0:1/128", "2001:db8::1/128"},
           {"2001:db8:0:0:1:0:0:1/128", "2001:db8::1:0:0:1/128"},
           {"2001:db8:0:1:1:1:1:1/128", "2001:db8:0:1:1:1:1:1/128"},
           {"::/0", "::/0"},
           {"1::/16", "1::/16"},
           {"::1", "::1"}}) {
    IpReading r = readIp(text);
    ASSERT_TRUE(r.defect.empty()) << text;
    EXPECT_EQ(r.block.bits, 128u);
    EXPECT_EQ(formatIp(r.block), shown) << text;
  }
  EXPECT_EQ(formatIp(ipNetwork(readIp("2001:db8:1::1/48").block)), "2001:db8:1::/48");
  EXPECT_TRUE(readIp("::ffff:192.0.2.1").ipv4Tail);
  EXPECT_FALSE(readIp("::ffff:c000:201").ipv4Tail);
  EXPECT_EQ(readIp("::ffff:192.0.2.1").block, readIp("::ffff:c000:201").block);
  IpReading prefix = readIp("2001:db8::/129");
  EXPECT_TRUE(prefix.prefixDefect);
  EXPECT_EQ(prefix.block.bits, 128u);
  IpReading address = readIp("10.0.0.300/24");
  EXPECT_FALSE(address.defect.empty());
  EXPECT_FALSE(address.prefixDefect);
  // The host-bits finding names the block as RFC 5952 text.
  ASSERT_TRUE(checkIpHostBits("2001:db8::1/32"));
  EXPECT_NE(checkIpHostBits("2001:db8::1/32")->message.find("`2001:db8::/32`"), std::string::npos);
}

TEST(ValueChecks, NumbersAndBooleans) {
  for (const char* ok : {"3600", "-1", "+2.5", ".5", "0"}) EXPECT_FALSE(checkNumber(ok)) << ok;
  for (const char* bad : {"", "1e3", "abc", "1.", "--1"}) EXPECT_TRUE(checkNumber(bad)) << bad;
  EXPECT_FALSE(checkBool("TRUE"));
  EXPECT_FALSE(checkBool("false"));
  EXPECT_TRUE(checkBool("yes"));
  EXPECT_TRUE(checkBool("1"));
  // Several booleans: the first that contradicts an earlier one (values IAM cannot read aside).
  using V = std::vector<std::string>;
  EXPECT_FALSE(contradictingBool(V{"true", "TRUE"}));
  EXPECT_FALSE(contradictingBool(V{"false", "yes"}));
  EXPECT_EQ(contradictingBool(V{"true", "1", "False"}), 2u);
}

TEST(ValueChecks, Addresses) {
  for (const char* ok : {"203.0.113.0/24", "10.0.0.1", "2001:db8::/32", "::/0", "::ffff:10.0.0.1"})
    EXPECT_FALSE(checkIp(ok)) << ok;
  for (const char* bad : {"10.0.0.300/24", "10.0.0/8", "10.0.0.1/33", "01.2.3.4", "2001:db8:::1", "x"})
    EXPECT_TRUE(checkIp(bad)) << bad;
  ASSERT_TRUE(checkIpHostBits("203.0.113.7/24"));
  EXPECT_NE(checkIpHostBits("203.0.113.7/24")->message.find("203.0.113.0/24"), std::string::npos);
  EXPECT_FALSE(checkIpHostBits("203.0.113.0/24"));
  EXPECT_FALSE(checkIpHostBits("203.0.113.7"));
  EXPECT_TRUE(isPrivateIp("10.0.0.0/8"));
  EXPECT_TRUE(isPrivateIp("172.20.0.0/16"));
  EXPECT_TRUE(isPrivateIp("192.168.1.0/24"));
  EXPECT_FALSE(isPrivateIp("172.32.0.0/16"));
  EXPECT_FALSE(isPrivateIp("0.0.0.0/0"));
  EXPECT_FALSE(isPrivateIp("203.0.113.0/24"));
}

TEST(ValueChecks, ArnShapes) {
  for (const char* ok : {"*", "arn:aws:s3:::bucket/*", "arn:aws:iam::111122223333:role/x",
                         "arn:aws:kms:eu-west-1:111122223333:key/*", "arn:aws:iam::aws:policy/Admin",
                         "arn:*:s3:::b", "arn:aws:s3:*", "arn:aws:ec2:*:*:instance/*",
                         "arn:aws:s3:::b/${aws:username}/*", "arn:aws-us-gov:s3:::b"})
    EXPECT_FALSE(checkArnShape(ok, true)) << ok;
  for (const char* bad : {"arn:aws-global:s3:::b", "arn:aws:s3:audit-logs", "arn:aws:S3:::b",
                          "arn:aws:kms:EU-WEST-1:111122223333:key/a", "arn:aws:kms:eu-west-1:1111:key/a",
                          "ARN:aws:s3:::x", "bucket", "arn:aws:s3:::"})
    EXPECT_TRUE(checkArnShape(bad, true)) << bad;
  // A trailing `*` stands for the parts left out only where its head can begin the part it is in.
  for (const char* ok : {"arn:*", "arn:aws:ec2:us-east-*", "arn:aws:iam::1111*", "arn:aws:s3*"})
    EXPECT_FALSE(checkArnShape(ok, true)) << ok;
  for (const char* bad : {"arn:aws:s3::logs/*", "arn:aws:iam::role/*", "arn:aws:iam:111122223333:role/*"})
    EXPECT_TRUE(checkArnShape(bad, true)) << bad;
  // A part with a wildcard or a variable is not held to its form; a `$` without `{` is literal.
  for (const char* ok : {"${aws:SourceArn}", "arn:aws:kms:EU-?:111122223333:key/a", "arn:aws:S3*:::b",
                         "arn:aws:kms:${aws:RequestedRegion}:${aws:PrincipalAccount}:key/a", "arn:aws:s3:::$"})
    EXPECT_FALSE(checkArnShape(ok, true)) << ok;
  for (const char* bad : {"arn:aws:kms:eu-west-1:1111$:key/a", "arn:aws:kms:eu-west-1:$}{:key/a", "arn:aws:S$:::b"})
    EXPECT_TRUE(checkArnShape(bad, true)) << bad;
}

TEST(ValueChecks, Variables) {
  EXPECT_FALSE(checkVariables("home/${aws:username}/*", false));
  EXPECT_FALSE(checkVariables("${aws:PrincipalTag/team, 'none'}", false));
  EXPECT_FALSE(checkVariables("${*}${?}${$}", true));
  EXPECT_FALSE(checkVariables("${ACCELERATOR_PREFIX}", true));  // a template placeholder
  EXPECT_TRUE(checkVariables("home/${aws:username", false));
  EXPECT_TRUE(checkVariables("${aws:PrincipalTag/team, \"none\"}", false));
  EXPECT_TRUE(checkVariables("${aws:PrincipalTag/team, none}", false));
  EXPECT_TRUE(checkVariables("${aws:TokenIssueTime}", true));
}

}  // namespace
}  // namespace rootpol::policy
