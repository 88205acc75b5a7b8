// The printer of layout documents. It follows Prettier's algorithm (a stack of commands, each a
// document with an indentation and a flat or broken mode; a group is flat when its content
// and the rest of the line fit), with one addition: line breaks are deferred until the next
// text, so that the breaks that comments force merge with the structural ones and no line
// ever ends in a blank.
#include "syntax/format_doc.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

namespace rootpol::syntax::layout {

Doc& Doc::operator+=(Doc other) {
  if (other.empty()) return *this;
  if (kind != DocKind::Concat) {
    Doc self = std::move(*this);
    *this = Doc{};
    parts.push_back(std::move(self));
  }
  if (other.kind == DocKind::Concat) {
    for (Doc& part : other.parts) parts.push_back(std::move(part));
  } else {
    parts.push_back(std::move(other));
  }
  return *this;
}

Doc text(std::string text) { return Doc{DocKind::Text, 0, std::move(text), {}}; }
Doc comment(std::string text) { return Doc{DocKind::Comment, 0, std::move(text), {}}; }
Doc marker(DocKind kind) { return Doc{kind, 0, {}, {}}; }
Doc nest(int indent, Doc doc) { return Doc{DocKind::Nest, indent, {}, {std::move(doc)}}; }
Doc align(Doc doc) { return Doc{DocKind::Align, 0, {}, {std::move(doc)}}; }
Doc group(Doc doc) { return Doc{DocKind::Group, 0, {}, {std::move(doc)}}; }
Doc fill(std::vector<Doc> parts) { return Doc{DocKind::Fill, 0, {}, std::move(parts)}; }

namespace {

// Columns are counted in code points, as editors and diagnostics count them.
int widthOf(std::string_view s) {
  int width = 0;
  for (char c : s) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

enum class Mode : std::uint8_t { Flat, Broken };

struct Cmd {
  int indent = 0;
  Mode mode = Mode::Broken;
  const Doc* doc = nullptr;
  std::size_t from = 0;  // for a Fill or Concat: the first part still to print or measure
};

class Printer {
 public:
  explicit Printer(int width) : width_(width) {}

  std::string run(const Doc& root) {
    cmds_.push_back({0, Mode::Broken, &root, 0});
    while (!cmds_.empty()) {
      Cmd cmd = cmds_.back();
      cmds_.pop_back();
      step(cmd);
    }
    if (!out_.empty()) out_ += '\n';
    return std::move(out_);
  }

 private:
  void step(const Cmd& cmd);
  void stepFill(const Cmd& cmd);
  void pushParts(const Cmd& cmd);
  void emit(std::string_view s);
  void requestBreak(int lines, int indent, bool structural);
  int nextColumn() const;
  struct Measure {
    int remaining;
    bool inRest = false;   // measuring the commands after the measured ones
    bool sawText = false;  // some text of the measured commands is on the line
    bool broken = false;   // a comment forced a break after that text
  };
  bool fits(std::vector<Cmd> measure, bool withRest) const;
  std::optional<bool> measureLeaf(const Cmd& cmd, Measure& m) const;

  int width_;
  std::vector<Cmd> cmds_;
  std::string out_;
  int column_ = 0;
  int pendingLines_ = 0;
  int pendingIndent_ = 0;
  bool pendingStructural_ = false;
  bool pendingSpace_ = false;
  bool afterOpening_ = false;  // the last text was `{`, `[` or `(`: no empty line may follow
};

void Printer::pushParts(const Cmd& cmd) {
  const std::vector<Doc>& parts = cmd.doc->parts;
  for (std::size_t i = parts.size(); i > 0; --i) {
    cmds_.push_back({cmd.indent, cmd.mode, &parts[i - 1], 0});
  }
}

void Printer::step(const Cmd& cmd) {
  const Doc& doc = *cmd.doc;
  const bool flat = cmd.mode == Mode::Flat;
  switch (doc.kind) {
    case DocKind::Text:
    case DocKind::Comment:
      emit(doc.text);
      afterOpening_ =
          doc.kind == DocKind::Text && (doc.text == "{" || doc.text == "[" || doc.text == "(");
      break;
    case DocKind::Space:
      pendingSpace_ = true;
      break;
    case DocKind::Line:
      if (flat) {
        pendingSpace_ = true;
      } else {
        requestBreak(1, cmd.indent, true);
      }
      break;
    case DocKind::SoftLine:
      if (!flat) requestBreak(1, cmd.indent, true);
      break;
    case DocKind::HardLine:
    case DocKind::BlankLine:
      requestBreak(doc.kind == DocKind::BlankLine ? 2 : 1, cmd.indent, true);
      break;
    case DocKind::BreakBefore:
    case DocKind::BlankBefore:
    case DocKind::BreakAfter:
      requestBreak(doc.kind == DocKind::BlankBefore ? 2 : 1, cmd.indent, false);
      break;
    case DocKind::Concat:
      pushParts(cmd);
      break;
    case DocKind::Nest:
      cmds_.push_back({cmd.indent + doc.indent, cmd.mode, &doc.parts[0], 0});
      break;
    case DocKind::Align:
      cmds_.push_back({nextColumn(), cmd.mode, &doc.parts[0], 0});
      break;
    case DocKind::Group: {
      Cmd content{cmd.indent, Mode::Flat, &doc.parts[0], 0};
      if (!flat && !fits({content}, true)) content.mode = Mode::Broken;
      cmds_.push_back(content);
      break;
    }
    case DocKind::Fill:
      stepFill(cmd);
      break;
  }
}

// Prettier's fill: a content is printed flat if it fits; the separator after it breaks
// unless the next content fits on the same line too.
void Printer::stepFill(const Cmd& cmd) {
  const std::vector<Doc>& parts = cmd.doc->parts;
  const std::size_t i = cmd.from;
  if (i >= parts.size()) return;
  Cmd content{cmd.indent, Mode::Flat, &parts[i], 0};
  const bool contentFits = fits({content}, false);
  if (!contentFits) content.mode = Mode::Broken;
  if (i + 1 >= parts.size()) {
    cmds_.push_back(content);
    return;
  }
  Cmd separator{cmd.indent, Mode::Flat, &parts[i + 1], 0};
  if (i + 2 >= parts.size()) {
    if (!contentFits) separator.mode = Mode::Broken;
  } else {
    cmds_.push_back({cmd.indent, cmd.mode, cmd.doc, i + 2});
    Cmd next{cmd.indent, Mode::Flat, &parts[i + 2], 0};
    Cmd flatContent{cmd.indent, Mode::Flat, &parts[i], 0};
    if (!fits({flatContent, separator, next}, false)) separator.mode = Mode::Broken;
  }
  cmds_.push_back(separator);
  cmds_.push_back(content);
}

void Printer::emit(std::string_view s) {
  if (pendingLines_ > 0 && !out_.empty()) {
    out_.append(static_cast<std::size_t>(pendingLines_), '\n');
    out_.append(static_cast<std::size_t>(pendingIndent_), ' ');
    column_ = pendingIndent_;
  } else if (pendingSpace_ && !out_.empty()) {
    out_ += ' ';
    ++column_;
  }
  pendingLines_ = 0;
  pendingStructural_ = false;
  pendingSpace_ = false;
  out_ += s;
  std::size_t newline = s.rfind('\n');
  column_ =
      newline == std::string_view::npos ? column_ + widthOf(s) : widthOf(s.substr(newline + 1));
}

// A structural break (a broken line of the layout) sets the indentation of the next line; a
// break that a comment forces keeps one already requested, so a comment never moves the
// indentation the layout chose.
void Printer::requestBreak(int lines, int indent, bool structural) {
  if (lines > 1 && afterOpening_) lines = 1;
  pendingLines_ = std::max(pendingLines_, lines);
  if (structural || !pendingStructural_) pendingIndent_ = indent;
  pendingStructural_ = pendingStructural_ || structural;
}

int Printer::nextColumn() const {
  if (pendingLines_ > 0 && !out_.empty()) return pendingIndent_;
  return column_ + (pendingSpace_ && !out_.empty() ? 1 : 0);
}

// Whether `measure`, printed flat from the current column, fits before the line ends. With
// `withRest` the commands after it count too, up to their first line break. A break forced
// by a comment ends the line: before any text (an own-line comment) the measure starts over
// on the new line; after text, more text in `measure` means it cannot be flat.
bool Printer::fits(std::vector<Cmd> measure, bool withRest) const {
  Measure m{width_ - nextColumn()};
  std::vector<Cmd> stack(measure.rbegin(), measure.rend());
  std::size_t rest = cmds_.size();
  while (true) {
    if (stack.empty()) {
      if (m.broken || !withRest || rest == 0) return true;
      stack.push_back(cmds_[--rest]);
      m.inRest = true;
    }
    Cmd cmd = stack.back();
    stack.pop_back();
    const Doc& doc = *cmd.doc;
    switch (doc.kind) {
      case DocKind::Concat:
      case DocKind::Fill:
        // One part at a time: a measure usually ends early, and a long list must not make
        // every measure inside it as long as the list.
        if (cmd.from < doc.parts.size()) {
          stack.push_back({cmd.indent, cmd.mode, cmd.doc, cmd.from + 1});
          stack.push_back({cmd.indent, cmd.mode, &doc.parts[cmd.from], 0});
        }
        break;
      case DocKind::Nest:
        stack.push_back({cmd.indent + doc.indent, cmd.mode, &doc.parts[0], 0});
        break;
      case DocKind::Align:
      case DocKind::Group:
        stack.push_back({cmd.indent, cmd.mode, &doc.parts[0], 0});
        break;
      default:
        if (std::optional<bool> verdict = measureLeaf(cmd, m)) return *verdict;
    }
    if (m.remaining < 0) return false;
  }
}

// One text, blank or break of a measure: whether that decides it, and which way.
std::optional<bool> Printer::measureLeaf(const Cmd& cmd, Measure& m) const {
  const Doc& doc = *cmd.doc;
  const bool flat = cmd.mode == Mode::Flat;
  switch (doc.kind) {
    case DocKind::Text:
      if (m.broken) return false;
      m.remaining -= widthOf(doc.text);
      m.sawText = true;
      return std::nullopt;
    case DocKind::Space:
      --m.remaining;
      return std::nullopt;
    case DocKind::Line:
      if (!flat) return true;
      --m.remaining;
      return std::nullopt;
    case DocKind::SoftLine:
      if (!flat) return true;
      return std::nullopt;
    case DocKind::HardLine:
    case DocKind::BlankLine:
      return m.inRest;
    case DocKind::BreakBefore:
    case DocKind::BlankBefore:
    case DocKind::BreakAfter:
      if (m.inRest) return true;
      if (m.sawText && doc.kind != DocKind::BreakAfter) return false;
      if (m.sawText) m.broken = true;
      if (!m.sawText) m.remaining = width_ - cmd.indent;
      return std::nullopt;
    default:  // a comment takes no width
      return std::nullopt;
  }
}

}  // namespace

std::string render(const Doc& doc, int width) { return Printer(width).run(doc); }

}  // namespace rootpol::syntax::layout
