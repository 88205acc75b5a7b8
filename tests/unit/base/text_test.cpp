// base/text.h: hashing and comparing text in any case, for short texts (lowered in a buffer)
// and long ones (lowered in a copy).
#include "base/text.h"

#include <gtest/gtest.h>

#include <string>

namespace rootpol {
namespace {

TEST(TextIgnoringCase, HashAndEqualityAgreeForShortAndLongTexts) {
  for (std::size_t length : {0u, 5u, 128u, 129u, 300u}) {
    std::string lower, mixed;
    for (std::size_t i = 0; i < length; ++i) {
      char c = static_cast<char>('a' + i % 26);
      lower += c;
      mixed += i % 2 ? static_cast<char>(c - 'a' + 'A') : c;
    }
    EXPECT_TRUE(IgnoreCaseEqual{}(lower, mixed)) << length;
    EXPECT_EQ(IgnoreCaseHash{}(lower), IgnoreCaseHash{}(mixed)) << length;
    EXPECT_EQ(IgnoreCaseHash{}(mixed), std::hash<std::string_view>{}(lower)) << length;  // the lowered text's
    if (length == 0) continue;
    std::string other = lower;
    other.back() = other.back() == 'z' ? 'y' : 'z';
    EXPECT_FALSE(IgnoreCaseEqual{}(lower, other)) << length;
    EXPECT_NE(IgnoreCaseHash{}(lower), IgnoreCaseHash{}(other)) << length;
  }
  EXPECT_FALSE(IgnoreCaseEqual{}("aws:SourceIp", "aws:SourceIpX"));
}

}  // namespace
}  // namespace rootpol
