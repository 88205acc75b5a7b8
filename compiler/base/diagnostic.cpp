#include "base/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace rootpol {

std::string_view severityName(Severity severity) {
  switch (severity) {
    case Severity::Note:
      return "note";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

Diagnostic& DiagnosticSink::report(DiagCode code, std::optional<Span> span, std::string message) {
  diagnostics_.push_back(Diagnostic{code, diagInfo(code).severity, std::move(message), span, {}, {}, {}});
  return diagnostics_.back();
}

std::size_t DiagnosticSink::errorCount() const {
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
      [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t DiagnosticSink::warningCount() const {
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
      [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

namespace {

// The message as a view: a copy per comparison cost an allocation each.
auto sortKey(const Diagnostic& d) {
  Span s = d.span.value_or(Span{});
  return std::make_tuple(s.file, s.begin, s.end, static_cast<int>(d.code),
                         std::string_view(d.message));
}

std::vector<Diagnostic> sortedAndUnique(std::vector<Diagnostic> out) {
  std::stable_sort(out.begin(), out.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return sortKey(a) < sortKey(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) { return sortKey(a) == sortKey(b); }),
            out.end());
  return out;
}

}  // namespace

std::vector<Diagnostic> DiagnosticSink::sorted() const& { return sortedAndUnique(diagnostics_); }

std::vector<Diagnostic> DiagnosticSink::sorted() && { return sortedAndUnique(std::move(diagnostics_)); }

}  // namespace rootpol
