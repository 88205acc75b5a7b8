// "Did you mean" support: edit distance and the closest candidate.
#include "sema/suggest.h"

#include <gtest/gtest.h>

namespace rootpol::sema {
namespace {

struct DistanceCase {
  const char* a;
  const char* b;
  std::size_t distance;
};

TEST(SuggestEditDistance, Table) {
  const DistanceCase cases[] = {
      {"", "", 0},
      {"abc", "", 3},
      {"", "abc", 3},
      {"abc", "abc", 0},
      {"kitten", "sitting", 3},
      {"flaw", "lawn", 2},
      {"source_ip", "source_ipp", 1},
      {"regoin", "region", 2},
      {"mfa", "MFA", 0},                      // case-insensitive
      {"aws:SourceIP", "aws:sourceip", 0},
      {"abc", "xyz", 3},
      {"ab", "ba", 2},                        // no transposition step
  };
  for (const DistanceCase& c : cases) {
    SCOPED_TRACE(std::string(c.a) + " / " + c.b);
    EXPECT_EQ(editDistance(c.a, c.b), c.distance);
    EXPECT_EQ(editDistance(c.b, c.a), c.distance);  // symmetric
  }
}

TEST(SuggestClosestMatch, PicksTheNearestWithinALengthBoundLimit) {
  const std::vector<std::string> keys = {"source_ip", "vpc_source_ip", "source_vpc", "region", "mfa", "mfa_age"};
  EXPECT_EQ(closestMatch("source_ipp", keys), "source_ip");
  EXPECT_EQ(closestMatch("Source_IP", keys), "source_ip");
  EXPECT_EQ(closestMatch("regoin", keys), "region");     // distance 2, limit 6/3 = 2
  EXPECT_EQ(closestMatch("mfa_ag", keys), "mfa_age");
  EXPECT_EQ(closestMatch("mf", keys), "mfa");            // short words still allow one edit
  EXPECT_EQ(closestMatch("region", keys), "region");     // exact
  EXPECT_EQ(closestMatch("xyz", keys), std::nullopt);
  EXPECT_EQ(closestMatch("rgn", keys), std::nullopt);    // distance 3 > limit 1
  EXPECT_EQ(closestMatch("source_ip", {}), std::nullopt);
}

TEST(SuggestClosestMatch, TiesGoToTheFirstCandidate) {
  EXPECT_EQ(closestMatch("abd", {"abc", "abe"}), "abc");
  EXPECT_EQ(closestMatch("abd", {"abe", "abc"}), "abe");
}

TEST(SuggestClosestMatch, LimitGrowsWithTheWord) {
  // 9 letters: up to 3 edits; 10 edits are too many.
  EXPECT_EQ(closestMatch("sourcexyz", {"source_ip"}), "source_ip");
  EXPECT_EQ(closestMatch("sourcewxyz", {"source_ip"}), std::nullopt);
}

}  // namespace
}  // namespace rootpol::sema
