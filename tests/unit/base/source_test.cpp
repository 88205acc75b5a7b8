// Source files: line and column (in code points) of byte offsets, line texts, spans.
#include "base/source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include <vector>

namespace rootpol {
namespace {

struct Row {
  std::uint32_t offset;
  std::uint32_t line;
  std::uint32_t column;
};

TEST(SourceFile, LineAndColumn) {
  SourceFile f(1, "a.rootpol", "ab\ncd\n\nxyz");
  const Row rows[] = {{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {6, 3, 1}, {7, 4, 1}, {9, 4, 3},
                      {10, 4, 4},   // end of file
                      {99, 4, 4}};  // clamped
  for (const Row& r : rows) {
    LineCol lc = f.lineCol(r.offset);
    EXPECT_EQ(lc.line, r.line) << "offset " << r.offset;
    EXPECT_EQ(lc.column, r.column) << "offset " << r.offset;
  }
  EXPECT_EQ(f.lineCount(), 4u);
}

TEST(SourceFile, ColumnsCountCodePoints) {
  // "é" is 2 bytes, "€" 3, "😀" 4: each is one column.
  SourceFile f(1, "u.rootpol", "\xC3\xA9x\n\xE2\x82\xAC\xF0\x9F\x98\x80y");
  EXPECT_EQ(f.lineCol(2).column, 2u);   // x, after é
  EXPECT_EQ(f.lineCol(3).column, 3u);   // the newline
  EXPECT_EQ(f.lineCol(4).line, 2u);
  EXPECT_EQ(f.lineCol(7).column, 2u);   // after €
  EXPECT_EQ(f.lineCol(11).column, 3u);  // y, after the emoji
  EXPECT_EQ(f.lineText(2), "\xE2\x82\xAC\xF0\x9F\x98\x80y");
}

// Every offset of short lines (counted directly) and of lines longer than the stride
// (counted through it), with two-, three- and four-byte characters, against a plain count.
TEST(SourceFile, ColumnsOfShortAndLongLinesMatchAPlainCount) {
  std::string text;
  for (int line = 0; line < 40; ++line) {
    int length = line % 3 == 0 ? 1500 + line : line * 7;
    for (int i = 0; i < length; ++i) text += i % 11 == 0 ? "\u00e9" : i % 17 == 0 ? "\u20ac" : i % 29 == 0 ? "\U0001F600" : "a";
    text += line % 5 == 0 ? "\r\n" : "\n";
  }
  SourceFile f(1, "t", text);
  std::vector<LineCol> expected;
  std::uint32_t line = 1, column = 1;
  for (std::uint32_t offset = 0; offset <= text.size(); ++offset) {
    LineCol lc = f.lineCol(offset);
    ASSERT_EQ(lc.line, line) << offset;
    ASSERT_EQ(lc.column, column) << offset;
    expected.push_back(lc);
    if (offset == text.size()) break;
    if (text[offset] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) {
      ++column;  // the column after a character counts it once, whatever its length
    }
  }
  // Asked out of text order (backwards, and in jumps): the same answers.
  for (std::size_t offset = text.size() + 1; offset-- > 0;) {
    ASSERT_EQ(f.lineCol(static_cast<std::uint32_t>(offset)).line, expected[offset].line) << offset;
  }
  for (std::size_t step = 0, offset = 0; step < 5000; ++step, offset = (offset + 7919) % (text.size() + 1)) {
    LineCol lc = f.lineCol(static_cast<std::uint32_t>(offset));
    ASSERT_EQ(lc.line, expected[offset].line) << offset;
    ASSERT_EQ(lc.column, expected[offset].column) << offset;
  }
}

// Lines asked forward from the last one in jumps of every size (the search gallops from the
// line asked last), and backwards, against a plain search of the line starts.
TEST(SourceFile, LinesAskedInJumpsOfEverySizeMatchASearch) {
  std::string text;
  std::vector<std::uint32_t> starts{0};
  for (int line = 0; line < 6000; ++line) {
    text.append(static_cast<std::size_t>(line % 13), 'x');
    text += '\n';
    starts.push_back(static_cast<std::uint32_t>(text.size()));
  }
  SourceFile f(1, "j", text);
  auto lineBySearch = [&](std::uint32_t offset) {
    return static_cast<std::uint32_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin());
  };
  const auto size = static_cast<std::uint32_t>(text.size());
  for (std::uint32_t jump : {0u, 1u, 2u, 3u, 5u, 8u, 40u, 99u, 700u, 4097u, 20000u}) {
    for (std::uint32_t offset = 0; offset <= size; offset += jump + 1) {
      ASSERT_EQ(f.lineCol(offset).line, lineBySearch(offset)) << jump << " " << offset;
    }
    ASSERT_EQ(f.lineCol(size).line, lineBySearch(size));
    ASSERT_EQ(f.lineCol(0).line, 1u);  // backwards, from the end
  }
  EXPECT_EQ(f.lineCol(size).line, 6001u);
}

// The line index is made on first use; several threads asking at once (lint's checks run on
// several) must all get the answers of a file asked from one thread.
TEST(SourceFile, FirstLinesAskedFromManyThreadsAtOnceAgree) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::string(static_cast<std::size_t>(i % 90), 'x') + "\u00e9\n";
  SourceFile reference(1, "r.json", text);
  std::vector<LineCol> expected;
  for (std::uint32_t at = 0; at < text.size(); at += 97) expected.push_back(reference.lineCol(at));
  for (int round = 0; round < 20; ++round) {
    SourceFile file(1, "f.json", text);
    std::vector<std::vector<LineCol>> got(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < got.size(); ++t) {
      threads.emplace_back([&file, &got, &text, t] {
        for (std::uint32_t at = 0; at < text.size(); at += 97) got[t].push_back(file.lineCol(at));
      });
    }
    for (std::thread& t : threads) t.join();
    for (const std::vector<LineCol>& g : got) {
      ASSERT_EQ(g.size(), expected.size());
      for (std::size_t i = 0; i < g.size(); ++i) {
        ASSERT_EQ(g[i].line, expected[i].line) << i;
        ASSERT_EQ(g[i].column, expected[i].column) << i;
      }
    }
    EXPECT_EQ(file.lineCount(), 5001u);
  }
}

TEST(SourceFile, LineTexts) {
  SourceFile f(1, "a.rootpol", "one\r\ntwo\n\nlast");
  EXPECT_EQ(f.lineText(1), "one");  // \r is not part of the line
  EXPECT_EQ(f.lineText(2), "two");
  EXPECT_EQ(f.lineText(3), "");
  EXPECT_EQ(f.lineText(4), "last");
  EXPECT_EQ(f.lineText(0), "");
  EXPECT_EQ(f.lineText(5), "");
  SourceFile empty(2, "e.rootpol", "");
  EXPECT_EQ(empty.lineCount(), 1u);
  EXPECT_EQ(empty.lineCol(0).line, 1u);
  EXPECT_EQ(empty.lineText(1), "");
  SourceFile trailing(3, "t.rootpol", "x\n");
  EXPECT_EQ(trailing.lineCount(), 2u);
  EXPECT_EQ(trailing.lineCol(2).line, 2u);
}

TEST(SourceManager, IdsStartAtOne) {
  SourceManager m;
  EXPECT_FALSE(m.has(0));
  FileId a = m.add("a.rootpol", "x");
  FileId b = m.add("b.rootpol", "y");
  EXPECT_EQ(a, 1u);
  EXPECT_EQ(b, 2u);
  EXPECT_TRUE(m.has(b));
  EXPECT_FALSE(m.has(3));
  EXPECT_EQ(m.file(b).path(), "b.rootpol");
  EXPECT_EQ(m.file(a).text(), "x");
}

TEST(Span, CoverAndValidity) {
  EXPECT_FALSE(Span{}.valid());
  EXPECT_TRUE((Span{1, 0, 0}.valid()));
  EXPECT_TRUE((Span{0, 3, 5}.valid()));
  EXPECT_EQ(cover(Span{1, 4, 6}, Span{1, 2, 5}), (Span{1, 2, 6}));
  EXPECT_EQ(cover(Span{}, Span{1, 2, 5}), (Span{1, 2, 5}));
  EXPECT_EQ(cover(Span{1, 2, 5}, Span{}), (Span{1, 2, 5}));
}

}  // namespace
}  // namespace rootpol
