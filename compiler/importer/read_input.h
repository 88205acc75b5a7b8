#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "importer/importer.h"

// The documents `rootpol import` reads from one JSON file: a policy document, or the answer of
// `aws organizations describe-policy` (its `Policy.Content` is read as the document, with
// positions in that text). SCPs and RCPs are imported; an identity or resource policy, or a
// describe-policy `Type` of another kind, is RP0031.
namespace rootpol::importer {

// The name of a document read from standard input (`rootpol import -`) that is not a
// describe-policy answer: it has no file name to be named after.
inline constexpr std::string_view kStdinPolicyName = "stdin";

// Adds the file's text (already read) to `sources` and appends what can be imported to `out`.
// The policy is named after a describe-policy answer's `PolicySummary.Name`, else `unnamed`
// when it is given, else the file name. Problems are diagnostics in `sink`; returns false when
// the file gave errors.
bool readImportSource(const std::string& path, std::string text, SourceManager& sources, DiagnosticSink& sink,
                      std::vector<ImportSource>& out, std::optional<std::string_view> unnamed = std::nullopt);

}  // namespace rootpol::importer
