// Literal validation against the scalar type a context expects (spec section 2).
#include "sema/literals.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rootpol::sema {
namespace {

// One row: the text, whether it is valid, and for an invalid one the code and a fragment of
// the message and of the help that must appear.
struct Case {
  Case(std::string t, bool p = false, bool v = true, DiagCode c = DiagCode::RP0001, std::string m = "",
       std::string h = "")
      : text(std::move(t)), pattern(p), valid(v), code(c), message(std::move(m)), help(std::move(h)) {}
  std::string text;
  bool pattern;
  bool valid;
  DiagCode code;
  std::string message;
  std::string help;
};

void expectCase(const std::optional<LiteralProblem>& problem, const Case& c) {
  SCOPED_TRACE("literal `" + c.text + "`");
  if (c.valid) {
    EXPECT_FALSE(problem.has_value()) << problem->message;
    return;
  }
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->code, c.code);
  EXPECT_NE(problem->message.find(c.message), std::string::npos) << problem->message;
  EXPECT_NE(problem->help.find(c.help), std::string::npos) << problem->help;
}

TEST(LiteralsCidr, ValidBlocks) {
  for (const char* text : {"10.0.0.0/8", "0.0.0.0/0", "203.0.113.0/24", "198.51.100.0/25", "192.0.2.1/32",
                           "255.255.255.255/32", "2001:db8::/32", "::/0", "::1/128", "fe80::/10",
                           "2001:db8:0:0:0:0:0:0/64", "2001:db8:1:2:3:4:5:6/128", "2001:DB8::/32", "::ffff:0:0/96"}) {
    expectCase(checkCidr(text), Case(text));
    expectCase(checkLiteral(ast::Scalar::Cidr, text, false), Case(text));
  }
}

