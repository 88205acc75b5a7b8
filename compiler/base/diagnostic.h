#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.h"

namespace rootpol {

enum class Severity { Note, Warning, Error };

std::string_view severityName(Severity severity);

// Stable codes: see diagnostic_kinds.def. The enum order is the registry order.
enum class DiagCode {
#define DIAG(code, severity, name, doc) code,
#include "base/diagnostic_kinds.def"
#undef DIAG
};

struct DiagInfo {
  std::string_view code;  // "RP1004"
  Severity severity;      // default severity
  std::string_view name;  // "type-mismatch"
  std::string_view doc;   // one line
};

const DiagInfo& diagInfo(DiagCode code);
const std::vector<DiagCode>& allDiagCodes();

// A secondary span with a short text, rendered under the primary snippet.
struct Label {
  Span span;
  std::string message;
};

// The one diagnostic type shared by every stage. Producers fill it; renderers only format.
struct Diagnostic {
  DiagCode code;
  Severity severity;
  std::string message;  // lowercase, no final period, user names in backticks
  std::optional<Span> span;  // absent for diagnostics about no particular text
  std::vector<Label> labels;
  std::vector<std::string> notes;
  std::optional<std::string> help;
};

// Collects diagnostics from every stage; stages report and recover instead of throwing.
class DiagnosticSink {
 public:
  Diagnostic& report(DiagCode code, std::optional<Span> span, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // The most recent diagnostic, to attach context found later (precondition: not empty).
  Diagnostic& last() { return diagnostics_.back(); }
  std::size_t errorCount() const;
  std::size_t warningCount() const;
  bool hasErrors() const { return errorCount() > 0; }
  // Diagnostics sorted by (file, offset, code) and with exact duplicates removed.
  std::vector<Diagnostic> sorted() const&;
  std::vector<Diagnostic> sorted() &&;  // the same, moving the diagnostics out
  // The diagnostics as reported, moved out.
  std::vector<Diagnostic> take() && { return std::move(diagnostics_); }
  // `other`'s diagnostics after these, in their order (work done apart, joined in order).
  void append(DiagnosticSink&& other);

 private:
  std::vector<Diagnostic> diagnostics_;
};

// `all` sorted by (file, offset, code, message), the reported order breaking ties, with exact
// duplicates removed (the first kept): what DiagnosticSink::sorted gives, for diagnostics
// already gathered in a vector (lint's findings of every file, after its configuration).
std::vector<Diagnostic> sortedAndUnique(std::vector<Diagnostic> all);

}  // namespace rootpol
