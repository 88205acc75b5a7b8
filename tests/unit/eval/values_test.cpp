#include "eval/values.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace rootpol::eval {
namespace {

TEST(EvalValuesTest, Numbers) {
  struct Case {
    const char* text;
    std::optional<double> expected;
  };
  const Case cases[] = {
      {"3600", 3600}, {"-5", -5},   {"+3", 3},     {"1.50", 1.5}, {".5", 0.5},
      {"5.", 5},      {"0", 0},     {"", {}},      {"-", {}},     {".", {}},
      {"1e3", {}},    {"0x10", {}}, {" 1", {}},    {"1 ", {}},    {"abc", {}},
      {"inf", {}},    {"nan", {}},  {"1.2.3", {}}, {"--1", {}},   {"12abc", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(parseNumber(c.text), c.expected);
  }
}

std::optional<Instant> at(std::int64_t seconds, std::int32_t nanos = 0) {
  return Instant{seconds, nanos};
}

TEST(EvalValuesTest, Dates) {
  struct Case {
    const char* text;
    std::optional<Instant> expected;
  };
  const Case cases[] = {
      {"1970-01-01T00:00:00Z", at(0)},
      {"2020-01-01T00:00:00Z", at(1577836800)},
      {"2020-01-01", at(1577836800)},
      {"2020-01", at(1577836800)},
      {"2020-01-01T00:00Z", at(1577836800)},
      {"2020-01-01T00:00:00", at(1577836800)},  // no zone: UTC
      {"2020-01-01t00:00:00z", at(1577836800)},
      {"2020-01-01T01:00:00+01:00", at(1577836800)},
      {"2020-01-01T05:30:00+0530", at(1577836800)},
      {"2019-12-31T19:00:00-05:00", at(1577836800)},
      {"2020-01-01T02:00:00+02", at(1577836800)},
      {"2020-01-01T00:00:00.5Z", at(1577836800, 500000000)},
      {"2020-01-01T00:00:00.123456789123Z", at(1577836800, 123456789)},
      {"2020-02-29T00:00:00Z", at(1582934400)},
      {"1969-12-31T23:59:59Z", at(-1)},
      {"1577836800", at(1577836800)},
      {"1577836800.25", at(1577836800, 250000000)},
      {"-1.5", at(-2, 500000000)},
      {"0", at(0)},
      {"2019-02-29", {}},
      {"2020-02-30", {}},
      {"2020-13-01", {}},
      {"2020-00-10", {}},
      {"2020-01-01T24:00:00Z", {}},
      {"2020-01-01T12:60:00Z", {}},
      {"2020-01-01T12:00:60Z", {}},
      {"2020-01-01T12:00:00+25:00", {}},
      {"2020-01-01T12:00:00.Z", {}},
      {"2020-01-01T12Z", {}},
      {"2020-01-01 12:00:00Z", {}},
      {"2020-1-1", {}},
      {"yesterday", {}},
      {"", {}},
      {"12a", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(parseDate(c.text), c.expected);
  }
}

TEST(EvalValuesTest, DatesOrderAcrossZonesAndFractions) {
  EXPECT_LT(*parseDate("2020-01-01T00:00:00.25Z"), *parseDate("2020-01-01T00:00:00.5Z"));
  EXPECT_LT(*parseDate("2020-01-01T00:30:00+01:00"), *parseDate("2020-01-01T00:00:00Z"));
  EXPECT_EQ(*parseDate("2020-01-01T00:00:00Z"), *parseDate("1577836800"));
}

TEST(EvalValuesTest, IpAddresses) {
  struct Case {
    const char* text;
    bool valid;
    bool v6;
  };
  const Case cases[] = {
      {"203.0.113.7", true, false},
      {"0.0.0.0", true, false},
      {"255.255.255.255", true, false},
      {"2001:db8::1", true, true},
      {"2001:DB8::1", true, true},
      {"::", true, true},
      {"::1", true, true},
      {"1::", true, true},
      {"2001:0db8:0000:0000:0000:0000:0000:0001", true, true},
      {"::ffff:10.1.2.3", true, false},  // IPv4-mapped: read as IPv4
      {"::ffff:0a01:0203", true, false},
      {"64:ff9b::10.1.2.3", true, true},
      {"256.0.0.1", false, false},
      {"10.0.0", false, false},
      {"10.0.0.1.2", false, false},
      {"010.0.0.1", false, false},
      {"1:2:3:4:5:6:7:8:9", false, false},
      {"1::2::3", false, false},
      {":::", false, false},
      {"1:2:3:4:5:6:7", false, false},
      {"12345::", false, false},
      {"fe80::1%eth0", false, false},
      {"10.0.0.1/32", false, false},
      {"", false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    std::optional<IpAddress> parsed = parseIpAddress(c.text);
    ASSERT_EQ(parsed.has_value(), c.valid);
    if (c.valid) {
      EXPECT_EQ(parsed->v6, c.v6);
    }
  }
  EXPECT_EQ(parseIpAddress("2001:db8::1"), parseIpAddress("2001:0db8:0:0:0:0:0:1"));
  EXPECT_EQ(parseIpAddress("::ffff:10.1.2.3"), parseIpAddress("10.1.2.3"));
}

TEST(EvalValuesTest, IpBlocks) {
  struct Case {
    const char* block;
    const char* address;
    bool contained;
  };
  const Case cases[] = {
      {"203.0.113.0/24", "203.0.113.7", true},
      {"203.0.113.0/24", "203.0.114.7", false},
      {"203.0.113.7/24", "203.0.113.200", true},  // host bits set: still the /24
      {"203.0.113.7", "203.0.113.7", true},       // bare address: /32
      {"203.0.113.7", "203.0.113.8", false},
      {"0.0.0.0/0", "198.51.100.1", true},
      {"10.0.0.0/9", "10.127.255.255", true},
      {"10.0.0.0/9", "10.128.0.0", false},
      {"2001:db8::/32", "2001:db8:1::5", true},
      {"2001:db8::/32", "2001:db9::1", false},
      {"2001:db8::1", "2001:db8::1", true},
      {"::/0", "2001:db8::1", true},
      {"::/0", "10.0.0.1", false},  // families never contain each other
      {"0.0.0.0/0", "2001:db8::1", false},
      {"::ffff:10.0.0.0/104", "10.200.0.1", true},  // mapped block with prefix >= 96 is IPv4
      {"10.0.0.0/8", "::ffff:10.1.2.3", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.block) + " " + c.address);
    std::optional<IpBlock> block = parseIpBlock(c.block);
    std::optional<IpAddress> address = parseIpAddress(c.address);
    ASSERT_TRUE(block && address);
    EXPECT_EQ(blockContains(*block, *address), c.contained);
  }
  for (const char* bad : {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1",
                          "10.0.0.0/8/8", "10.0.0.0/1a", "banana/8"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(parseIpBlock(bad).has_value());
  }
}

TEST(EvalValuesTest, Base64) {
  EXPECT_EQ(decodeBase64("QmluYXJ5"), std::optional<std::string>("Binary"));
  EXPECT_EQ(decodeBase64("aGk="), std::optional<std::string>("hi"));
  EXPECT_EQ(decodeBase64("aGk"), std::optional<std::string>("hi"));
  EXPECT_EQ(decodeBase64("YQ=="), std::optional<std::string>("a"));
  EXPECT_EQ(decodeBase64(""), std::optional<std::string>(""));
  EXPECT_EQ(decodeBase64("+/8="), std::optional<std::string>("\xfb\xff"));
  EXPECT_FALSE(decodeBase64("a").has_value());
  EXPECT_FALSE(decodeBase64("aGk=a").has_value());
  EXPECT_FALSE(decodeBase64("aG=").has_value());
  EXPECT_FALSE(decodeBase64("bad!").has_value());
  EXPECT_FALSE(decodeBase64("-_8=").has_value());
  EXPECT_FALSE(decodeBase64("aGl=").has_value());  // not canonical: "hi" with a stray bit
}

}  // namespace
}  // namespace rootpol::eval
