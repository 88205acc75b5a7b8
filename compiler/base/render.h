#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"

namespace rootpol {

struct HumanRenderOptions {
  bool color = false;
};

// Renders like a modern compiler: `error[RP1004]: message`, `--> file:line:col`, the source
// line and a caret underline, then labels, notes and help.
std::string renderHuman(const SourceManager& sources, const Diagnostic& diagnostic,
                        const HumanRenderOptions& options);
// The same, appended to `out`.
void appendHuman(std::string& out, const SourceManager& sources, const Diagnostic& diagnostic,
                 const HumanRenderOptions& options);
// Every diagnostic as renderHuman gives it, each followed by an empty line, written to `to` in
// a few large writes (std::cerr writes every piece on its own), then flushed.
void writeHuman(std::ostream& to, const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                const HumanRenderOptions& options);

// "2 errors, 1 warning" style summary line (empty when there is nothing to say).
std::string renderSummary(std::size_t errors, std::size_t warnings);

// A JSON array of diagnostics with code, severity, message, file, line, column, end.
std::string renderJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics);

struct SarifOptions {
  std::string toolVersion;  // rootpol --version's number
  std::string informationUri = "https://github.com/rootpol/rootpol";
  // helpUri of a rule = helpUriBase + "RP4104.md"; empty: no helpUri. SARIF wants it absolute.
  std::string helpUriBase;
  // File paths are made relative to it (uriBaseId "SRCROOT"); empty: the current directory.
  // Files outside it keep an absolute file URI.
  std::string baseDirectory;
  // The long help of a code (Markdown, may be ""); may be empty.
  std::function<std::string(DiagCode)> ruleHelp;
};

// One SARIF 2.1.0 log with one run: a rule for every code in `diagnostics`, a result per
// diagnostic (labels as related locations, columns in UTF-16 code units) and a
// partialFingerprints entry that survives edits elsewhere in the file. Deterministic: the
// same input gives the same bytes (no timestamps, stable order).
std::string renderSarif(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                        const SarifOptions& options);

// GitHub Actions workflow commands, one line per diagnostic
// (`::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RP1005 name::message`), with help,
// notes and labels appended to the message as further lines (escaped as GitHub requires).
std::string renderGithub(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics);

}  // namespace rootpol
