#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "lint/json_policy.h"

// Reads one inline policy file with the embedded catalog and lists what was reported as
// "RPxxxx L:C" (the primary span's start), in report order.
namespace rootpol::lint::testing {

struct Read {
  SourceManager sources;
  DiagnosticSink sink;
  FileId file = 0;
  std::optional<LintDocument> doc;

  std::string at(Span span) const {
    LineCol lc = sources.file(span.file).lineCol(span.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  std::string text(Span span) const {
    return sources.file(span.file).text().substr(span.begin, span.end - span.begin);
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : sink.diagnostics()) {
      out.push_back(std::string(diagInfo(d.code).code) + " " + (d.span ? at(*d.span) : "-"));
    }
    return out;
  }
  // "L:C" of the `nth` occurrence of `needle` in the file (the test states what a span must
  // point at; the line and column are computed from the text).
  std::string pos(std::string_view needle, int nth = 0) const {
    const std::string& t = sources.file(file).text();
    std::size_t at = t.find(needle);
    for (int i = 0; i < nth && at != std::string::npos; ++i) at = t.find(needle, at + 1);
    if (at == std::string::npos) return "not found: " + std::string(needle);
    return this->at(Span{file, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at)});
  }
  // The first diagnostic with `code`; a test that asked for it has checked codes() first.
  const Diagnostic& first(DiagCode code) const {
    for (const Diagnostic& d : sink.diagnostics()) {
      if (d.code == code) return d;
    }
    static const Diagnostic none{code, Severity::Note, "(none reported)", {}, {}, {}, {}};
    return none;
  }
};

inline std::unique_ptr<Read> read(std::string path, std::string text) {
  auto r = std::make_unique<Read>();
  r->file = r->sources.add(std::move(path), std::move(text));
  r->doc = readPolicyFile(r->sources.file(r->file), catalog::Catalog::builtin(), r->sink);
  return r;
}

inline std::unique_ptr<Read> readJson(std::string text) { return read("p.json", std::move(text)); }

// A one-statement SCP around `statementBody` (the members of the statement object): the
// statement's `{` is 4:3 and the body starts at 4:4.
inline std::string scp(const std::string& statementBody) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n  {" + statementBody +
         "}\n  ]\n}\n";
}

}  // namespace rootpol::lint::testing
