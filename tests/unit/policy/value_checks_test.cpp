// The hub's checks of policy texts (policy/value_checks.h): typed condition values, ARN shapes
// and policy variables.
#include <gtest/gtest.h>

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
}

TEST(ValueChecks, NumbersAndBooleans) {
  for (const char* ok : {"3600", "-1", "+2.5", ".5", "0"}) EXPECT_FALSE(checkNumber(ok)) << ok;
  for (const char* bad : {"", "1e3", "abc", "1.", "--1"}) EXPECT_TRUE(checkNumber(bad)) << bad;
  EXPECT_FALSE(checkBool("TRUE"));
  EXPECT_FALSE(checkBool("false"));
  EXPECT_TRUE(checkBool("yes"));
  EXPECT_TRUE(checkBool("1"));
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
