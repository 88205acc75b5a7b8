// Principal ARN patterns no aws:PrincipalArn can match (RP1038): exact on the parts, and never
// on a valid pattern, wildcards included.
#include "sema/principal_arn.h"

#include <gtest/gtest.h>

namespace rootpol::sema {
namespace {

TEST(PrincipalArn, ValidPatternsMatchSomePrincipal) {
  for (const char* pattern : {
           "*",
           "arn:aws:iam::111122223333:root",
           "arn:*:iam::*:root",
           "arn:aws:iam::*:role/*",
           "arn:aws:iam::111122223333:role/division/*/Admin",
           "arn:aws:iam::1111222233??:user/a/b",
           "arn:aws:iam::*1:user/?",
           "arn:aws:sts::*:federated-user/*",
           "arn:aws-us-gov:*::*:*",
           "arn:aws?cn:iam::*:*",
           "arn:aws:*::*:*",
           "arn:aws:iam::*:*",
           "arn:aws:iam::*:r*",
           "arn:aws:iam::*:role/a:b",     // a sixth part holding a colon is still one part
           "arn:aws:iam:*:*:role/x",      // `*` matches the empty region
           "arn:aws:?am::*:root",
           "arn:aws:iam::111122223333:*ser/x",
       }) {
    EXPECT_EQ(principalPatternProblem(pattern), std::nullopt) << pattern;
  }
}

TEST(PrincipalArn, PatternsNoPrincipalMatches) {
  for (const char* pattern : {
           "arn:aws:iam::12345:role/x",                      // account too short
           "arn:aws:iam::1111222233334:role/x",              // too long
           "arn:aws:iam::11112222333a:role/x",               // not digits
           "arn:aws:iam::?????????????*:root",               // at least 13 characters
           "arn:aws:iam:us-east-1:111122223333:role/x",      // a region
           "arn:aws:sts::111122223333:assumed-role/Admin/*", // a session ARN
           "arn:aws:s3:::bucket",                            // not a principal service
           "arn:amazon:iam::*:root",                         // not a partition
           "arn:AWS:iam::*:root",                            // ArnLike is case-sensitive
           "arn:aws:iam::111122223333:user/",                // no name
           "arn:aws:iam::111122223333:role/x/",              // a path without the name
           "arn:aws:iam::111122223333:group/*",              // groups are never principals
           "arn:aws:sts::111122223333:root",                 // root is an iam ARN
           "arn:aws:iam::111122223333:Root",
       }) {
    EXPECT_NE(principalPatternProblem(pattern), std::nullopt) << pattern;
  }
}

TEST(PrincipalArn, SaysWhy) {
  EXPECT_NE(principalPatternProblem("arn:aws:sts::111122223333:assumed-role/Admin/s")->find("role's ARN"),
            std::string::npos);
  EXPECT_NE(principalPatternProblem("arn:aws:iam::12345:root")->find("12-digit"), std::string::npos);
}

}  // namespace
}  // namespace rootpol::sema
