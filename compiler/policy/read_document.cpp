#include "policy/read_document.h"

#include <fmt/format.h>

namespace rootpol::policy {
namespace {

using json::Kind;
using json::Member;
using json::Node;

std::string_view kindName(Kind kind) {
  switch (kind) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return "a boolean";
    case Kind::Number:
      return "a number";
    case Kind::String:
      return "a string";
    case Kind::Array:
      return "an array";
    case Kind::Object:
      return "an object";
  }
  return "a value";
}

// The items of an array, or the value itself (IAM's "one value or a list").
std::vector<const Node*> elements(const Node& value) {
  std::vector<const Node*> out;
  if (value.kind != Kind::Array) return {&value};
  for (const Node& item : value.items) out.push_back(&item);
  return out;
}

Span firstByte(const Node& node) {
  return Span{node.span.file, node.span.begin, node.span.begin + 1};
}

// Counts the errors this reader reports, whatever the sink held before.
struct Reader {
  std::string_view text;
  DiagnosticSink& sink;
  bool failed = false;

  Diagnostic& error(DiagCode code, Span at, std::string message) {
    failed = true;
    return sink.report(code, at, std::move(message));
  }
};

// A string or a non-empty array of strings.
bool readStrings(const Member& m, Reader& r, std::vector<std::string>& out,
                 std::vector<Span>& spans) {
  const Node& v = m.value;
  std::vector<const Node*> items = elements(v);
  if (v.kind != Kind::String && (v.kind != Kind::Array || v.items.empty())) {
    r.error(DiagCode::RP4006, v.span,
            v.kind == Kind::Array ? fmt::format("`{}` is an empty array", m.key)
                                  : fmt::format("`{}` is {}, not a string or an array of strings",
                                                m.key, kindName(v.kind)));
    return false;
  }
  for (const Node* item : items) {
    if (item->kind != Kind::String) {
      r.error(DiagCode::RP4006, item->span,
              fmt::format("a value of `{}` is {}, not a string", m.key, kindName(item->kind)));
      return false;
    }
    out.push_back(item->text);
    spans.push_back(item->span);
  }
  return true;
}

void addValue(const Node& v, ConditionEntry& entry) {
  entry.values.push_back(v.text);
  entry.valueSpans.push_back(v.span);
  entry.written.push_back(v.kind == Kind::String ? Written::String : Written::Literal);
}

void readEntry(const Member& opMember, const Member& keyMember, Reader& r, Statement& s) {
  ConditionEntry entry(opMember.key, keyMember.key, {});
  entry.span = cover(keyMember.keySpan, keyMember.value.span);
  entry.opSpan = opMember.keySpan;
  entry.keySpan = keyMember.keySpan;
  const Node& values = keyMember.value;
  if (values.kind == Kind::Object) {
    r.error(DiagCode::RP4006, values.span,
            fmt::format("a value of `{}` is an object, not a string, number or boolean",
                        keyMember.key));
    return;
  }
  for (const Node* v : elements(values)) {
    if (!v->isScalar() || v->kind == Kind::Null) {
      r.error(DiagCode::RP4006, v->span,
              fmt::format("a value of `{}` is {}, not a string, number or boolean", keyMember.key,
                          kindName(v->kind)));
      return;
    }
    addValue(*v, entry);
  }
  s.conditions.push_back(std::move(entry));
}

void readCondition(const Member& m, Reader& r, Statement& s) {
  if (m.value.kind != Kind::Object) {
    r.error(DiagCode::RP4006, m.value.span,
            fmt::format("`Condition` is {}, not an object of condition operators",
                        kindName(m.value.kind)));
    return;
  }
  for (const Member& op : m.value.members) {
    if (!parseOperator(op.key)) {
      r.error(DiagCode::RP4012, op.keySpan, fmt::format("unknown condition operator `{}`", op.key));
    }
    if (op.value.kind != Kind::Object) {
      r.error(DiagCode::RP4006, op.value.span,
              fmt::format("the value of `{}` is {}, not an object of condition keys", op.key,
                          kindName(op.value.kind)));
      continue;
    }
    for (const Member& key : op.value.members) readEntry(op, key, r, s);
  }
}

void readEffect(const Member& m, Reader& r, Statement& s) {
  s.effectSpan = m.value.span;
  if (m.value.kind == Kind::String && (m.value.text == "Deny" || m.value.text == "Allow")) {
    s.deny = m.value.text == "Deny";
    return;
  }
  if (m.value.kind != Kind::String) {
    r.error(DiagCode::RP4006, m.value.span,
            fmt::format("`Effect` is {}, not a string", kindName(m.value.kind)));
  } else {
    r.error(DiagCode::RP4011, m.value.span, fmt::format("`{}` is not an effect", m.value.text))
        .help = "the effect is `Allow` or `Deny`";
  }
}

// One element; `seen` collects the names met, for the checks that need all of them.
void readElement(const Member& m, Reader& r, Statement& s, std::vector<const Member*>& pairs) {
  if (m.key == "Sid") {
    if (m.value.kind != Kind::String) {
      r.error(DiagCode::RP4006, m.value.span,
              fmt::format("`Sid` is {}, not a string", kindName(m.value.kind)));
    }
    s.sid = m.value.text;
    s.sidSpan = m.value.span;
  } else if (m.key == "Effect") {
    readEffect(m, r, s);
  } else if (m.key == "Principal" || m.key == "NotPrincipal") {
    s.principal =
        Principal{m.key == "NotPrincipal",
                  json::minified(r.text, m.value.span.begin, m.value.span.end), m.keySpan};
    pairs.push_back(&m);
  } else if (m.key == "Action" || m.key == "NotAction") {
    s.notAction = m.key == "NotAction";
    s.actionSpan = m.keySpan;
    readStrings(m, r, s.actions, s.actionSpans);
    pairs.push_back(&m);
  } else if (m.key == "Resource" || m.key == "NotResource") {
    s.notResource = m.key == "NotResource";
    s.resourceSpan = m.keySpan;
    readStrings(m, r, s.resources, s.resourceSpans);
    pairs.push_back(&m);
  } else if (m.key == "Condition") {
    readCondition(m, r, s);
  } else {
    r.error(DiagCode::RP4005, m.keySpan, fmt::format("unknown statement element `{}`", m.key));
  }
}

std::string_view withoutNot(std::string_view key) {
  return key.starts_with("Not") ? key.substr(3) : key;
}

// `Action` and `NotAction` (or `Resource` and `NotResource`, `Principal` and `NotPrincipal`).
void checkPairs(const std::vector<const Member*>& pairs, Reader& r) {
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      std::string_view a = pairs[j]->key, b = pairs[i]->key;
      if (withoutNot(a) == withoutNot(b)) {
        r.error(DiagCode::RP4006, pairs[i]->keySpan,
                fmt::format("a statement has `{}` or `{}`, not both", a, b));
      }
    }
  }
}

