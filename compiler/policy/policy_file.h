#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "policy/describe_policy.h"
#include "policy/document.h"
#include "policy/policy_kind.h"
#include "policy/read_document.h"

// One policy file's text as a named document: a plain policy document, or the answer of
// `aws organizations describe-policy` (policy/describe_policy.h), whose decoded `Policy.Content`
// is added to the SourceManager as `<file> (Policy.Content)` so that positions are in the text
// its author wrote. Used by `test`/`explain` (runner/json_policies.h), `attach file` and
// `import` (importer/read_input.h); lint reads its files with readPolicy directly.
namespace rootpol::policy {

struct PolicyFile {
  std::string name;                          // PolicySummary.Name, else the file name without `.json`
  std::optional<std::string> describedName;  // PolicySummary.Name when it is there
  std::optional<std::string> type;           // describe-policy's PolicySummary.Type
  Span typeSpan;
  FileId file = 0;  // the document's text: the file, or its Policy.Content
  // The document read (lenient: see ReadResult), nullopt when it was not read: not JSON, not
  // an object, no Content, or a describe-policy Type the caller does not read.
  std::optional<Document> document;
  PolicyKind kind = PolicyKind::Scp;
  bool errors = false;  // errors were reported in `sink`
};

struct PolicyFileOptions {
  ReadOptions read;
  // The describe-policy Types whose Content is read; the caller reports the others (whose
  // PolicyFile has `type` set and no document).
  std::vector<std::string_view> readTypes = {kServiceControlPolicyType};
};

// `file` holds the file's text, already added to `sources` under its path. Structural problems
// (see readPolicy) and a describe-policy answer without a string Content (RP4006) go to `sink`.
PolicyFile readPolicyFile(FileId file, SourceManager& sources, DiagnosticSink& sink,
                          const PolicyFileOptions& options = {});

// The file name without its directory and a `.json` ending (any case).
std::string policyFileStem(std::string_view path);

}  // namespace rootpol::policy
