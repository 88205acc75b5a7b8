// The string scanner's fast path: plainAsciiEnd must stop at the first byte a string does not
// keep as written (a quote, a backslash, a control byte, any byte of a UTF-8 sequence), wherever
// it falls in the sixteen-byte blocks it scans, and at the end of the text.
#include "policy/json_string.h"

#include <gtest/gtest.h>

#include <string>

namespace rootpol::policy::json {
namespace {

bool keptAsWritten(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

TEST(JsonString, PlainAsciiEndStopsAtEveryByteThatIsNotPlain) {
  for (int b = 0; b < 256; ++b) {
    const auto c = static_cast<char>(b);
    for (std::size_t length : {1u, 15u, 16u, 17u, 40u}) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'a');
        text[at] = c;
        for (std::size_t from : {0u, 1u, 3u}) {
          if (from > at) continue;
          const std::size_t expected = keptAsWritten(static_cast<unsigned char>(b)) ? length : at;
          ASSERT_EQ(plainAsciiEnd(text, from), expected)
              << "byte " << b << " at " << at << " of " << length << " from " << from;
        }
      }
    }
  }
}

TEST(JsonString, PlainAsciiEndStopsAtTheEndOfTheText) {
  EXPECT_EQ(plainAsciiEnd("", 0), 0u);
  EXPECT_EQ(plainAsciiEnd("abc", 3), 3u);
  const std::string longRun(100, 'x');
  EXPECT_EQ(plainAsciiEnd(longRun, 0), 100u);
  EXPECT_EQ(plainAsciiEnd(longRun, 90), 100u);
  // A view shorter than its buffer: what follows it is not read as plain text.
  const std::string buffer = longRun + "\"";
  EXPECT_EQ(plainAsciiEnd(std::string_view(buffer).substr(0, 20), 0), 20u);
}

TEST(JsonString, PlainAsciiEndFindsTheFirstOfSeveralStops) {
  EXPECT_EQ(plainAsciiEnd("arn:aws:s3:::bucket/key\\\"x\"", 0), 23u);
  EXPECT_EQ(plainAsciiEnd("s3:GetObject\", \"s3:PutObject\"", 0), 12u);
  EXPECT_EQ(plainAsciiEnd("caf\xC3\xA9\"", 0), 3u);
}

TEST(JsonString, PlainAsciiEndTellsWhetherTheRunHoldsAPlaceholderStart) {
  for (char mark : std::string_view("$%{[<")) {
    for (std::size_t at : {0u, 7u, 15u, 16u, 30u}) {
      std::string text(40, 'a');
      text[at] = mark;
      bool found = false;
      EXPECT_EQ(plainAsciiEnd(text, 0, found), 40u);
      EXPECT_TRUE(found) << mark << " at " << at;
      if (at == 0) continue;
      // After the end of the run (a quote before it), the byte is not the run's.
      text[at - 1] = '"';
      found = false;
      EXPECT_EQ(plainAsciiEnd(text, 0, found), at - 1);
      EXPECT_FALSE(found) << mark << " after a quote at " << at;
    }
  }
  // Their neighbours in the ASCII table (the SIMD test masks bits) are not marks.
  for (char other : std::string_view("#&z]};=>@`|}aA ")) {
    const std::string text = std::string(20, other) + std::string(1, other) + "\"";
    bool found = false;
    plainAsciiEnd(text, 0, found);
    EXPECT_FALSE(found) << other;
  }
  bool found = true;  // set, never cleared
  plainAsciiEnd("plain", 0, found);
  EXPECT_TRUE(found);
}

TEST(JsonString, HoldsPlaceholderStart) {
  EXPECT_TRUE(holdsPlaceholderStart("arn:aws:s3:::${aws:username}"));
  EXPECT_TRUE(holdsPlaceholderStart("\\u00e9<ACCOUNT>"));
  EXPECT_FALSE(holdsPlaceholderStart("caf\xC3\xA9 \\\" s3:Get*"));
  EXPECT_FALSE(holdsPlaceholderStart(""));
  // At every offset of texts shorter and longer than a block, and not past the view's end.
  for (char mark : std::string_view("$%{[<")) {
    for (std::size_t length : {1u, 7u, 15u, 16u, 17u, 31u, 32u, 33u, 60u}) {
      EXPECT_FALSE(holdsPlaceholderStart(std::string(length, 'a')));
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'a');
        text[at] = mark;
        EXPECT_TRUE(holdsPlaceholderStart(text)) << mark << " at " << at << " of " << length;
        EXPECT_FALSE(holdsPlaceholderStart(std::string_view(text).substr(0, at))) << at;
      }
    }
  }
  for (char other : std::string_view("#&z]};=>@`|")) {
    EXPECT_FALSE(holdsPlaceholderStart(std::string(40, other))) << other;
  }
}

TEST(JsonString, BlankRunEndStopsAtTheFirstByteThatIsNotABlank) {
  auto isBlank = [](int b) { return b == ' ' || b == '\t' || b == '\n' || b == '\r'; };
  for (int b = 0; b < 256; ++b) {
    for (std::size_t length : {1u, 15u, 16u, 17u, 40u}) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, ' ');
        if (length > 2) text[1] = '\n';
        if (length > 5) text[5] = '\t';
        if (length > 20) text[20] = '\r';
        text[at] = static_cast<char>(b);
        for (std::size_t from : {0u, 1u}) {
          if (from > at) continue;
          ASSERT_EQ(blankRunEnd(text, from), isBlank(b) ? length : at)
              << "byte " << b << " at " << at << " of " << length << " from " << from;
        }
      }
    }
  }
  EXPECT_EQ(blankRunEnd("", 0), 0u);
  EXPECT_EQ(blankRunEnd("x", 1), 1u);
  const std::string buffer(40, ' ');
  EXPECT_EQ(blankRunEnd(std::string_view(buffer).substr(0, 18), 0), 18u);
}

}  // namespace
}  // namespace rootpol::policy::json
