// Policy files by extension, and the top level of a JSON policy: one object with `Version`,
// `Statement` and an optional `Id`.
#include "lint/json_policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "base/text.h"
#include "lint/policy_reader.h"
#include "sema/suggest.h"

namespace rootpol::lint {
namespace detail {

Span firstByte(const json::Node& node) {
  return Span{node.span.file, node.span.begin, node.span.begin + 1};
}

std::string scalarText(const json::Node& node, const ReadContext& ctx) {
  // templateValues is in text order (the blanking pass appends as it goes).
  if (node.kind == json::Kind::String &&
      std::binary_search(ctx.templateValues.begin(), ctx.templateValues.end(), node.span.begin)) {
    return ctx.file.text().substr(node.span.begin, node.span.end - node.span.begin);
  }
  return node.text;
}

}  // namespace detail

namespace {

using detail::ReadContext;

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && equalsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

Span byteAt(const ReadContext& ctx, std::uint32_t offset) {
  std::uint32_t end = offset < ctx.text.size() ? offset + 1 : offset;
  return Span{ctx.file.id(), offset, end};
}

void reportSyntaxError(const json::ParseError& error, ReadContext& ctx) {
  Diagnostic& d = ctx.sink.report(DiagCode::RP4001, byteAt(ctx, error.offset), error.message);
  std::string_view at = ctx.text.substr(std::min<std::size_t>(error.offset, ctx.text.size()));
  if (at.starts_with("${") || at.starts_with("%{")) {
    d.help = "a template sequence: lint the rendered policy, or name the file `.json.tftpl`";
  } else if (!error.help.empty()) {
    d.help = error.help;
  }
}

// What follows the document: a second policy object (AWS: "more than one policy object") or
// garbage. Either way the first document is still read.
void reportTrailing(const json::Node& first, std::uint32_t offset, ReadContext& ctx) {
  json::ParseResult next = json::parse(ctx.text, ctx.file.id(), offset);
  if (!next.value) {
    json::ParseError error = *next.error;
    if (error.offset == offset) {
      error.message = "unexpected text after the end of the policy; expected the end of the file";
    }
    reportSyntaxError(error, ctx);
    return;
  }
  Diagnostic& d =
      ctx.sink.report(DiagCode::RP4002, next.value->span, "a second JSON value after the policy");
  d.labels.push_back(
      Label{Span{first.span.file, first.span.end - 1, first.span.end}, "the policy ends here"});
  d.help = "a policy is one JSON object: merge the statements into one `Statement` array";
}

// Declarative, tag and backup policies: Organizations policies whose values are `@@assign`
// operators, not IAM statements.
bool looksDeclarative(const json::Node& root) {
  std::vector<std::pair<const json::Node*, int>> stack{{&root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    for (const json::Member& m : node->members) {
      if (m.key.starts_with("@@")) return true;
      if (depth < 4 && m.value.kind == json::Kind::Object) stack.push_back({&m.value, depth + 1});
    }
  }
  return false;
}

void checkVersion(const json::Node& root, ReadContext& ctx) {
  const json::Member* version = root.find("Version");
  if (version == nullptr) {
    Diagnostic& d =
        ctx.sink.report(DiagCode::RP4003, detail::firstByte(root), "the policy has no `Version`");
    d.help =
        "add `\"Version\": \"2012-10-17\"`: without it AWS uses 2008-10-17, where policy "
        "variables such as `${aws:username}` are plain text";
    return;
  }
  const json::Node& value = version->value;
  if (value.kind == json::Kind::String && value.text == "2012-10-17") return;
  std::string message = value.kind != json::Kind::String
                            ? fmt::format("`Version` is {}, not the string \"2012-10-17\"",
                                          detail::kindName(value.kind))
                        : value.text == "2008-10-17"
                            ? std::string("`Version` 2008-10-17 is the old policy language")
                            : fmt::format("`{}` is not a policy language version", value.text);
  Diagnostic& d = ctx.sink.report(DiagCode::RP4003, value.span, message);
  d.help = "write `\"Version\": \"2012-10-17\"`";
  if (value.text == "2008-10-17") {
    d.notes.push_back("under 2008-10-17 policy variables are plain text");
  }
}

void checkTopLevelKeys(const json::Node& root, ReadContext& ctx) {
  static const std::vector<std::string> kKnown = {"Version", "Id", "Statement"};
  for (const json::Member& m : root.members) {
    if (m.key == "Version" || m.key == "Statement") continue;
    if (m.key == "Id") {
      if (m.value.kind != json::Kind::String) {
        ctx.sink.report(DiagCode::RP4006, m.value.span,
                        fmt::format("`Id` is {}, not a string", detail::kindName(m.value.kind)));
      }
      continue;
    }
    Diagnostic& d = ctx.sink.report(DiagCode::RP4005, m.keySpan,
                                    fmt::format("unknown policy element `{}`", m.key));
    if (auto best = sema::closestMatch(m.key, kKnown)) {
      d.help = fmt::format("did you mean `{}`?", *best);
    } else {
      d.help = "a policy has `Version`, `Statement` and optionally `Id`";
    }
  }
}

// The statement objects of `Statement` (an array of objects, or one object).
std::vector<const json::Node*> statementObjects(const json::Member& member, ReadContext& ctx) {
  const json::Node& value = member.value;
  std::vector<const json::Node*> out;
  if (value.kind == json::Kind::Object) {
    Diagnostic& d = ctx.sink.report(DiagCode::RP4007, member.keySpan,
                                    "`Statement` is one object, not an array");
    d.help = "write `\"Statement\": [{ ... }]` so that statements can be added";
    out.push_back(&value);
  } else if (value.kind != json::Kind::Array) {
    ctx.sink.report(
        DiagCode::RP4006, value.span,
        fmt::format("`Statement` is {}, not an array of statements", detail::kindName(value.kind)));
  } else if (value.items.empty()) {
    ctx.sink.report(DiagCode::RP4017, value.span, "`Statement` is empty").help =
        "a policy needs at least one statement";
  }
  if (value.kind != json::Kind::Array) return out;
  for (const json::Node& item : value.items) {
    if (item.kind == json::Kind::Object) {
      out.push_back(&item);
    } else {
      ctx.sink.report(DiagCode::RP4006, item.span,
                      fmt::format("a statement is {}, not an object", detail::kindName(item.kind)));
    }
  }
  return out;
}

std::optional<LintDocument> readDocument(const json::Node& root, ReadContext& ctx) {
  if (root.kind != json::Kind::Object) {
    ctx.sink.report(DiagCode::RP4006, root.span,
                    fmt::format("the policy is {}, not an object", detail::kindName(root.kind)));
    return std::nullopt;
  }
  LintDocument doc;
  doc.origin = LintDocument::Origin::Json;
  doc.name = ctx.file.path();
  doc.file = ctx.file.id();
  doc.span = root.span;
  doc.bytesAsWritten = ctx.file.text().size();
  doc.bytesMinified = json::minifiedSize(ctx.text, root.span.begin, root.span.end);
  const json::Member* statement = root.find("Statement");
  if (statement == nullptr && root.find("Version") == nullptr && looksDeclarative(root)) {
    doc.kind = LintDocument::Kind::Other;
    Span at = root.members.front().keySpan;
    ctx.sink.report(DiagCode::RP4015, at, "a declarative (management) policy, not an SCP")
        .notes.push_back("its `@@assign` settings are not IAM statements: nothing here is linted");
    return doc;
  }
  checkVersion(root, ctx);
  checkTopLevelKeys(root, ctx);
  if (statement == nullptr) {
    ctx.sink.report(DiagCode::RP4017, detail::firstByte(root), "the policy has no `Statement`")
        .help = "add `\"Statement\": [...]` with at least one statement";
    return doc;
  }
  detail::readStatements(statementObjects(*statement, ctx), detail::kJsonStatement,
                         statement->keySpan, doc, ctx);
  return doc;
}

std::optional<LintDocument> readJson(ReadContext& ctx) {
  json::ParseResult parsed = json::parse(ctx.text, ctx.file.id());
  if (!parsed.value) {
    reportSyntaxError(*parsed.error, ctx);
    return std::nullopt;
  }
  const json::Node& root = *parsed.value;
  if (parsed.trailing) reportTrailing(root, *parsed.trailing, ctx);
  detail::reportDuplicateKeys(root, ctx.sink);
  detail::reportPlaceholders(root, ctx);
  return readDocument(root, ctx);
}

}  // namespace

std::optional<LintDocument> readPolicyFile(const SourceFile& file, const catalog::Catalog& catalog,
                                           DiagnosticSink& sink, std::string_view kind) {
  ReadContext ctx{file, catalog, sink, file.text(), {}, false};
  const std::string path = kind.empty() ? file.path() : std::string(kind);
  if (endsWith(path, ".json")) return readJson(ctx);
  if (endsWith(path, ".tftpl")) {
    ctx.templateFile = true;
    std::string blanked = detail::blankTemplateSequences(ctx);
    ctx.text = blanked;
    return readJson(ctx);
  }
  if (endsWith(path, ".yaml") || endsWith(path, ".yml")) {
    ctx.templateFile = true;
    return detail::readYamlPolicy(ctx);
  }
  Diagnostic& d = sink.report(DiagCode::RP4016, Span{file.id(), 0, 0},
                              fmt::format("`{}` is not a policy file lint can read", file.path()));
  d.help =
      "lint reads `.rootpol` programs, `.json` policies, `.json.tftpl` templates and "
      "`.yaml` statement lists";
  return std::nullopt;
}

}  // namespace rootpol::lint
