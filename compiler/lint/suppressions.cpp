#include "lint/suppressions.h"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace rootpol::lint {
namespace {

struct Suppression {
  std::vector<std::string> codes;
  std::size_t targetLine = 0;  // 0-based
  Span span;                   // the comment's `rootpol-ignore ...` text
  std::vector<bool> used;
};

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool blankOrComment(std::string_view line) {
  std::size_t first = line.find_first_not_of(" \t\r");
  return first == std::string_view::npos || line.compare(first, 2, "//") == 0 ||
         line.compare(first, 2, "/*") == 0;
}

std::vector<Suppression> findSuppressions(const SourceFile& file) {
  static const std::regex kMarker(
      R"((//|/\*)\s*rootpol-ignore\s+((RP\d{4})(\s*,\s*RP\d{4}|\s+RP\d{4})*))");
  static const std::regex kCode(R"(RP\d{4})");
  std::vector<std::string_view> lines = splitLines(file.text());
  std::vector<Suppression> out;
  std::size_t offset = 0;
  for (std::size_t i = 0; i < lines.size(); offset += lines[i].size() + 1, ++i) {
    std::string line(lines[i]);
    std::smatch m;
    if (!std::regex_search(line, m, kMarker)) continue;
    Suppression s;
    std::string codes = m[2].str();
    for (std::sregex_iterator it(codes.begin(), codes.end(), kCode), end; it != end; ++it)
      s.codes.push_back(it->str());
    s.used.assign(s.codes.size(), false);
    auto begin = static_cast<std::uint32_t>(offset + static_cast<std::size_t>(m.position(0)));
    s.span = Span{file.id(), begin, static_cast<std::uint32_t>(begin + m.length(0))};
    bool ownLine = line.find_first_not_of(" \t") == static_cast<std::size_t>(m.position(0));
    s.targetLine = i;
    if (ownLine) {
      while (s.targetLine + 1 < lines.size() && blankOrComment(lines[++s.targetLine])) {
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

void applySuppressions(const SourceFile& file, std::vector<Diagnostic>& diagnostics,
                       DiagnosticSink& sink) {
  std::vector<Suppression> suppressions = findSuppressions(file);
  if (suppressions.empty()) return;
  auto suppressed = [&](const Diagnostic& d) {
    if (!d.span || d.span->file != file.id()) return false;
    std::size_t line = file.lineCol(d.span->begin).line - 1;
    for (Suppression& s : suppressions) {
      auto it = std::find(s.codes.begin(), s.codes.end(), diagInfo(d.code).code);
      if (s.targetLine == line && it != s.codes.end()) {
        s.used[static_cast<std::size_t>(it - s.codes.begin())] = true;
        return true;
      }
    }
    return false;
  };
  diagnostics.erase(std::remove_if(diagnostics.begin(), diagnostics.end(), suppressed),
                    diagnostics.end());
  for (const Suppression& s : suppressions) {
    for (std::size_t i = 0; i < s.codes.size(); ++i) {
      if (s.used[i]) continue;
      sink.report(DiagCode::RP4202, s.span,
                  fmt::format("`rootpol-ignore {}` suppresses nothing here", s.codes[i]))
          .help = "remove it, or move it to the line before the finding";
    }
  }
}

}  // namespace rootpol::lint
