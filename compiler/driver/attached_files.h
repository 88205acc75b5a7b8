#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "base/source.h"
#include "runner/json_policies.h"

// `attach file "PATH" to TARGETS`: an SCP deployed and managed elsewhere whose JSON the program
// has. It is never emitted and takes a slot like `external`, but `rootpol test` and `explain`
// decide requests with its statements. The file is read here, once per program, by the reader
// of JSON policy inputs (runner/json_policies.h): a policy document or `aws organizations
// describe-policy` output.
namespace rootpol::driver {

struct AttachedFile {
  std::string written;  // the path as the program writes it (also the policy's name in traces)
  Span attachee;        // the `file "PATH"` attachee (org::Attachment::span)
  runner::JsonPolicy policy;
};

// Reads every `attach file` of the modules. The path is relative to the directory of the
// `.rootpol` file that says it (the working directory for standard input). A file that cannot
// be read is RP3016, one that is not an SCP rootpol can decide with is RP3017 (beside the
// reader's own diagnostics, which point into the JSON); both point at the path string. Only
// files read without errors are returned. A path outside `projectRoot` (the one imports must
// stay in; empty: the working directory) is RP3016 and is not read.
std::vector<AttachedFile> loadAttachedFiles(const std::vector<ast::Module*>& modules,
                                            const std::filesystem::path& projectRoot, SourceManager& sources,
                                            DiagnosticSink& sink);

}  // namespace rootpol::driver
