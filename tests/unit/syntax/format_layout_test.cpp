// Focused cases of the formatter's layout (the rules are at the top of
// compiler/syntax/format.cpp), and a comment inserted into every gap of a program.
#include <gtest/gtest.h>

#include "format_test_support.h"

namespace rootpol::syntax {
namespace {

using fmt_test::astOf;
using fmt_test::expectFormatInvariants;
using fmt_test::format;

// The formatted text, with every guarantee checked on the way.
std::string layout(const std::string& input) { return expectFormatInvariants(input, input); }

TEST(FormatLayout, LongListsFillAlignedAfterTheBracket) {
  EXPECT_EQ(
      layout("policy protect-monitoring { deny [cloudtrail:StopLogging, cloudtrail:DeleteTrail, "
             "cloudtrail:UpdateTrail, guardduty:DeleteDetector, "
             "guardduty:DisassociateFromMasterAccount, config:StopConfigurationRecorder, "
             "config:DeleteConfigurationRecorder] unless principal like "
             "[\"arn:aws:iam::*:role/BreakGlass\"] }"),
      "policy protect-monitoring {\n"
      "  deny [cloudtrail:StopLogging, cloudtrail:DeleteTrail, cloudtrail:UpdateTrail,\n"
      "        guardduty:DeleteDetector, guardduty:DisassociateFromMasterAccount,\n"
      "        config:StopConfigurationRecorder, config:DeleteConfigurationRecorder]\n"
      "    unless principal like [\"arn:aws:iam::*:role/BreakGlass\"]\n"
      "}\n");
}

TEST(FormatLayout, TrailingCommaMakesABrokenListABlock) {
  std::string items;
  for (int i = 0; i < 12; ++i) items += "iam:CreateAccessKey" + std::to_string(i) + ", ";
  EXPECT_EQ(
      layout("let a: [action] = [" + items + "]"),
      "let a: [action] = [\n"
      "  iam:CreateAccessKey0, iam:CreateAccessKey1, iam:CreateAccessKey2, iam:CreateAccessKey3,\n"
      "  iam:CreateAccessKey4, iam:CreateAccessKey5, iam:CreateAccessKey6, iam:CreateAccessKey7,\n"
      "  iam:CreateAccessKey8, iam:CreateAccessKey9, iam:CreateAccessKey10, "
      "iam:CreateAccessKey11,\n"
      "]\n");
  // One that fits stays on its line, trailing comma and all.
  EXPECT_EQ(layout("let a = [\n  1,\n  2,\n]\n"), "let a = [1, 2,]\n");
}

TEST(FormatLayout, RulesJoinWhenTheyFitAndBreakPerClauseWhenNot) {
  EXPECT_EQ(layout("policy p {\n  deny *\n      for root\n unless mfa\n}\n"),
            "policy p {\n  deny * for root unless mfa\n}\n");
  EXPECT_EQ(layout("policy p { deny iam:* for root when current_time < \"2026-12-01T00:00:00Z\" or "
                   "current_time >= \"2026-12-08T00:00:00Z\" unless mfa strict as \"Window\" }"),
            "policy p {\n"
            "  deny iam:* for root\n"
            "    when current_time < \"2026-12-01T00:00:00Z\" or current_time >= "
            "\"2026-12-08T00:00:00Z\"\n"
            "    unless mfa\n"
            "    strict as \"Window\"\n"
            "}\n");
}

TEST(FormatLayout, CommentsBetweenTheTokensOfARule) {
  const std::string text =
      "policy p {\n"
      "  deny /* a */ iam:CreateUser /* b */ for root // c\n"
      "  deny s3:* // d\n"
      "    unless mfa\n"
      "}\n";
  EXPECT_EQ(layout(text), text);
  // An own-line comment inside a rule breaks it.
  EXPECT_EQ(layout("policy p { deny * when\n// why\nmfa }"),
            "policy p {\n  deny *\n    when\n    // why\n    mfa\n}\n");
}

TEST(FormatLayout, CommentsAfterOpeningAndBeforeClosingBraces) {
  EXPECT_EQ(layout("policy p { // why\ndeny *\n// the end\n}"),
            "policy p { // why\n  deny *\n  // the end\n}\n");
  EXPECT_EQ(layout("organization o {\n/* nothing yet */\n}\n"),
            "organization o {\n  /* nothing yet */\n}\n");
  EXPECT_EQ(layout("organization o { ou A { /* later */ } }"),
            "organization o {\n  ou A {\n    /* later */\n  }\n}\n");
}

TEST(FormatLayout, CommentsAtTheEndOfTheFile) {
  EXPECT_EQ(layout("policy p { deny * }\n\n\n// bye"), "policy p {\n  deny *\n}\n\n// bye\n");
  EXPECT_EQ(layout("policy p { deny * } /* bye */"), "policy p {\n  deny *\n} /* bye */\n");
  EXPECT_EQ(layout("\n\n// only a comment\n\n\n"), "// only a comment\n");
  EXPECT_EQ(layout(""), "");
  EXPECT_EQ(layout(" \n\t\n"), "");
}

TEST(FormatLayout, BlockCommentsInsideLists) {
  EXPECT_EQ(layout("let a = [/* first */ 1, 2 /* two */, /* three */ 3]"),
            "let a = [/* first */ 1, 2 /* two */, /* three */ 3]\n");
  EXPECT_EQ(layout("let a = [1, // one\n2]"), "let a = [1, // one\n         2]\n");
  EXPECT_EQ(layout("let a = [\n  // the first\n  1, 2]"),
            "let a = [\n         // the first\n         1, 2]\n");
}

TEST(FormatLayout, BlankLinesAreNormalised) {
  EXPECT_EQ(layout("\n\n\nlet a = 1\n\n\n\nlet b = 2\nlet c = 3\npolicy p {\n\n  deny *\n\n\n"
                   "  deny s3:*\n\n}\n\n\n"),
            "let a = 1\n\nlet b = 2\nlet c = 3\npolicy p {\n  deny *\n\n  deny s3:*\n}\n");
  EXPECT_EQ(layout("let a = 1\n\n\n// about b\n\n\nlet b = 2\n"),
            "let a = 1\n\n// about b\n\nlet b = 2\n");
  EXPECT_EQ(layout("policy p {\n\n  // first\n  deny *\n}\n"),
            "policy p {\n  // first\n  deny *\n}\n");
}

TEST(FormatLayout, CrlfBecomesLf) {
  EXPECT_EQ(layout("policy p {\r\n  deny * // c  \r\n  /* a\r\n     b */\r\n}\r\n"),
            "policy p {\n  deny * // c\n  /* a\n     b */\n}\n");
}

TEST(FormatLayout, TabsOutsideStringsAreWhiteSpace) {
  EXPECT_EQ(layout("policy\tp\t{\n\tdeny\t*\twhen principal_tag(\"t\") == \"a\tb\"\t// c\t\n}"),
            "policy p {\n  deny * when principal_tag(\"t\") == \"a\tb\" // c\n}\n");
}

TEST(FormatLayout, StringsAndNumbersAsWritten) {
  const std::string text =
      "policy strings \"A \\\"quoted\\\" word\" {\n"
      "  deny * when principal_tag(\"path\") == \"C:\\\\Users\" and mfa_age < 0003600\n"
      "}\n";
  EXPECT_EQ(layout(text), text);
}

TEST(FormatLayout, OrganizationsAttachmentsControls) {
  EXPECT_EQ(
      layout(
          "organization acme { management \"111111111111\" ou Security { account audit "
          "\"333333333333\" } ou Workloads { ou Prod {} ou Dev {} } }\n"
          "attach a, b to ou Workloads/Prod, root\n"
          "control AWS-GR_REGION_DENY on ou Workloads with { AllowedRegions: [\"eu-west-1\"], }"),
      "organization acme {\n"
      "  management \"111111111111\"\n"
      "  ou Security { account audit \"333333333333\" }\n"
      "  ou Workloads {\n"
      "    ou Prod {}\n"
      "    ou Dev {}\n"
      "  }\n"
      "}\n"
      "attach a, b to ou Workloads/Prod, root\n"
      "control AWS-GR_REGION_DENY on ou Workloads with {\n"
      "  AllowedRegions: [\"eu-west-1\"],\n"
      "}\n");
}

TEST(FormatLayout, ASyntaxErrorIsNeverFormatted) {
  std::size_t errors = 0;
  EXPECT_FALSE(format("policy p {\n  deny *\n", &errors).has_value());
  EXPECT_GT(errors, 0u);
  EXPECT_FALSE(format("policy p { deny iam: CreateUser }", &errors).has_value());
  EXPECT_GT(errors, 0u);
}

// A program with every construct; a comment of each kind goes into each gap between tokens.
const char* const kEverything =
    "import \"stdlib/regions.rootpol\"\n"
    "let cidrs: [cidr] = [\"10.0.0.0/8\", \"192.0.2.0/24\",]\n"
    "policy p \"d\" {\n"
    "  deny [iam:CreateUser, s3:*] on all except [\"arn:aws:s3:::b\"] for root\n"
    "    when principal_tag(\"team\") == \"x\" or not (mfa and mfa_age < 60)\n"
    "    unless source_ip in cidrs strict as \"S\"\n"
    "  allow * for [\"arn:aws:iam::*:role/A\"] when region not in [\"eu-west-1\"]\n"
    "}\n"
    "organization o { management \"111111111111\" home_region \"eu-west-1\"\n"
    "  ou A \"ou-ab12-11111111\" { account a \"222222222222\" }\n"
    "  ou B { ou C {} ou D { ou E {} } } }\n"
    "attach p, external \"x\" to ou B/C, account a, root\n"
    "detach FullAWSAccess, q from root\n"
    "control CT.MULTISERVICE.PV.1 on ou A with { AllowedRegions: [\"eu-west-1\"], Flag: true, }\n"
    "test \"t\" { request root in account a does s3:Get* on \"arn:aws:s3:::b\"\n"
    "  with region = \"eu-west-1\", mfa = true expect deny }\n";

TEST(FormatStress, ACommentInEveryGap) {
  const std::string base = kEverything;
  ASSERT_TRUE(astOf(base).has_value());
  const std::vector<std::string> comments = {" /* c */ ", " // c\n", "\n// c\n",
                                             "\n\n/* c\n   d */\n", " /* a */ // b\n"};
  std::vector<std::size_t> gaps = fmt_test::lex(base).ends;
  gaps.insert(gaps.begin(), 0);
  std::size_t checked = 0;
  for (std::size_t gap : gaps) {
    for (const std::string& comment : comments) {
      std::string input = base.substr(0, gap) + comment + base.substr(gap);
      if (!astOf(input)) {
        EXPECT_FALSE(format(input).has_value()) << input;
        continue;
      }
      expectFormatInvariants(input, input);
      ++checked;
      if (::testing::Test::HasFailure()) return;  // one failing input says enough
    }
  }
  EXPECT_GT(checked, gaps.size() * 3);
}

}  // namespace
}  // namespace rootpol::syntax
