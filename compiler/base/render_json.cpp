#include <nlohmann/json.hpp>

#include "base/render.h"

namespace rootpol {
namespace {

nlohmann::ordered_json location(const SourceManager& sources, Span span) {
  nlohmann::ordered_json loc;
  if (!sources.has(span.file)) return loc;
  const SourceFile& file = sources.file(span.file);
  LineCol start = file.lineCol(span.begin);
  LineCol end = file.lineCol(span.end);
  loc["file"] = file.path();
  loc["line"] = start.line;
  loc["column"] = start.column;
  loc["endLine"] = end.line;
  loc["endColumn"] = end.column;
  return loc;
}

}  // namespace

std::string renderJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::ordered_json j;
    j["code"] = diagInfo(d.code).code;
    j["severity"] = severityName(d.severity);
    j["message"] = d.message;
    if (d.span) j["location"] = location(sources, *d.span);
    nlohmann::ordered_json labels = nlohmann::ordered_json::array();
    for (const Label& label : d.labels) {
      labels.push_back({{"message", label.message}, {"location", location(sources, label.span)}});
    }
    if (!labels.empty()) j["labels"] = labels;
    if (!d.notes.empty()) j["notes"] = d.notes;
    if (d.help) j["help"] = *d.help;
    all.push_back(std::move(j));
  }
  // File names come from the file system and need not be UTF-8: replace, never throw.
  return all.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace rootpol
