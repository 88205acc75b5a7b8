#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "policy/read_document.h"

// Internal to the reader (read_document.cpp, read_statement.cpp).
namespace rootpol::policy::detail {

struct Reader {
  std::string_view text;
  FileId file;
  DiagnosticSink& sink;
  const ReadOptions& options;
  bool failed = false;

  // Every code this reader reports is an error.
  Diagnostic& error(DiagCode code, Span at, std::string message) {
    failed = true;
    return sink.report(code, at, std::move(message));
  }
  std::optional<std::string> suggest(std::string_view word,
                                     const std::vector<std::string>& candidates) const {
    if (!options.suggest) return std::nullopt;
    return options.suggest(word, candidates);
  }
  std::string_view valueText(const json::Node& value) const {
    return options.text ? options.text(value).text : std::string_view(value.text);
  }
};

inline Span firstByte(const json::Node& node) {
  return Span{node.span.file, node.span.begin, node.span.begin + 1};
}

// A statement being read, and what reading it finds besides. The statement itself is read in
// place, where the caller keeps it: a large document's statements are neither copied nor moved
// on their way into the document, and their side facts stay small.
struct ReadStatement {
  Statement* statement = nullptr;
  KindFacts facts;
  std::optional<Span> principalKey;  // for RP4004 once the document is known to be an SCP
  std::string principalName;
  bool usable = false;  // has an Effect and Action or NotAction
};

// One statement object, read into `*out.statement` (a fresh Statement) and `out`.
void readStatement(const json::Node& object, Reader& r, ReadStatement& out);

}  // namespace rootpol::policy::detail
