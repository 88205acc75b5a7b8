#include "importer/read_input.h"

#include <fmt/format.h>

#include "policy/policy_file.h"
#include "sema/suggest.h"

namespace rootpol::importer {

bool readImportSource(const std::string& path, std::string text, SourceManager& sources, DiagnosticSink& sink,
                      std::vector<ImportSource>& out, std::optional<std::string_view> unnamed) {
  FileId file = sources.add(path, std::move(text));
  policy::PolicyFileOptions options;
  options.read.suggest = sema::closestMatch;
  options.readTypes = {policy::kServiceControlPolicyType, "RESOURCE_CONTROL_POLICY"};
  policy::PolicyFile read = policy::readPolicyFile(file, sources, sink, options);
  if (read.type && !read.document && !read.errors) {  // a Type import does not read
    Diagnostic& d = sink.report(DiagCode::RP0031, read.typeSpan,
                                fmt::format("`{}` is a {}, not an SCP or RCP", path, *read.type));
    d.notes.push_back("`rootpol import` reads service control policies and resource control policies");
    return false;
  }
  if (!read.document || read.errors) return false;
  ImportSource source;
  source.origin = path;
  source.name = policyName(!read.describedName && unnamed ? *unnamed : read.name);
  if (read.describedName) source.describedName = read.describedName;
  source.documentSpan = Span{read.file, read.document->span.begin, read.document->span.begin + 1};
  if (read.kind == policy::PolicyKind::Other) {
    Diagnostic& d = sink.report(DiagCode::RP0031, source.documentSpan,
                                fmt::format("`{}` is an identity or resource policy, not an SCP or RCP", path));
    d.notes.push_back("`rootpol import` reads service control policies and resource control policies");
    return false;
  }
  source.resourcePolicy = read.kind == policy::PolicyKind::Rcp;
  source.document = std::move(*read.document);
  out.push_back(std::move(source));
  return true;
}

}  // namespace rootpol::importer
