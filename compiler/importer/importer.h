#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "catalog/catalog.h"
#include "importer/key_view.h"
#include "policy/document.h"
#include "sema/key_table.h"

// `rootpol import`: an SCP or RCP document as the `.rootpol` a person would have written
// (docs/import.md). The result is checked before it is returned: it is compiled, and every
// compiled statement must be the original statement up to what IAM does not distinguish
// (value order, duplicate values, the case of actions and keys, `IfExists` on a negated
// matcher). A rule that does not come back so is written again literally (raw operators,
// quoted actions, `strict`); a statement that cannot be written even so is reported.
namespace rootpol::importer {

struct ImportSource {
  std::string origin;  // the path as the user gave it, for the header comment
  std::optional<std::string> describedName;  // `PolicySummary.Name` of a describe-policy answer
  std::string name;    // the policy's name in rootpol (see policyName)
  bool resourcePolicy = false;  // an RCP (its statements have `Principal`)
  policy::Document document;
  Span documentSpan;   // where to report problems with the document as a whole
};

// A rootpol name from a file stem or a describe-policy name: characters outside
// `[A-Za-z0-9_-]` become `-`, and a name that would not start an identifier gets `p-`.
std::string policyName(std::string_view text);

class Importer {
 public:
  Importer(const sema::KeyTable& keys, const catalog::Catalog& catalog);

  // The program text in `rootpol fmt` layout, or nullopt after reporting into `sink` why a
  // statement cannot be imported exactly (RP0030-RP0034).
  std::optional<std::string> run(const ImportSource& source, DiagnosticSink& sink) const;

 private:
  KeyViews keys_;  // the key table read backwards, built once for every document
};

}  // namespace rootpol::importer
