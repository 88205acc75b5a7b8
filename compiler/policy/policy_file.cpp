#include "policy/policy_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "base/text.h"
#include "policy/describe_policy.h"

namespace rootpol::policy {

std::string policyFileStem(std::string_view path) {
  std::string name = std::filesystem::path(path).filename().string();
  if (name.size() > 5 && equalsIgnoreCase(std::string_view(name).substr(name.size() - 5), ".json"))
    name.resize(name.size() - 5);
  return name;
}

namespace {

void readContent(FileId file, const SourceManager& sources, DiagnosticSink& sink,
                 const ReadOptions& options, PolicyFile& out) {
  out.file = file;
  ReadResult read = readPolicy(sources.file(file).text(), file, sink, options);
  out.document = std::move(read.document);
  out.kind = read.kind;
  out.errors = out.errors || read.errors;
}

}  // namespace

PolicyFile readPolicyFile(FileId file, SourceManager& sources, DiagnosticSink& sink,
                          const PolicyFileOptions& options) {
  const SourceFile& source = sources.file(file);
  PolicyFile out;
  out.name = policyFileStem(source.path());
  std::optional<DescribedPolicy> described = readDescribePolicy(source.text(), file);
  if (!described) {
    readContent(file, sources, sink, options.read, out);  // a plain document (or bad JSON)
    return out;
  }
  out.describedName = described->name;
  if (described->name) out.name = *described->name;
  out.type = described->type;
  out.typeSpan = described->typeSpan;
  if (out.type && std::find(options.readTypes.begin(), options.readTypes.end(), *out.type) ==
                      options.readTypes.end()) {
    return out;
  }
  if (!described->content) {
    sink.report(DiagCode::RP4006, described->contentSpan,
                described->hasContent ? "`Policy.Content` is not a string"
                                      : "the describe-policy answer has no `Policy.Content`")
        .help = "`Content` holds the policy document as a JSON string, as `aws organizations describe-policy` prints it";
    out.errors = true;
    return out;
  }
  std::string path = source.path();  // `sources.add` may move the file table
  FileId inner = sources.add(fmt::format("{} (Policy.Content)", path), *described->content);
  readContent(inner, sources, sink, options.read, out);
  return out;
}

}  // namespace rootpol::policy
