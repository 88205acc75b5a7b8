// Policy files by extension, and the top level of a JSON policy: one object with `Version`,
// `Statement` and an optional `Id`.
#include "lint/json_policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <iterator>

#include "base/text.h"
#include "lint/policy_reader.h"
#include "lint/yaml_reader.h"
#include "policy/read_document.h"
#include "sema/suggest.h"

namespace rootpol::lint {
namespace detail {

Span firstByte(const json::Node& node) {
  return Span{node.span.file, node.span.begin, node.span.begin + 1};
}

std::string_view scalarText(const json::Node& node, const ReadContext& ctx) {
  // templateValues is in text order (the blanking pass appends as it goes).
  if (node.kind == json::Kind::String &&
      std::binary_search(ctx.templateValues.begin(), ctx.templateValues.end(), node.span.begin)) {
    return std::string_view(ctx.file.text()).substr(node.span.begin, node.span.end - node.span.begin);
  }
  return node.text;
}

}  // namespace detail

namespace {

using detail::Located;
using detail::ReadContext;

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && equalsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
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

// `"Condition": {}` (RP4031): the model keeps no trace of it.
void reportEmptyConditions(const json::Node& root, ReadContext& ctx) {
  const json::Member* statement = root.find("Statement");
  if (statement == nullptr) return;
  const json::Node& value = statement->value;
  auto check = [&](const json::Node& s) {
    const json::Member* condition = s.kind == json::Kind::Object ? s.find("Condition") : nullptr;
    if (condition == nullptr || condition->value.kind != json::Kind::Object ||
        !condition->value.members.empty())
      return;
    ctx.sink.report(DiagCode::RP4031, condition->keySpan, "an empty `Condition`").help =
        "remove it: a statement without conditions applies to every request it names";
  };
  if (value.kind == json::Kind::Object) check(value);
  for (const json::Node& item : value.items) check(item);
}

// `"Statement": {...}`: one statement, which IAM takes, but no array to add to.
void noteStatementObject(const json::Node& root, ReadContext& ctx) {
  const json::Member* statement = root.find("Statement");
  if (statement == nullptr || statement->value.kind != json::Kind::Object) return;
  Diagnostic& d = ctx.sink.report(DiagCode::RP4007, statement->keySpan,
                                  "`Statement` is one object, not an array");
  d.help = "write `\"Statement\": [{ ... }]` so that statements can be added";
}

// Lint's checks of the elements the hub reader meets, in its reading order.
policy::ReadOptions lintHooks(ReadContext& ctx) {
  policy::ReadOptions options;
  options.suggest = sema::closestMatch;
  options.budget = [&ctx] { return ctx.suggest(); };
  options.text = [&ctx](const json::Node& value) { return detail::scalarText(value, ctx); };
  options.onSid = [&ctx](const json::Node& sid) {
    detail::checkSid(Located{detail::scalarText(sid, ctx), sid.span}, ctx);
  };
  options.onAction = [&ctx](const json::Node& action) {
    detail::checkAction(Located{detail::scalarText(action, ctx), action.span}, ctx);
  };
  options.onOperator = [&ctx](const json::Member& op) {
    detail::reportKeysDifferingInCase(op.value, ctx);
    if (op.value.members.empty()) {
      ctx.sink.report(DiagCode::RP4031, op.keySpan, fmt::format("`{}` has no condition keys", op.key))
          .help = "remove the operator, or give it a key and values";
    }
  };
  options.onConditionKey = [&ctx](const json::Member& op, const json::Member& key) {
    detail::checkConditionKey(Located{op.key, op.keySpan}, Located{key.key, key.keySpan}, ctx);
  };
  options.kind = detail::policyKind(ctx.declared);
  return options;
}

// policy::readPolicy with lint's hooks. A large document's statements are read in runs on
// ctx.threads threads (policy::ReadInParallel), each run with a context of its own: its own
// memos, and a budget of suggestions that makes the run report what one pass would. The first
// run gets what is left of the budget, the others none; when the first leaves some unspent and
// a later run asked for a suggestion, one pass would have given that run help the runs did
// not, and the document is read again in one pass (a file with unknown names: rare, and small).
policy::ReadResult readWithHooks(const json::ParseResult& parsed, ReadContext& ctx) {
  if (ctx.threads < 2) return policy::readPolicy(parsed, ctx.text, ctx.file.id(), ctx.sink, lintHooks(ctx));
  DiagnosticSink sink;  // kept apart until the runs' answers are known to stand
  ReadContext whole{ctx.file, ctx.catalog, sink, ctx.text, ctx.templateValues, ctx.templateFile,
                    ctx.suggestionsLeft};
  whole.declared = ctx.declared;
  // Each context made in place, with braces: it keeps a memory resource, which cannot move.
  std::vector<std::unique_ptr<ReadContext>> runs;
  policy::ReadInParallel parallel;
  parallel.threads = ctx.threads;
  parallel.optionsFor = [&](std::size_t run, DiagnosticSink& runSink) {
    ReadContext& c = *runs.emplace_back(new ReadContext{ctx.file, ctx.catalog, runSink, ctx.text, ctx.templateValues,
                                                        ctx.templateFile, run == 0 ? whole.suggestionsLeft : 0});
    c.declared = ctx.declared;
    return lintHooks(c);
  };
  policy::ReadOptions options = lintHooks(whole);
  options.parallel = &parallel;
  policy::ReadResult read = policy::readPolicy(parsed, ctx.text, ctx.file.id(), sink, options);
  std::size_t left = whole.suggestionsLeft;
  if (!runs.empty()) {
    left = runs.front()->suggestionsLeft;
    bool laterAsked = std::any_of(std::next(runs.begin()), runs.end(),
                                  [](const std::unique_ptr<ReadContext>& c) { return c->suggestionsAsked > 0; });
    if (laterAsked && left > 0) return policy::readPolicy(parsed, ctx.text, ctx.file.id(), ctx.sink, lintHooks(ctx));
  }
  ctx.suggestionsLeft = left;
  ctx.sink.append(std::move(sink));
  return read;
}

// The structure is the hub's (policy::readPolicy, which reports it); lint adds its scans of the
// tree, Version, and its checks of each element through the reader's hooks. `parsed` is JSON, or
// a YAML policy document (`Version:`, `Statement:` as a mapping), read the same way.
std::optional<LintDocument> readTree(const json::ParseResult& parsed, ReadContext& ctx, bool yaml) {
  const json::Node* root = parsed.value ? &*parsed.value : nullptr;
  if (root != nullptr) {
    if (parsed.mayHaveDuplicateKeys) detail::reportDuplicateKeys(*root, ctx.sink);
    // The parser saw every string: most policies have no byte a placeholder starts with.
    if (parsed.mayHoldPlaceholders) detail::reportPlaceholders(*root, ctx);
  }
  bool declarative = root != nullptr && root->kind == json::Kind::Object &&
                     root->find("Statement") == nullptr && root->find("Version") == nullptr &&
                     policy::looksDeclarative(*root);
  bool statements = root != nullptr && root->kind == json::Kind::Object && !declarative;
  if (statements) checkVersion(*root, ctx);
  policy::ReadResult read = readWithHooks(parsed, ctx);
  if (!read.document) return std::nullopt;
  LintDocument doc;
  doc.origin = LintDocument::Origin::Json;
  doc.name = ctx.file.path();
  doc.file = ctx.file.id();
  doc.span = root->span;
  doc.bytesAsWritten = ctx.file.text().size();
  doc.bytesMinified = yaml ? 0 : root->span.end - root->span.begin - parsed.blanks;
  if (declarative) {
    doc.kind = LintDocument::Kind::Other;
    Span at = root->members.front().keySpan;
    ctx.sink.report(DiagCode::RP4015, at, "a declarative (management) policy, not an SCP")
        .notes.push_back("its `@@assign` settings are not IAM statements: nothing here is linted");
    return doc;
  }
  const json::Member* statement = root->find("Statement");
  if (statement == nullptr) return doc;
  noteStatementObject(*root, ctx);
  reportEmptyConditions(*root, ctx);
  doc.policy = std::move(*read.document);
  if (yaml) {
    // What AWS receives is the JSON made from this file: both sizes are that JSON's.
    doc.bytesMinified = policy::jsonSize(doc.policy);
    doc.bytesAsWritten = doc.bytesMinified;
  }
  detail::reportDuplicateSids(doc, ctx);
  doc.kind = detail::lintKind(read.kind);
  doc.declared = ctx.declared;
  if (ctx.declared == DeclaredKind::Auto) {
    if (auto byPath = detail::kindFromPath(read.facts, ctx.file.path())) doc.kind = *byPath;
  }
  if (ctx.declared == DeclaredKind::Auto) detail::reportNotScp(doc, read.facts, statement->keySpan, ctx);
  return doc;
}

// The tree views ctx.text (the file, or its blanked copy), which outlives it: the tree is gone
// when this returns, and the document holds copies.
std::optional<LintDocument> readJson(ReadContext& ctx) {
  constexpr json::Strings kViews = json::Strings::ViewsOfText;
  return readTree(ctx.threads > 1 ? json::parseOnTwoThreads(ctx.text, ctx.file.id(), json::kTwoThreadsFromBytes, kViews)
                                  : json::parse(ctx.text, ctx.file.id(), 0, kViews),
                  ctx, false);
}

}  // namespace

std::optional<LintDocument> readPolicyFile(const SourceFile& file, const catalog::Catalog& catalog,
                                           DiagnosticSink& sink, std::string_view kind,
                                           DeclaredKind declared, unsigned threads) {
  ReadContext ctx{file, catalog, sink, file.text(), {}, false};
  ctx.declared = declared;
  ctx.threads = threads;
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
    // A policy document written in YAML (`Version:` and `Statement:`); anything else is a
    // Terraform statement list, or reported by that reader.
    json::ParseResult parsed = yaml::parse(ctx.text, file.id());
    if (parsed.value && parsed.value->kind == json::Kind::Object &&
        (parsed.value->find("Statement") != nullptr || parsed.value->find("Version") != nullptr))
      return readTree(parsed, ctx, true);
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
