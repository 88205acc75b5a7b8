// `--diagnostic-format json`. Written directly rather than built as an nlohmann tree: a lint of
// 100,000 statements can report as many findings, and the tree cost more than the checks.
// The bytes are those of nlohmann's dump(2) (ensure_ascii off, invalid UTF-8 replaced), which
// the goldens hold.
#include "base/json_writer.h"
#include "base/render.h"

namespace rootpol {
namespace {

// An unknown file gives `null`, as a default-constructed JSON value would.
void location(JsonWriter& w, std::string& out, const SourceManager& sources, Span span) {
  if (!sources.has(span.file)) {
    out += "null";
    return;
  }
  const SourceFile& file = sources.file(span.file);
  LineCol start = file.lineCol(span.begin);
  LineCol end = file.lineCol(span.end);
  w.open('{');
  w.key("file");
  w.string(file.path());
  w.key("line");
  w.number(start.line);
  w.key("column");
  w.number(start.column);
  w.key("endLine");
  w.number(end.line);
  w.key("endColumn");
  w.number(end.column);
  w.close('}');
}

void diagnostic(JsonWriter& w, std::string& out, const SourceManager& sources, const Diagnostic& d) {
  w.open('{');
  w.key("code");
  w.string(diagInfo(d.code).code);
  w.key("severity");
  w.string(severityName(d.severity));
  w.key("message");
  w.string(d.message);
  if (d.span) {
    w.key("location");
    location(w, out, sources, *d.span);
  }
  if (!d.labels.empty()) {
    w.key("labels");
    w.open('[');
    for (const Label& label : d.labels) {
      w.item();
      w.open('{');
      w.key("message");
      w.string(label.message);
      w.key("location");
      location(w, out, sources, label.span);
      w.close('}');
    }
    w.close(']');
  }
  if (!d.notes.empty()) {
    w.key("notes");
    w.open('[');
    for (const std::string& note : d.notes) {
      w.item();
      w.string(note);
    }
    w.close(']');
  }
  if (d.help) {
    w.key("help");
    w.string(*d.help);
  }
  w.close('}');
}

}  // namespace

std::string renderJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  out.reserve(512 * diagnostics.size() + 8);
  JsonWriter w(out);
  w.open('[');
  for (const Diagnostic& d : diagnostics) {
    w.item();
    diagnostic(w, out, sources, d);
  }
  w.close(']');
  out += '\n';
  return out;
}

}  // namespace rootpol
