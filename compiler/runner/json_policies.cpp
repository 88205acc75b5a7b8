#include "runner/json_policies.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/file_input.h"
#include "base/text.h"
#include "policy/policy_file.h"
#include "sema/suggest.h"

namespace rootpol::runner {
namespace {

// An identity or resource-based policy is RP0020: SCPs and RCPs are what `test` decides.
void reportNotControlPolicy(const policy::PolicyFile& read, DiagnosticSink& sink) {
  const policy::Document& doc = *read.document;
  auto withPrincipal = std::find_if(doc.statements.begin(), doc.statements.end(),
                                    [](const policy::Statement& s) { return s.principal.has_value(); });
  Span at = withPrincipal != doc.statements.end() ? withPrincipal->principal->span
                                                  : Span{read.file, doc.span.begin, doc.span.begin + 1};
  Diagnostic& d = sink.report(DiagCode::RP0020, at,
                              fmt::format("policy `{}` is a resource or identity policy, not an SCP or RCP", read.name));
  d.notes.push_back("its statements name a `Principal` other than an RCP's `\"*\"`, or grant specific resources");
  d.notes.push_back("`rootpol test` and `rootpol explain` decide service and resource control policies only");
}

// One file's text: a describe-policy answer or a policy document.
void load(FileId file, SourceManager& sources, DiagnosticSink& sink, std::vector<JsonPolicy>& out) {
  policy::PolicyFileOptions options;
  options.read.suggest = sema::closestMatch;
  options.readTypes = {policy::kServiceControlPolicyType, policy::kResourceControlPolicyType};
  policy::PolicyFile read = policy::readPolicyFile(file, sources, sink, options);
  if (read.type && *read.type != policy::kServiceControlPolicyType && *read.type != policy::kResourceControlPolicyType) {
    Diagnostic& d = sink.report(DiagCode::RP0020, read.typeSpan,
                                fmt::format("policy `{}` is a {}, not an SCP or RCP", read.name, *read.type));
    d.notes.push_back("`rootpol test` and `rootpol explain` decide service and resource control policies only");
    return;
  }
  if (!read.document) return;
  const bool rcp = read.kind == policy::PolicyKind::Rcp || (read.type && *read.type == policy::kResourceControlPolicyType);
  if (read.kind == policy::PolicyKind::Other) return reportNotControlPolicy(read, sink);
  if (read.errors) return;
  out.push_back(JsonPolicy{std::move(read.name), read.document->span, std::move(*read.document), rcp});
}

}  // namespace

bool isJsonPolicyPath(std::string_view path) {
  return path.size() > 5 && equalsIgnoreCase(path.substr(path.size() - 5), ".json");
}

bool loadJsonPolicies(const std::vector<std::string>& paths, SourceManager& sources, DiagnosticSink& sink,
                      std::vector<JsonPolicy>& out, std::string& error) {
  for (const std::string& path : paths) {
    input::ReadResult read = input::readFile(path);
    if (!read.text) {
      error = input::describe(read.problem, path, read.detail);
      return false;
    }
    FileId file = sources.add(path, std::move(*read.text));
    load(file, sources, sink, out);
  }
  return true;
}

void reportUnattached(const std::vector<JsonPolicy>& policies, DiagnosticSink& sink) {
  for (const JsonPolicy& p : policies) {
    Diagnostic& d = sink.report(DiagCode::RP0021, Span{p.span.file, p.span.begin, p.span.begin + 1},
                                fmt::format("policy `{}` is attached nowhere: it is left out of every decision", p.name));
    d.notes.push_back("the program declares an organization, and JSON policies are attached only without one");
    d.help = "decide it alone with `rootpol explain FILE.json -r REQUEST`, or rewrite it as a `.rootpol` policy and attach it";
  }
}

}  // namespace rootpol::runner
