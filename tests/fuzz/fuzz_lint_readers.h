// Shared by the lint reader fuzz targets (fuzz_json_reader.cpp, fuzz_yaml_reader.cpp): runs
// one input through a reader and the policy reader on top of it, then renders every
// diagnostic, so that spans are read against the text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/render.h"
#include "catalog/catalog.h"
#include "lint/json_policy.h"
#include "policy/json_reader.h"

namespace rootpol::fuzz {

// Every span in the tree lies inside the text, and children inside their parent.
inline void checkSpans(const policy::json::Node& node, std::size_t size) {
  if (node.span.begin > node.span.end || node.span.end > size) std::abort();
  for (const policy::json::Node& item : node.items) checkSpans(item, size);
  for (const policy::json::Member& member : node.members) {
    if (member.keySpan.begin > member.keySpan.end || member.keySpan.end > size) std::abort();
    checkSpans(member.value, size);
  }
}

// `kind` picks the policy reader: ".json", ".json.tftpl" or ".yaml".
inline void readAsPolicy(const std::string& text, std::string_view kind) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("fuzz" + std::string(kind), text);
  (void)lint::readPolicyFile(sources.file(id), catalog::Catalog::builtin(), sink, kind);
  std::vector<Diagnostic> diagnostics = sink.sorted();
  for (const Diagnostic& d : diagnostics) (void)renderHuman(sources, d, {});
  (void)renderJson(sources, diagnostics);
}

}  // namespace rootpol::fuzz
