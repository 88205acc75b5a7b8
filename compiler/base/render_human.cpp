#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>
#include <string_view>

#include "base/render.h"

namespace rootpol {
namespace {

struct Palette {
  std::string_view bold, red, yellow, cyan, blue, reset;
};

Palette palette(bool color) {
  if (!color) return Palette{"", "", "", "", "", ""};
  return Palette{"\x1b[1m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;36m", "\x1b[1;34m", "\x1b[0m"};
}

std::string_view severityColor(const Palette& p, Severity severity) {
  switch (severity) {
    case Severity::Error:
      return p.red;
    case Severity::Warning:
      return p.yellow;
    case Severity::Note:
      return p.cyan;
  }
  return p.red;
}

// Width in columns of a byte range of one line (code points; tabs count as one).
std::size_t displayWidth(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Lines longer than this (bytes) are shown as a window from kShownBefore bytes before the
// span to kShownAfter bytes after its start.
constexpr std::size_t kMaxShownLine = 1000;
constexpr std::size_t kShownBefore = 80;
constexpr std::size_t kShownAfter = 160;

// Appends the gutter, the source line and an underline for `span` (first line only when the
// span runs over several lines).
void appendSnippet(std::string& out, const SourceFile& file, Span span, char mark,
                   std::string_view message, std::string_view markColor, const Palette& p,
                   std::size_t gutter, bool showSource = true) {
  LineCol start = file.lineCol(span.begin);
  LineCol end = file.lineCol(span.end);
  std::string_view line = file.lineText(start.line);
  std::size_t startCol = start.column - 1;
  std::size_t endCol = end.line == start.line ? end.column - 1 : displayWidth(line);
  std::string_view shown = line;
  std::string_view before, after;  // "..." where a long line is cut
  if (line.size() > kMaxShownLine) {
    // A window of the line around the span: thousands of diagnostics on one long line must
    // not print it (or scan it) thousands of times.
    auto continuation = [&](std::size_t i) { return (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80; };
    std::size_t at = std::min<std::size_t>(span.begin - static_cast<std::size_t>(line.data() - file.text().data()), line.size());
    std::size_t from = at > kShownBefore ? at - kShownBefore : 0;
    while (from > 0 && continuation(from)) --from;
    std::size_t to = std::min(line.size(), at + kShownAfter);
    while (to < line.size() && continuation(to)) ++to;
    shown = line.substr(from, to - from);
    before = from > 0 ? "..." : "";
    after = to < line.size() ? "..." : "";
    startCol = before.size() + displayWidth(line.substr(from, at - from));
    std::size_t endAt = end.line == start.line ? std::min<std::size_t>(at + (span.end - span.begin), to) : to;
    endCol = before.size() + displayWidth(line.substr(from, endAt - from));
  }
  std::size_t width = std::max<std::size_t>(1, endCol > startCol ? endCol - startCol : 1);
  std::string expanded(before);
  for (char c : shown) expanded += c == '\t' ? ' ' : c;
  expanded += after;
  // A label on the line just shown gets its underline only, not the line a second time.
  if (showSource) out += fmt::format("{}{:>{}} |{} {}\n", p.blue, start.line, gutter, p.reset, expanded);
  out += fmt::format("{}{:>{}} |{} {}{}{}", p.blue, "", gutter, p.reset, std::string(startCol, ' '),
                     markColor, std::string(width, mark));
  if (!message.empty()) out += fmt::format(" {}", message);
  out += fmt::format("{}\n", p.reset);
}

}  // namespace

std::string renderHuman(const SourceManager& sources, const Diagnostic& d,
                        const HumanRenderOptions& options) {
  Palette p = palette(options.color);
  const DiagInfo& info = diagInfo(d.code);
  std::string_view sevColor = severityColor(p, d.severity);
  std::string out = fmt::format("{}{}[{}]{}{}: {}{}\n", sevColor, severityName(d.severity), info.code,
                                p.reset, p.bold, d.message, p.reset);
  std::size_t gutter = 1;
  auto widen = [&](const std::optional<Span>& span) {
    if (span && sources.has(span->file)) {
      LineCol lc = sources.file(span->file).lineCol(span->begin);
      gutter = std::max(gutter, std::to_string(lc.line).size());
    }
  };
  widen(d.span);
  for (const Label& label : d.labels) widen(label.span);

  // The primary span and the labels of its file in source order (a label may sit on an
  // earlier line, as an operator above its key), then the labels of other files.
  struct Mark {
    Span span;
    char mark;
    std::string_view message;
    std::string_view color;
  };
  std::vector<Mark> marks;
  bool primary = d.span && sources.has(d.span->file);
  if (primary) {
    const SourceFile& file = sources.file(d.span->file);
    LineCol lc = file.lineCol(d.span->begin);
    out += fmt::format("{}{:>{}}--> {}{}:{}:{}\n", p.blue, "", gutter, p.reset, file.path(), lc.line,
                       lc.column);
    out += fmt::format("{}{:>{}} |{}\n", p.blue, "", gutter, p.reset);
    marks.push_back({*d.span, '^', "", sevColor});
    for (const Label& label : d.labels) {
      if (label.span.file == d.span->file) marks.push_back({label.span, '-', label.message, p.blue});
    }
    std::stable_sort(marks.begin(), marks.end(),
                     [](const Mark& a, const Mark& b) { return a.span.begin < b.span.begin; });
  }
  std::optional<std::pair<FileId, std::uint32_t>> lastLine;
  auto show = [&](const SourceFile& file, const Mark& m) {
    auto line = std::make_pair(m.span.file, file.lineCol(m.span.begin).line);
    if (lastLine && lastLine->first == line.first && line.second > lastLine->second + 1) out += "...\n";
    appendSnippet(out, file, m.span, m.mark, m.message, m.color, p, gutter, lastLine != line);
    lastLine = line;
  };
  for (const Mark& m : marks) show(sources.file(m.span.file), m);
  for (const Label& label : d.labels) {
    if (!sources.has(label.span.file) || (primary && label.span.file == d.span->file)) continue;
    const SourceFile& file = sources.file(label.span.file);
    if (!lastLine || lastLine->first != label.span.file) {
      LineCol lc = file.lineCol(label.span.begin);
      out += fmt::format("{}{:>{}}::: {}{}:{}:{}\n", p.blue, "", gutter, p.reset, file.path(),
                         lc.line, lc.column);
    }
    show(file, {label.span, '-', label.message, p.blue});
  }
  for (const std::string& note : d.notes) {
    out += fmt::format("{:>{}} {}={} note: {}\n", "", gutter, p.blue, p.reset, note);
  }
  if (d.help) out += fmt::format("{:>{}} {}={} help: {}\n", "", gutter, p.blue, p.reset, *d.help);
  return out;
}

std::string renderSummary(std::size_t errors, std::size_t warnings) {
  auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  if (errors == 0 && warnings == 0) return "";
  if (errors == 0) return plural(warnings, "warning");
  if (warnings == 0) return plural(errors, "error");
  return plural(errors, "error") + ", " + plural(warnings, "warning");
}

}  // namespace rootpol
