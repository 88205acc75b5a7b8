#include "base/diagnostic.h"

#include <algorithm>
#include <cstdint>
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

std::vector<Diagnostic> sortedAndUnique(std::vector<Diagnostic> all) {
  // The keys are sorted, then each diagnostic is moved once: a lint of a large document has
  // tens of thousands of findings, and a stable sort of the diagnostics themselves moved each
  // many times. (The index breaks ties: the order stays stable.)
  using Key = decltype(std::tuple_cat(sortKey(all.front()), std::make_tuple(std::uint32_t{})));
  std::vector<Key> keys;
  keys.reserve(all.size());
  for (std::uint32_t i = 0; i < all.size(); ++i) keys.push_back(std::tuple_cat(sortKey(all[i]), std::make_tuple(i)));
  std::sort(keys.begin(), keys.end());
  // Exact duplicates are told apart before anything is moved (the keys view the messages).
  auto same = [](const Key& a, const Key& b) {
    return std::get<0>(a) == std::get<0>(b) && std::get<1>(a) == std::get<1>(b) && std::get<2>(a) == std::get<2>(b) &&
           std::get<3>(a) == std::get<3>(b) && std::get<4>(a) == std::get<4>(b);
  };
  keys.erase(std::unique(keys.begin(), keys.end(), same), keys.end());  // the first is kept
  std::vector<Diagnostic> out;
  out.reserve(keys.size());
  for (const Key& key : keys) out.push_back(std::move(all[std::get<5>(key)]));
  return out;
}

}  // namespace

std::vector<Diagnostic> DiagnosticSink::sorted() const& { return sortedAndUnique(diagnostics_); }

std::vector<Diagnostic> DiagnosticSink::sorted() && { return sortedAndUnique(std::move(diagnostics_)); }

}  // namespace rootpol
