#pragma once

#include <optional>

#include "base/diagnostic.h"
#include "base/source.h"
#include "catalog/catalog.h"
#include "lint/config.h"
#include "lint/document.h"

namespace rootpol::lint {

// Reads one policy file into the linter's document model, by extension:
//   .json   an IAM policy document (SCP, RCP, identity or resource policy);
//   .tftpl  the same, as a Terraform template: `${...}` and `%{...}` outside strings are read
//           as placeholders, and every template sequence is reported (RP4013);
//   .yaml/.yml  a list of Terraform `aws_iam_policy_document` statements, as Cloud Posse
//           keeps them (`sid`, `effect`, `actions`, `condition: [{test, variable, values}]`);
//   anything else: RP4016 and nullopt.
// Reports into `sink` (structure RP4001-RP4017, actions RP1014/RP1020-RP1022, condition keys
// RP1010/RP1011, Sids RP1013) and returns the document with the statements that could be
// read: a statement without `Effect` or without `Action`/`NotAction` is reported and left out.
// Returns nullopt when nothing could be read (invalid JSON or YAML, a top-level value that is
// not a policy). `catalog` checks actions and condition keys. Never throws, never crashes on
// any input.
//
// Sizes: for JSON, bytesAsWritten is the file's size and bytesMinified the size once blanks
// outside strings are dropped, string escapes counted as written (see json::minifiedSize). In
// a template, a `${...}` outside strings counts as written and a `%{...}` directive not at all;
// the text of a value that is such a placeholder is the sequence as written. For YAML both
// are the size of the minified JSON Terraform renders from the statements (an estimate: the
// values as read, one value as a string, several as an array).
// `kind`, when not empty, stands for the file name in choosing the reader (".json", ".yaml"):
// standard input has no extension.
// `declared`: the kind the file is declared to be (lint --kind, `kinds`); Auto: classified from
// its statements (RP4015 when it is not an SCP).
// `threads`: a large document's statements are read on up to this many threads; what is
// reported does not depend on it.
std::optional<LintDocument> readPolicyFile(const SourceFile& file, const catalog::Catalog& catalog,
                                           DiagnosticSink& sink, std::string_view kind = {},
                                           DeclaredKind declared = DeclaredKind::Auto, unsigned threads = 1);

}  // namespace rootpol::lint
