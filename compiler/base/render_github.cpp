// GitHub Actions workflow commands: a runner turns each `::error ...::` line on stdout into an
// annotation on the pull request's diff.
#include <fmt/format.h>

#include <algorithm>

#include "base/render.h"

namespace rootpol {
namespace {

std::string_view command(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "notice";
  }
  return "error";
}

// The runner's own unescaping: data loses `%`, CR and LF; properties also `:` and `,`, which
// would otherwise end the property list or the property.
std::string escapeData(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escapeProperty(std::string_view text) {
  std::string out;
  for (char c : escapeData(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string where(const SourceManager& sources, Span span) {
  const SourceFile& file = sources.file(span.file);
  LineCol at = file.lineCol(span.begin);
  return fmt::format("{}:{}:{}", file.path(), at.line, at.column);
}

std::string properties(const SourceManager& sources, const Diagnostic& d) {
  const DiagInfo& info = diagInfo(d.code);
  std::string out;
  if (d.span && sources.has(d.span->file)) {
    const SourceFile& file = sources.file(d.span->file);
    LineCol start = file.lineCol(d.span->begin);
    LineCol end = file.lineCol(std::max(d.span->begin, d.span->end));
    out = fmt::format("file={},line={},col={},endLine={},endColumn={},",
                      escapeProperty(file.path()), start.line, start.column, end.line, end.column);
  }
  return out + "title=" + escapeProperty(fmt::format("{} {}", info.code, info.name));
}

// The message, then one line per label, note and help (newlines are escaped as %0A).
std::string message(const SourceManager& sources, const Diagnostic& d) {
  // fmt::format rather than `"\n" + string`: GCC 12 at -O3 reports a false -Wrestrict inside
  // libstdc++ for that operator+ (GCC bug 105329).
  std::string text = d.message;
  for (const Label& label : d.labels) {
    if (sources.has(label.span.file)) text += fmt::format("\n{}: {}", where(sources, label.span), label.message);
  }
  for (const std::string& note : d.notes) text += fmt::format("\nnote: {}", note);
  if (d.help) text += fmt::format("\nhelp: {}", *d.help);
  return escapeData(text);
}

}  // namespace

std::string renderGithub(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += fmt::format("::{} {}::{}\n", command(d.severity), properties(sources, d),
                       message(sources, d));
  }
  return out;
}

}  // namespace rootpol