std::optional<Statement> statementOf(const Node& object, Reader& r) {
  if (object.kind != Kind::Object) {
    r.error(DiagCode::RP4006, object.span,
            fmt::format("a statement is {}, not an object", kindName(object.kind)));
    return std::nullopt;
  }
  Statement s;
  s.origin = object.span;
  s.deny = false;
  bool effect = false;
  bool action = false;
  std::vector<const Member*> pairs;
  std::vector<bool> counts = json::lastOfTheirKey(object);  // a key given twice: the last counts
  for (std::size_t i = 0; i < object.members.size(); ++i) {
    const Member& m = object.members[i];
    if (!counts[i]) continue;
    effect = effect || m.key == "Effect";
    action = action || m.key == "Action" || m.key == "NotAction";
    readElement(m, r, s, pairs);
  }
  checkPairs(pairs, r);
  if (!effect) r.error(DiagCode::RP4017, firstByte(object), "the statement has no `Effect`");
  if (!action)
    r.error(DiagCode::RP4017, firstByte(object),
            "the statement has neither `Action` nor `NotAction`");
  return s;
}

void readTopLevel(const Node& root, Reader& r, Document& doc) {
  for (const Member& m : root.members) {
    if (m.key == "Version") {
      if (m.value.kind != Kind::String ||
          (m.value.text != "2012-10-17" && m.value.text != "2008-10-17")) {
        r.error(DiagCode::RP4003, m.value.span,
                "`Version` is not \"2012-10-17\" or \"2008-10-17\"");
      }
      doc.version = m.value.text;
    } else if (m.key == "Id") {
      if (m.value.kind != Kind::String) {
        r.error(DiagCode::RP4006, m.value.span,
                fmt::format("`Id` is {}, not a string", kindName(m.value.kind)));
      }
      doc.id = m.value.text;
    } else if (m.key != "Statement") {
      r.error(DiagCode::RP4005, m.keySpan, fmt::format("unknown policy element `{}`", m.key));
    }
  }
}

}  // namespace

std::optional<Statement> readStatement(const Node& object, std::string_view text,
                                       DiagnosticSink& sink) {
  Reader r{text, sink};
  std::optional<Statement> s = statementOf(object, r);
  if (r.failed) return std::nullopt;
  return s;
}

std::optional<Document> readDocument(const Node& root, std::string_view text,
                                     DiagnosticSink& sink) {
  Reader r{text, sink};
  if (root.kind != Kind::Object) {
    r.error(DiagCode::RP4006, root.span,
            fmt::format("the policy is {}, not an object", kindName(root.kind)));
    return std::nullopt;
  }
  Document doc;
  doc.span = root.span;
  readTopLevel(root, r, doc);
  const Member* statement = root.find("Statement");
  if (statement == nullptr) {
    r.error(DiagCode::RP4017, firstByte(root), "the policy has no `Statement`");
    return std::nullopt;
  }
  for (const Node* item : elements(statement->value)) {
    if (auto s = statementOf(*item, r)) doc.statements.push_back(std::move(*s));
  }
  if (r.failed) return std::nullopt;
  return doc;
}

std::optional<Document> readDocument(std::string_view text, FileId file, DiagnosticSink& sink) {
  json::ParseResult parsed = json::parse(text, file);
  if (!parsed.value) {
    sink.report(DiagCode::RP4001, Span{file, parsed.error->offset, parsed.error->offset},
                parsed.error->message);
    return std::nullopt;
  }
  if (parsed.trailing) {
    sink.report(DiagCode::RP4002, Span{file, *parsed.trailing, *parsed.trailing + 1},
                "a second JSON value after the policy");
    return std::nullopt;
  }
  return readDocument(*parsed.value, text, sink);
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
