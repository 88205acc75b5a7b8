// The cover index's text helpers (lint/rules/key_text.h): lowerInto changes A-Z only, whatever
// the bytes around them, and textHash reads exactly the bytes of its view, every one of them.
#include <gtest/gtest.h>

#include <string>

#include "lint/rules/key_text.h"

namespace rootpol::lint::facts {
namespace {

TEST(KeyText, LowerIntoLowersOnlyAsciiCapitals) {
  // Every byte value, at every position of an eight-byte word and in the tail after the words.
  for (std::size_t length : {1u, 7u, 8u, 9u, 16u, 21u}) {
    for (std::size_t at = 0; at < length; ++at) {
      for (int b = 0; b < 256; ++b) {
        std::string text(length, 'Q');
        text[at] = static_cast<char>(b);
        std::string out(length, '\0');
        lowerInto(text, out.data());
        for (std::size_t k = 0; k < length; ++k) {
          ASSERT_EQ(out[k], asciiLower(text[k])) << "byte " << b << " at " << k << " of " << length;
        }
      }
    }
  }
  std::string out(24, '-');
  lowerInto("S3:GetObject@[Z]`{a}", out.data());
  EXPECT_EQ(out, "s3:getobject@[z]`{a}----");  // writes its length, nothing past it
}

TEST(KeyText, TextHashReadsExactlyTheBytesOfItsView) {
  const std::string text = "arn:aws:s3:::bucket-name/some/key/path*";
  for (std::size_t k = 0; k <= text.size(); ++k) {
    std::string_view prefix = std::string_view(text).substr(0, k);
    EXPECT_EQ(textHash(prefix), textHash(std::string(prefix))) << k;  // nothing after the view
    if (k > 0) {
      EXPECT_NE(textHash(prefix), textHash(text.substr(0, k - 1))) << k;
    }
    for (std::size_t at = 0; at < k; ++at) {  // every byte counts
      std::string changed(prefix);
      changed[at] ^= 0x20;
      EXPECT_NE(textHash(changed), textHash(prefix)) << "byte " << at << " of " << k;
    }
  }
}

}  // namespace
}  // namespace rootpol::lint::facts
