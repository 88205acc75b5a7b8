// Source files: line and column (in code points) of byte offsets, line texts, spans.
#include "base/source.h"

#include <gtest/gtest.h>

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
