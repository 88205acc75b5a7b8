// The top level of a policy document: one object with `Version`, `Statement` and an optional
// `Id`; what follows it; and the kind of policy its statements make.
#include "policy/read_document.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/threads.h"
#include "policy/read_context.h"

namespace rootpol::policy {
namespace {

using detail::firstByte;
using detail::Reader;
using json::Kind;
using json::kindName;
using json::Member;
using json::Node;

Span byteAt(const Reader& r, std::uint32_t offset) {
  std::uint32_t end = offset < r.text.size() ? offset + 1 : offset;
  return Span{r.file, offset, end};
}

void reportSyntaxError(const json::ParseError& error, Reader& r) {
  Diagnostic& d = r.error(DiagCode::RP4001, byteAt(r, error.offset), error.message);
  std::string_view at = r.text.substr(std::min<std::size_t>(error.offset, r.text.size()));
  if (at.starts_with("${") || at.starts_with("%{")) {
    d.help = "a template sequence: lint the rendered policy, or name the file `.json.tftpl`";
  } else if (!error.help.empty()) {
    d.help = error.help;
  }
}

// What follows the document: a second policy object (AWS: "more than one policy object") or
// garbage. Either way the first document is still read.
void reportTrailing(const Node& first, std::uint32_t offset, Reader& r) {
  json::ParseResult next = json::parse(r.text, r.file, offset);
  if (!next.value) {
    json::ParseError error = *next.error;
    if (error.offset == offset) {
      error.message = "unexpected text after the end of the policy; expected the end of the file";
    }
    reportSyntaxError(error, r);
    return;
  }
  Diagnostic& d = r.error(DiagCode::RP4002, next.value->span, "a second JSON value after the policy");
  d.labels.push_back(
      Label{Span{first.span.file, first.span.end - 1, first.span.end}, "the policy ends here"});
  d.help = "a policy is one JSON object: merge the statements into one `Statement` array";
}

}  // namespace

bool looksDeclarative(const Node& root) {
  std::vector<std::pair<const Node*, int>> stack{{&root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    for (const Member& m : node->members) {
      if (m.key.starts_with("@@")) return true;
      if (depth < 4 && m.value.kind == Kind::Object) stack.push_back({&m.value, depth + 1});
    }
  }
  return false;
}

namespace {

void readTopLevel(const Node& root, Reader& r, Document& doc) {
  static const std::vector<std::string> kKnown = {"Version", "Id", "Statement"};
  doc.version.clear();  // absent unless written: IAM reads that as 2008-10-17
  for (const Member& m : root.members) {
    if (m.key == "Statement") continue;
    if (m.key == "Version") {
      doc.version = m.value.text;  // checked by lint (RP4003)
      continue;
    }
    if (m.key == "Id") {
      if (m.value.kind != Kind::String) {
        r.error(DiagCode::RP4006, m.value.span,
                fmt::format("`Id` is {}, not a string", kindName(m.value.kind)));
      } else {
        doc.id = m.value.text;
      }
      continue;
    }
    Diagnostic& d =
        r.error(DiagCode::RP4005, m.keySpan, fmt::format("unknown policy element `{}`", m.key));
    if (auto best = r.suggest(m.key, kKnown)) {
      d.help = fmt::format("did you mean `{}`?", *best);
    } else {
      d.help = "a policy has `Version`, `Statement` and optionally `Id`";
    }
  }
}

// The statement objects of `Statement` (an array of objects, or one object, which lint notes).
std::vector<const Node*> statementObjects(const Node& value, Reader& r) {
  std::vector<const Node*> out;
  if (value.kind == Kind::Object) return {&value};
  if (value.kind != Kind::Array) {
    r.error(DiagCode::RP4006, value.span,
            fmt::format("`Statement` is {}, not an array of statements", kindName(value.kind)));
    return out;
  }
  if (value.items.empty()) {
    r.error(DiagCode::RP4017, value.span, "`Statement` is empty").help =
        "a policy needs at least one statement";
  }
  for (const Node& item : value.items) {
    if (item.kind == Kind::Object) {
      out.push_back(&item);
    } else {
      r.error(DiagCode::RP4006, item.span,
              fmt::format("a statement is {}, not an object", kindName(item.kind)));
    }
  }
  return out;
}

// `objects` read into `read` (one fresh ReadStatement each) in runs on several threads, each run
// with a Reader, options and sink of its own (ReadInParallel); the runs' diagnostics are then
// appended to `r`'s sink in statement order.
void readInRuns(const std::vector<const Node*>& objects, const ReadInParallel& parallel, Reader& r,
                std::vector<detail::ReadStatement>& read) {
  const std::size_t runs = parallel.threads;
  std::vector<DiagnosticSink> sinks(runs);
  std::vector<ReadOptions> options;
  options.reserve(runs);
  for (std::size_t run = 0; run < runs; ++run) options.push_back(parallel.optionsFor(run, sinks[run]));
  std::vector<Reader> readers;
  readers.reserve(runs);
  for (std::size_t run = 0; run < runs; ++run) readers.push_back(Reader{r.text, r.file, sinks[run], options[run]});
  WorkQueue queue(runs);
  runOnThreads(parallel.threads, [&] {
    for (std::size_t run = 0; queue.next(run);) {
      const std::size_t end = objects.size() * (run + 1) / runs;
      for (std::size_t i = objects.size() * run / runs; i < end; ++i) detail::readStatement(*objects[i], readers[run], read[i]);
    }
  });
  for (std::size_t run = 0; run < runs; ++run) {
    r.failed = r.failed || readers[run].failed;
    r.sink.append(std::move(sinks[run]));
  }
}

void readStatements(const Node& statement, Reader& r, ReadResult& out) {
  std::vector<const Node*> objects = statementObjects(statement, r);
  // Each statement is read where the document keeps it; the few that are not usable leave it
  // afterwards.
  std::vector<Statement>& statements = out.document->statements;
  statements.resize(objects.size());
  std::vector<detail::ReadStatement> read(objects.size());
  for (std::size_t i = 0; i < objects.size(); ++i) read[i].statement = &statements[i];
  out.facts.reserve(objects.size());
  const ReadInParallel* parallel = r.options.parallel;
  if (parallel != nullptr && parallel->threads > 1 && objects.size() >= parallel->minStatements) {
    readInRuns(objects, *parallel, r, read);
  } else {
    for (std::size_t i = 0; i < objects.size(); ++i) detail::readStatement(*objects[i], r, read[i]);
  }
  for (const detail::ReadStatement& s : read) out.facts.push_back(s.facts);
  out.kind = r.options.kind ? *r.options.kind : classify(out.facts);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < read.size(); ++i) {
    const detail::ReadStatement& s = read[i];
    if (out.kind == PolicyKind::Scp && s.principalKey) {
      r.failed = true;
      reportPrincipalInScp(*s.principalKey, s.principalName, r.sink);
    }
    if (!s.usable) continue;
    if (kept != i) statements[kept] = std::move(statements[i]);
    ++kept;
  }
  statements.erase(statements.begin() + static_cast<std::ptrdiff_t>(kept), statements.end());
}

void readRoot(const Node& root, Reader& r, ReadResult& out) {
  if (root.kind != Kind::Object) {
    r.error(DiagCode::RP4006, root.span,
            fmt::format("the policy is {}, not an object", kindName(root.kind)));
    return;
  }
  out.document.emplace();
  Document& doc = *out.document;
  doc.span = root.span;
  const Member* statement = root.find("Statement");
  if (statement == nullptr && root.find("Version") == nullptr && looksDeclarative(root)) {
    out.kind = PolicyKind::Other;
    out.declarative = true;
    return;
  }
  readTopLevel(root, r, doc);
  if (statement == nullptr) {
    r.error(DiagCode::RP4017, firstByte(root), "the policy has no `Statement`").help =
        "add `\"Statement\": [...]` with at least one statement";
    return;
  }
  readStatements(statement->value, r, out);
}

}  // namespace

ReadResult readPolicy(std::string_view text, FileId file, DiagnosticSink& sink,
                      const ReadOptions& options) {
  return readPolicy(json::parse(text, file), text, file, sink, options);
}

ReadResult readPolicy(const json::ParseResult& parsed, std::string_view text, FileId file,
                      DiagnosticSink& sink, const ReadOptions& options) {
  Reader r{text, file, sink, options};
  ReadResult out;
  if (!parsed.value) {
    reportSyntaxError(*parsed.error, r);
    out.errors = true;
    return out;
  }
  if (parsed.trailing) reportTrailing(*parsed.value, *parsed.trailing, r);
  readRoot(*parsed.value, r, out);
  out.errors = r.failed;
  return out;
}

std::optional<Document> readDocument(std::string_view text, FileId file, DiagnosticSink& sink) {
  ReadResult read = readPolicy(text, file, sink);
  if (read.declarative) {  // nothing to evaluate
    sink.report(DiagCode::RP4017, Span{file, read.document->span.begin, read.document->span.begin + 1},
                "the policy has no `Statement`");
    return std::nullopt;
  }
  if (read.errors) return std::nullopt;
  return std::move(read.document);
}

std::optional<Statement> readStatement(const Node& object, std::string_view text,
                                       DiagnosticSink& sink) {
  ReadOptions none;
  Reader r{text, object.span.file, sink, none};
  if (object.kind != Kind::Object) {
    r.error(DiagCode::RP4006, object.span,
            fmt::format("a statement is {}, not an object", kindName(object.kind)));
    return std::nullopt;
  }
  Statement statement;
  detail::ReadStatement read;
  read.statement = &statement;
  detail::readStatement(object, r, read);
  if (r.failed || !read.usable) return std::nullopt;
  return statement;
}

std::optional<Document> readDocument(std::string_view text, std::string& error) {
  DiagnosticSink sink;
  std::optional<Document> doc = readDocument(text, 1, sink);
  if (doc) return doc;
  const Diagnostic& first = sink.diagnostics().front();
  SourceFile file(1, "", std::string(text));
  LineCol at = file.lineCol(first.span ? first.span->begin : 0);
  error = fmt::format("{}:{}: {}", at.line, at.column, first.message);
  return std::nullopt;
}

}  // namespace rootpol::policy
