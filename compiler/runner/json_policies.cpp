#include "runner/json_policies.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "base/file_input.h"
#include "base/text.h"
#include "catalog/catalog.h"
#include "lint/json_policy.h"
#include "policy/describe_policy.h"

namespace rootpol::runner {
namespace {

// The linter's findings that leave a document undecidable; the rest (catalog, Sid, Version,
// size, template) are lint's business and are not repeated here.
bool structural(DiagCode code) {
  switch (code) {
    case DiagCode::RP4001:
    case DiagCode::RP4002:
    case DiagCode::RP4004:
    case DiagCode::RP4005:
    case DiagCode::RP4006:
    case DiagCode::RP4011:
    case DiagCode::RP4012:
    case DiagCode::RP4017:
      return true;
    default:
      return false;
  }
}

std::string stemOf(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  if (name.size() > 5 && equalsIgnoreCase(std::string_view(name).substr(name.size() - 5), ".json"))
    name.resize(name.size() - 5);
  return name;
}

policy::Statement toStatement(const lint::LintStatement& s) {
  policy::Statement out;
  out.sid = s.sid ? s.sid->text : std::string();
  out.deny = s.deny();
  out.notAction = s.notAction;
  for (const lint::Located& a : s.actions) out.actions.push_back(a.text);
  out.notResource = s.notResource;
  for (const lint::Located& r : s.resources) out.resources.push_back(r.text);
  for (const lint::LintCondition& c : s.conditions) {
    policy::ConditionEntry entry{c.op.text, c.key.text, {}};
    for (const lint::Located& v : c.values) entry.values.push_back(v.text);
    out.conditions.push_back(std::move(entry));
  }
  out.origin = s.span;
  return out;
}

class Loader {
 public:
  Loader(SourceManager& sources, DiagnosticSink& sink) : sources_(sources), sink_(sink) {}

  // One file's text: a describe-policy answer or a policy document.
  void load(const std::string& path, FileId file, std::vector<JsonPolicy>& out) {
    const SourceFile& source = sources_.file(file);
    std::optional<policy::DescribedPolicy> described = policy::readDescribePolicy(source.text(), file);
    if (!described) {
      read(file, stemOf(path), out);  // a plain document (the reader reports bad JSON)
      return;
    }
    const std::string name = described->name.value_or(stemOf(path));
    if (described->type && *described->type != policy::kServiceControlPolicyType) {
      Diagnostic& d = sink_.report(DiagCode::RP0020, described->typeSpan,
                                   fmt::format("policy `{}` is a {}, not an SCP", name, *described->type));
      d.notes.push_back("`rootpol test` and `rootpol explain` decide service control policies only");
      return;
    }
    if (!described->content) {
      Diagnostic& d = sink_.report(DiagCode::RP4006, described->contentSpan,
                                   described->hasContent ? "`Policy.Content` is not a string"
                                                         : "the describe-policy answer has no `Policy.Content`");
      d.help = "`Content` holds the policy document as a JSON string, as `aws organizations describe-policy` prints it";
      return;
    }
    FileId inner = sources_.add(fmt::format("{} (Policy.Content)", source.path()), *described->content);
    read(inner, name, out);
  }

 private:
  void read(FileId file, std::string name, std::vector<JsonPolicy>& out) {
    DiagnosticSink scratch;
    std::optional<lint::LintDocument> doc =
        lint::readPolicyFile(sources_.file(file), catalog::Catalog::builtin(), scratch, ".json");
    bool errors = false;
    for (const Diagnostic& d : scratch.sorted()) {
      if (!structural(d.code)) continue;
      if (d.code == DiagCode::RP4004 && doc && doc->kind != lint::LintDocument::Kind::Scp) continue;
      sink_.report(d.code, d.span, d.message) = d;
      errors = errors || d.severity == Severity::Error;
    }
    if (!doc) return;
    if (doc->kind != lint::LintDocument::Kind::Scp) {
      auto withPrincipal = std::find_if(doc->statements.begin(), doc->statements.end(),
                                        [](const lint::LintStatement& s) { return s.principal.has_value(); });
      Span at = withPrincipal != doc->statements.end() ? *withPrincipal->principal
                                                       : Span{file, doc->span.begin, doc->span.begin + 1};
      Diagnostic& d = sink_.report(
          DiagCode::RP0020, at,
          fmt::format("policy `{}` is {}, not an SCP", name,
                      doc->kind == lint::LintDocument::Kind::Rcp ? "a resource control policy (RCP)"
                                                                 : "a resource or identity policy"));
      d.notes.push_back("its statements name a `Principal`: SCPs never do");
      d.notes.push_back("`rootpol test` and `rootpol explain` decide service control policies only");
      return;
    }
    if (errors) return;
    JsonPolicy policy{std::move(name), doc->span, {}};
    for (const lint::LintStatement& s : doc->statements) policy.document.statements.push_back(toStatement(s));
    out.push_back(std::move(policy));
  }

  SourceManager& sources_;
  DiagnosticSink& sink_;
};

}  // namespace

bool isJsonPolicyPath(std::string_view path) {
  return path.size() > 5 && equalsIgnoreCase(path.substr(path.size() - 5), ".json");
}

bool loadJsonPolicies(const std::vector<std::string>& paths, SourceManager& sources, DiagnosticSink& sink,
                      std::vector<JsonPolicy>& out, std::string& error) {
  Loader loader(sources, sink);
  for (const std::string& path : paths) {
    input::ReadResult read = input::readFile(path);
    if (!read.text) {
      error = input::describe(read.problem, path, read.detail);
      return false;
    }
    FileId file = sources.add(path, std::move(*read.text));
    loader.load(path, file, out);
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
