#pragma once

// Internal to the syntax stage: the layout documents of the formatter and their printer, a
// Wadler/Prettier-style pretty printer extended with the forced breaks that comments need.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rootpol::syntax::layout {

enum class DocKind : std::uint8_t {
  Text,         // source text without a newline (a token)
  Comment,      // comment text, which may span lines; never counted against the width
  Space,        // one blank that never becomes a line break
  Line,         // a blank in a flat group, a line break in a broken one
  SoftLine,     // nothing in a flat group, a line break in a broken one
  HardLine,     // always a line break; the enclosing group cannot be flat
  BlankLine,    // a hard line break with one empty line before the next text
  BreakBefore,  // an own-line comment follows: start a new line unless already at one
  BlankBefore,  // as BreakBefore, keeping one empty line (not right after an opening bracket)
  BreakAfter,   // a comment that ends its line precedes: the next text starts a new line
  Concat,
  Nest,   // parts[0] with the indentation increased by `indent`
  Align,  // parts[0] with the indentation set to the column where it starts
  Group,  // parts[0] flat if it fits in the width up to the next line break, else broken
  Fill,   // content, separator, content, ...: a separator breaks only if the next content
          // would not fit on the current line
};

struct Doc {
  DocKind kind = DocKind::Concat;
  int indent = 0;
  std::string text;
  std::vector<Doc> parts;

  bool empty() const { return kind == DocKind::Concat && parts.empty(); }
  // Appends to a Concat, dropping empty pieces so that documents stay shallow.
  Doc& operator+=(Doc other);
};

Doc text(std::string text);
Doc comment(std::string text);
Doc marker(DocKind kind);  // Space, Line, SoftLine, HardLine, BlankLine, Break*
inline Doc space() { return marker(DocKind::Space); }
inline Doc line() { return marker(DocKind::Line); }
inline Doc hardLine() { return marker(DocKind::HardLine); }
Doc nest(int indent, Doc doc);
Doc align(Doc doc);
Doc group(Doc doc);
Doc fill(std::vector<Doc> parts);

template <typename... Docs>
Doc cat(Docs&&... docs) {
  Doc out;
  ((out += std::forward<Docs>(docs)), ...);
  return out;
}

// Lays `doc` out in `width` columns. Text is never broken, so a line may still be longer.
// The result has no trailing blanks and ends with one newline unless it is empty.
std::string render(const Doc& doc, int width);

}  // namespace rootpol::syntax::layout
