// `--diagnostic-format json`. Written directly rather than built as an nlohmann tree: a lint of
// 100,000 statements can report as many findings, and the tree cost more than the checks.
// The bytes are those of nlohmann's dump(2) (ensure_ascii off, invalid UTF-8 replaced), which
// the goldens hold.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/render.h"

namespace rootpol {
namespace {

// Printable ASCII without `"` or `\`: written between quotes as it is.
bool plainText(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void string(std::string_view text) {
    if (plainText(text)) {
      out_ += '"';
      out_ += text;
      out_ += '"';
      return;
    }
    // Escapes, non-ASCII and invalid UTF-8 (file names come from the file system): the
    // library's own escaping, so that nothing differs from what it writes.
    out_ += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  void number(std::uint32_t n) { fmt::format_to(std::back_inserter(out_), "{}", n); }

  // `"key": ` on a new line of the current object (after a comma unless it is the first).
  void key(std::string_view name) {
    item();
    string(name);
    out_ += ": ";
  }
  // A new line for the next element of the current array or object.
  void item() {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '\n';
    out_.append(2 * depth_, ' ');
  }
  void open(char bracket) {
    out_ += bracket;
    ++depth_;
    first_ = true;
  }
  void close(char bracket) {
    --depth_;
    if (!first_) {  // an empty container stays `[]` / `{}`
      out_ += '\n';
      out_.append(2 * depth_, ' ');
    }
    out_ += bracket;
    first_ = false;
  }

 private:
  std::string& out_;
  std::size_t depth_ = 0;
  bool first_ = true;
};

// An unknown file gives `null`, as a default-constructed JSON value would.
void location(Writer& w, std::string& out, const SourceManager& sources, Span span) {
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

void diagnostic(Writer& w, std::string& out, const SourceManager& sources, const Diagnostic& d) {
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
  Writer w(out);
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