TEST(LiteralsCidr, InvalidBlocks) {
  const std::vector<Case> cases = {
      {"10.0.0.0/33", false, false, DiagCode::RP1005, "invalid prefix length", "0 to 32"},
      {"2001:db8::/129", false, false, DiagCode::RP1005, "invalid prefix length", "0 to 128"},
      {"10.0.0.0/", false, false, DiagCode::RP1005, "invalid prefix length", "0 to 32"},
      {"10.0.0.0/08", false, false, DiagCode::RP1005, "invalid prefix length", ""},
      {"10.0.0.0/-1", false, false, DiagCode::RP1005, "invalid prefix length", ""},
      {"10.0.0.1/8", false, false, DiagCode::RP1005, "host bits set", "`10.0.0.0/8`"},
      {"192.0.2.129/25", false, false, DiagCode::RP1005, "host bits set", "`192.0.2.128/25`"},
      {"2001:db8::1/32", false, false, DiagCode::RP1005, "host bits set", "`2001:db8::/32`"},
      {"2001:db8:1::1/48", false, false, DiagCode::RP1005, "host bits set", "`2001:db8:1::/48`"},
      {"fe80::1/10", false, false, DiagCode::RP1005, "host bits set", "`fe80::/10`"},
      {"10.0.0.1", false, false, DiagCode::RP1005, "no prefix length", "`10.0.0.1/32`"},
      {"2001:db8::1", false, false, DiagCode::RP1005, "no prefix length", "`2001:db8::1/128`"},
      {"10.0.0/8", false, false, DiagCode::RP1005, "not a valid CIDR block", "203.0.113.0/24"},
      {"256.0.0.0/8", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      {"01.0.0.0/8", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      {"10.0.0.0.0/8", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      {"a.b.c.d/8", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      {"", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      {"1::2::3/64", false, false, DiagCode::RP1005, "not a valid CIDR block", "2001:db8::/32"},
      {"12345::/16", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      {"2001:db8:1:2:3:4:5:6:7/64", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      {"2001:db8:1:2:3:4:5/64", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      {"1:2:3:4::5:6:7:8/64", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      {"2001:db8::g/64", false, false, DiagCode::RP1005, "not a valid CIDR block", ""},
      // IAM reads an IPv6 address with a dotted IPv4 tail; a rootpol cidr is hex groups only.
      {"::ffff:192.0.2.0/120", false, false, DiagCode::RP1005, "not a valid CIDR block", "2001:db8::/32"},
  };
  for (const Case& c : cases) expectCase(checkCidr(c.text), c);
}

TEST(LiteralsCidr, PrefixRangeBoundaries) {
  for (int prefix = 0; prefix <= 32; ++prefix) {
    expectCase(checkCidr("0.0.0.0/" + std::to_string(prefix)), Case("0.0.0.0/" + std::to_string(prefix)));
  }
  for (int prefix = 0; prefix <= 128; prefix += 16) {
    expectCase(checkCidr("::/" + std::to_string(prefix)), Case("::/" + std::to_string(prefix)));
  }
  EXPECT_TRUE(checkCidr("0.0.0.0/33").has_value());
  EXPECT_TRUE(checkCidr("::/129").has_value());
}

TEST(LiteralsArn, ExactAndPatterns) {
  const std::vector<Case> cases = {
      {"arn:aws:iam::111122223333:role/Admin", false, true},
      {"arn:aws:s3:::bucket/key:with:colons", false, true},
      {"arn:aws-us-gov:iam::111122223333:root", false, true},
      {"arn:aws:iam::*:role/*", true, true},
      {"arn:*:iam::*:root", true, true},
      {"*", true, true},
      {"*", false, false, DiagCode::RP1006, "is not an ARN", "six parts"},
      {"arn:aws:iam::*:role/Admin", false, false, DiagCode::RP1006, "wildcards", "`like`"},
      {"arn:aws:iam::111122223333:role/Adm?n", false, false, DiagCode::RP1006, "wildcards", ""},
      {"role/Admin", true, false, DiagCode::RP1006, "is not an ARN", "arn:PARTITION:SERVICE"},
      {"arn:aws:s3", true, false, DiagCode::RP1006, "is not an ARN", ""},
      {"arn::iam::1:x", true, false, DiagCode::RP1006, "is not an ARN", ""},
      {"arn:aws::::x", true, false, DiagCode::RP1006, "is not an ARN", ""},
      {"ARN:aws:iam::1:x", true, false, DiagCode::RP1006, "is not an ARN", ""},
      {"", true, false, DiagCode::RP1006, "is not an ARN", ""},
  };
  for (const Case& c : cases) {
    expectCase(checkArn(c.text, c.pattern), c);
    expectCase(checkLiteral(ast::Scalar::Arn, c.text, c.pattern), c);
  }
}

TEST(LiteralsRegion, NamesAndPatterns) {
  const std::vector<Case> cases = {
      {"eu-west-1", false, true},
      {"us-east-1", false, true},
      {"us-gov-west-1", false, true},
      {"ap-southeast-2", false, true},
      {"cn-north-1", false, true},
      {"eu-*", true, true},
      {"us-???t-1", true, true},
      {"*", true, true},
      {"EU-WEST-1", false, false, DiagCode::RP1007, "not an AWS region name", "eu-west-1"},
      {"eu-*", false, false, DiagCode::RP1007, "not an AWS region name", ""},
      {"EU-*", true, false, DiagCode::RP1007, "", ""},
      {"eu west 1", false, false, DiagCode::RP1007, "", ""},
      {"", true, false, DiagCode::RP1007, "", ""},
      // Well-formed but not in stdlib/regions.json: RP1024, with the closest region.
      {"eu-westt-1", false, false, DiagCode::RP1024, "not an AWS region", "did you mean `eu-west-1`?"},
      {"euwest1", false, false, DiagCode::RP1024, "not an AWS region", "eu-west-1"},
      {"eu-west", false, false, DiagCode::RP1024, "", ""},
      {"eu-west-1a", false, false, DiagCode::RP1024, "", "eu-west-1"},
      {"eu--1", false, false, DiagCode::RP1024, "", ""},
      {"eu-west-9", false, false, DiagCode::RP1024, "", ""},
      {"aws-global", false, false, DiagCode::RP1024, "", ""},  // an endpoint, never a request's region
      {"xx-*", true, false, DiagCode::RP1024, "matches no AWS region", "rootpol catalog regions"},
      // Opt-in and recent regions are regions like any other.
      {"me-central-1", false, true},
      {"ap-southeast-7", false, true},
      {"mx-central-1", false, true},
      {"eusc-de-east-1", false, true},
      {"us-isob-east-1", false, true},
  };
  for (const Case& c : cases) expectCase(checkRegion(c.text, c.pattern), c);
}

TEST(LiteralsAccount, TwelveDigits) {
  const std::vector<Case> cases = {
      {"111122223333", false, true},
      {"000000000000", false, true},
      {"1111*", true, true},
      {"*", true, true},
      {"11112222333?", true, true},
      {"11112222333", false, false, DiagCode::RP1008, "not an AWS account id", "exactly 12 digits"},
      {"1111222233334", false, false, DiagCode::RP1008, "", ""},
      {"1111-2222-3333", false, false, DiagCode::RP1008, "", ""},
      {"11112222333a", false, false, DiagCode::RP1008, "", ""},
      {"1111*", false, false, DiagCode::RP1008, "", ""},
      {"1111222233334*", true, false, DiagCode::RP1008, "", ""},
      {"", true, false, DiagCode::RP1008, "", ""},
  };
  for (const Case& c : cases) expectCase(checkAccount(c.text, c.pattern), c);
}

TEST(LiteralsDate, ValidDatesAndTimes) {
  for (const char* text : {"2030-01-01", "2024-02-29", "2000-02-29", "1999-12-31", "2030-04-30",
                           "2030-01-01T00:00Z", "2030-01-01T23:59:59Z", "2030-01-01T12:30:45.123Z",
                           "2030-01-01T12:30:45+02:00", "2030-01-01T12:30:45-05:30", "2030-01-01T12:30+14:00",
                           "2030-01-01T12:30:45.5+00:00"}) {
    expectCase(checkDate(text), Case(text));
    expectCase(checkLiteral(ast::Scalar::Date, text, false), Case(text));
  }
}

TEST(LiteralsDate, InvalidDatesAndTimes) {
  const std::vector<Case> cases = {
      {"2023-02-29", false, false, DiagCode::RP1009, "the day is out of range", "YYYY-MM-DD"},
      {"1900-02-29", false, false, DiagCode::RP1009, "the day is out of range", ""},
      {"2100-02-29", false, false, DiagCode::RP1009, "the day is out of range", ""},
      {"2030-04-31", false, false, DiagCode::RP1009, "the day is out of range", ""},
      {"2030-01-00", false, false, DiagCode::RP1009, "the day is out of range", ""},
      {"2030-01-32", false, false, DiagCode::RP1009, "the day is out of range", ""},
      {"2030-00-10", false, false, DiagCode::RP1009, "the month is out of range", ""},
      {"2030-13-01", false, false, DiagCode::RP1009, "the month is out of range", ""},
      {"2030/01/01", false, false, DiagCode::RP1009, "the date part is malformed", ""},
      {"2030-1-1", false, false, DiagCode::RP1009, "the date part is malformed", ""},
      {"30-01-01", false, false, DiagCode::RP1009, "the date part is malformed", ""},
      {"2030", false, false, DiagCode::RP1009, "the date part is malformed", ""},
      {"", false, false, DiagCode::RP1009, "the date part is malformed", ""},
      {"2030-01-01T", false, false, DiagCode::RP1009, "the time part is malformed", ""},
      {"2030-01-01 12:00:00Z", false, false, DiagCode::RP1009, "the time part is malformed", ""},
      {"2030-01-01T24:00:00Z", false, false, DiagCode::RP1009, "the time is out of range", ""},
      {"2030-01-01T12:60:00Z", false, false, DiagCode::RP1009, "the time is out of range", ""},
      {"2030-01-01T12:30:60Z", false, false, DiagCode::RP1009, "the seconds are malformed", ""},
      {"2030-01-01T12:30:45.Z", false, false, DiagCode::RP1009, "fraction of a second is empty", ""},
      {"2030-01-01T12:30:45", false, false, DiagCode::RP1009, "needs a time zone", "YYYY-MM-DDThh:mm:ssZ"},
      {"2030-01-01T12:30:45+0200", false, false, DiagCode::RP1009, "needs a time zone", ""},
      {"2030-01-01T12:30:45z", false, false, DiagCode::RP1009, "needs a time zone", ""},
      {"2030-01-01T12:30:45+24:00", false, false, DiagCode::RP1009, "offset is out of range", ""},
      {"2030-01-01T12:30:45-05:60", false, false, DiagCode::RP1009, "offset is out of range", ""},
  };
  for (const Case& c : cases) expectCase(checkDate(c.text), c);
}

TEST(LiteralsAction, Patterns) {
  const std::vector<Case> cases = {
      {"*", false, true},
      {"iam:CreateAccessKey", false, true},
      {"s3:Get*", false, true},
      {"ec2:*", false, true},
      {"s3:*Object", false, true},
      {"iam:?et*", false, true},
      {"route53-recovery-cluster:Get*", false, true},
      {"a4b:*", false, true},
      {"iam", false, false, DiagCode::RP1018, "is not an action pattern", "`service:Action`"},
      {"iam:", false, false, DiagCode::RP1018, "is not an action pattern", ""},
      {"iam:Create-User", false, false, DiagCode::RP1018, "", ""},
      {"iam:Create User", false, false, DiagCode::RP1018, "", ""},
      {"iam:Create:User", false, false, DiagCode::RP1018, "", ""},
      {"", false, false, DiagCode::RP1018, "", ""},
      // Actions are case-insensitive in IAM; the catalog check restores AWS's spelling.
      {"IAM:CreateUser", false, true},
      {"S3:GetObject", false, true},
      {"1am:CreateUser", false, false, DiagCode::RP1014, "invalid service prefix", ""},
      {":CreateUser", false, false, DiagCode::RP1014, "invalid service prefix", ""},
      {"iam_x:CreateUser", false, false, DiagCode::RP1014, "invalid service prefix", ""},
  };
  for (const Case& c : cases) {
    expectCase(checkActionPattern(c.text), c);
    expectCase(checkLiteral(ast::Scalar::Action, c.text, true), c);
  }
}

TEST(LiteralsDispatch, UncheckedTypesAcceptAnyText) {
  for (ast::Scalar s : {ast::Scalar::String, ast::Scalar::Ou, ast::Scalar::Bool, ast::Scalar::Int}) {
    EXPECT_FALSE(checkLiteral(s, "anything at all: 10.0.0.0/33", false).has_value());
  }
  // The dispatcher passes `pattern` on: an account pattern is valid only in pattern mode.
  EXPECT_FALSE(checkLiteral(ast::Scalar::Account, "1111*", true).has_value());
  EXPECT_TRUE(checkLiteral(ast::Scalar::Account, "1111*", false).has_value());
  EXPECT_FALSE(checkLiteral(ast::Scalar::Region, "eu-*", true).has_value());
  EXPECT_TRUE(checkLiteral(ast::Scalar::Region, "eu-*", false).has_value());
}

}  // namespace
}  // namespace rootpol::sema
