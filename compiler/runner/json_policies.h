#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "policy/document.h"

// SCPs kept as JSON, given to `rootpol test` and `rootpol explain` beside (or instead of)
// `.rootpol` programs (docs/evaluator.md, "JSON policies as inputs"). Two shapes are read:
// - a policy document: `{"Version": "2012-10-17", "Statement": [...]}`;
// - the output of `aws organizations describe-policy`: `{"Policy": {"PolicySummary": {"Name",
//   "Type", ...}, "Content": "<the document as a JSON string>"}}`. The decoded Content is
//   added to the SourceManager as `<file> (Policy.Content)`, so statements and diagnostics get
//   line:column in the document as its author wrote it.
// The file is read by policy::readPolicyFile (policy/policy_file.h), which reports only the
// structural errors (RP4001, RP4002, RP4004-RP4006, RP4011, RP4012, RP4017), since they leave
// the document undecidable. Catalog, Sid and Version findings are lint's business.
// SCPs and RCPs are decided (an RCP: every statement denies `"Principal": "*"`, or a
// describe-policy `Type` RESOURCE_CONTROL_POLICY); an identity or resource-based policy, or
// another describe-policy `Type`, is error RP0020.
namespace rootpol::runner {

struct JsonPolicy {
  std::string name;  // describe-policy's PolicySummary.Name, else the file name without `.json`
  Span span;         // the policy document (for diagnostics about the whole policy)
  policy::Document document;  // statements keep their object's span as origin
  bool rcp = false;           // a resource control policy: it joins the RCP chain
};

// A path named on the command line that `test`/`explain` read as a JSON policy (`*.json`).
bool isJsonPolicyPath(std::string_view path);

// Reads each path (in order) into `out`. A file that cannot be read is a tool failure: returns
// false with `error` set. Problems in the JSON are diagnostics in `sink`; a policy with errors
// is left out of `out`.
bool loadJsonPolicies(const std::vector<std::string>& paths, SourceManager& sources, DiagnosticSink& sink,
                      std::vector<JsonPolicy>& out, std::string& error);

// Warning RP0021 for each policy: beside a program with an organization, nothing attaches it.
void reportUnattached(const std::vector<JsonPolicy>& policies, DiagnosticSink& sink);

}  // namespace rootpol::runner
