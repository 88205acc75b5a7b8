#include "base/diagnostic.h"

#include <algorithm>
#include <iterator>
#include <cstdint>
#include <tuple>
#include <utility>

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

void DiagnosticSink::append(DiagnosticSink&& other) {
  if (diagnostics_.empty()) {
    diagnostics_ = std::move(other.diagnostics_);
  } else {
    diagnostics_.insert(diagnostics_.end(), std::make_move_iterator(other.diagnostics_.begin()),
                        std::make_move_iterator(other.diagnostics_.end()));
  }
  other.diagnostics_.clear();
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

}  // namespace

std::vector<Diagnostic> sortedAndUnique(std::vector<Diagnostic> all) {
  // The keys are sorted, then each diagnostic is moved once: a lint of a large document has
  // tens of thousands of findings, and a stable sort of the diagnostics themselves moved each
  // many times. (The index breaks ties: the order stays stable.)
  std::vector<std::pair<decltype(sortKey(std::declval<const Diagnostic&>())), std::uint32_t>> keys;
  keys.reserve(all.size());
  for (std::uint32_t i = 0; i < all.size(); ++i) keys.emplace_back(sortKey(all[i]), i);
  std::sort(keys.begin(), keys.end());
  // Exact duplicates are told apart before anything is moved (the keys view the messages).
  keys.erase(std::unique(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
             keys.end());  // the first is kept
  std::vector<Diagnostic> out;
  out.reserve(keys.size());
  for (const auto& key : keys) out.push_back(std::move(all[key.second]));
  return out;
}

std::vector<Diagnostic> DiagnosticSink::sorted() const& { return sortedAndUnique(diagnostics_); }

std::vector<Diagnostic> DiagnosticSink::sorted() && { return sortedAndUnique(std::move(diagnostics_)); }

}  // namespace rootpol
