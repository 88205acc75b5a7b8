#include <fmt/compile.h>
#include <fmt/format.h>

#include <charconv>
#include <initializer_list>
#include <iterator>
#include <ostream>

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

// Appends `text` right-aligned in `width` columns (the gutter).
void appendRight(std::string& out, std::string_view text, std::size_t width) {
  if (text.size() < width) out.append(width - text.size(), ' ');
  out += text;
}

void appendLineNumber(std::string& out, std::uint32_t line, std::size_t width) {
  char digits[16];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, line);
  appendRight(out, std::string_view(digits, static_cast<std::size_t>(end - digits)), width);
}

void appendAll(std::string& out, std::initializer_list<std::string_view> parts) {
  for (std::string_view part : parts) out += part;
}

// Appends the gutter, the source line and an underline for `span` (first line only when the
// span runs over several lines); `start` is where the span begins.
void appendSnippet(std::string& out, const SourceFile& file, Span span, LineCol start, char mark,
                   std::string_view message, std::string_view markColor, const Palette& p,
                   std::size_t gutter, bool showSource = true) {
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
  // A label on the line just shown gets its underline only, not the line a second time.
  if (showSource) {
    out += p.blue;
    appendLineNumber(out, start.line, gutter);
    appendAll(out, {" |", p.reset, " ", before});
    const std::size_t from = out.size();
    out += shown;
    std::replace(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), '\t', ' ');
    appendAll(out, {after, "\n"});
  }
  out += p.blue;
  out.append(gutter, ' ');
  appendAll(out, {" |", p.reset, " "});
  out.append(startCol, ' ');
  out += markColor;
  out.append(width, mark);
  if (!message.empty()) appendAll(out, {" ", message});
  appendAll(out, {p.reset, "\n"});
}

// "  --> path:line:col" (or ":::" for another file's labels).
void appendLocation(std::string& out, std::string_view arrow, const SourceFile& file, LineCol at,
                    const Palette& p, std::size_t gutter) {
  out += p.blue;
  out.append(gutter, ' ');
  appendAll(out, {arrow, " ", p.reset, file.path()});
  fmt::format_to(std::back_inserter(out), FMT_COMPILE(":{}:{}\n"), at.line, at.column);
}

// " = note: text" under the gutter.
void appendTrailer(std::string& out, std::string_view kind, std::string_view text, const Palette& p,
                   std::size_t gutter) {
  out.append(gutter, ' ');
  appendAll(out, {" ", p.blue, "=", p.reset, " ", kind, ": ", text, "\n"});
}

}  // namespace

void appendHuman(std::string& out, const SourceManager& sources, const Diagnostic& d,
                 const HumanRenderOptions& options) {
  Palette p = palette(options.color);
  const DiagInfo& info = diagInfo(d.code);
  std::string_view sevColor = severityColor(p, d.severity);
  appendAll(out, {sevColor, severityName(d.severity), "[", info.code, "]", p.reset, p.bold, ": ",
                  d.message, p.reset, "\n"});

  // The primary span and the labels of its file in source order (a label may sit on an
  // earlier line, as an operator above its key), then the labels of other files. Each knows
  // its line and column (asked once: the gutter, the arrow and the snippet all need them).
  struct Mark {
    Span span;
    LineCol start;
    char mark;
    std::string_view message;
    std::string_view color;
  };
  std::size_t gutter = 1;
  auto startOf = [&](Span span) {
    LineCol lc = sources.file(span.file).lineCol(span.begin);
    gutter = std::max(gutter, static_cast<std::size_t>(fmt::formatted_size(FMT_COMPILE("{}"), lc.line)));
    return lc;
  };
  std::vector<Mark> marks;
  bool primary = d.span && sources.has(d.span->file);
  if (primary) {
    marks.push_back({*d.span, startOf(*d.span), '^', "", sevColor});
    for (const Label& label : d.labels) {
      if (label.span.file == d.span->file) marks.push_back({label.span, startOf(label.span), '-', label.message, p.blue});
    }
  }
  const std::size_t sameFile = marks.size();
  for (const Label& label : d.labels) {
    if (!sources.has(label.span.file) || (primary && label.span.file == d.span->file)) continue;
    marks.push_back({label.span, startOf(label.span), '-', label.message, p.blue});
  }
  if (primary) {
    appendLocation(out, "-->", sources.file(d.span->file), marks.front().start, p, gutter);
    out += p.blue;
    out.append(gutter, ' ');
    appendAll(out, {" |", p.reset, "\n"});
    std::stable_sort(marks.begin(), marks.begin() + static_cast<std::ptrdiff_t>(sameFile),
                     [](const Mark& a, const Mark& b) { return a.span.begin < b.span.begin; });
  }
  std::optional<std::pair<FileId, std::uint32_t>> lastLine;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const Mark& m = marks[i];
    const SourceFile& file = sources.file(m.span.file);
    if (i >= sameFile && (!lastLine || lastLine->first != m.span.file)) appendLocation(out, ":::", file, m.start, p, gutter);
    auto line = std::make_pair(m.span.file, m.start.line);
    if (lastLine && lastLine->first == line.first && line.second > lastLine->second + 1) out += "...\n";
    appendSnippet(out, file, m.span, m.start, m.mark, m.message, m.color, p, gutter, lastLine != line);
    lastLine = line;
  }
  for (const std::string& note : d.notes) appendTrailer(out, "note", note, p, gutter);
  if (d.help) appendTrailer(out, "help", *d.help, p, gutter);
}

std::string renderHuman(const SourceManager& sources, const Diagnostic& diagnostic,
                        const HumanRenderOptions& options) {
  std::string out;
  appendHuman(out, sources, diagnostic, options);
  return out;
}

void writeHuman(std::ostream& to, const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                const HumanRenderOptions& options) {
  // In blocks: std::cerr is unbuffered, and a write per piece made 238,000 system calls for
  // 119,000 findings.
  constexpr std::size_t kBlock = 64 * 1024;
  std::string out;
  out.reserve(kBlock + 4096);
  for (const Diagnostic& d : diagnostics) {
    appendHuman(out, sources, d, options);
    out += '\n';
    if (out.size() >= kBlock) {
      to.write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  }
  to.write(out.data(), static_cast<std::streamsize>(out.size()));
  to.flush();
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
