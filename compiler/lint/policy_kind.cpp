// The statements of one document together: duplicate Sids, and what kind of policy it is.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "lint/policy_reader.h"

namespace rootpol::lint::detail {
namespace {

using Kind = LintDocument::Kind;

void reportDuplicateSids(const LintDocument& doc, ReadContext& ctx) {
  std::map<std::string, Span> first;
  for (const LintStatement& st : doc.statements) {
    if (!st.sid || st.sid->text.empty()) continue;
    auto [it, inserted] = first.emplace(st.sid->text, st.sid->span);
    if (inserted) continue;
    Diagnostic& d = ctx.sink.report(DiagCode::RP4010, st.sid->span,
                                    fmt::format("two statements have the Sid `{}`", st.sid->text));
    d.labels.push_back(Label{it->second, "first used here"});
    d.help = "give every statement its own Sid";
  }
}

// The kind, conservatively: a document counts as something other than an SCP only when its
// statements say so plainly, because every SCP check is skipped for it.
//  - Resource-based policies and RCPs must name a principal in every statement, and SCPs may
//    not name one at all: when every statement has `Principal`/`NotPrincipal`, it is an RCP if
//    every statement denies `"Principal": "*"` (or `{"AWS": "*"}`), which is all an RCP may
//    say, and another resource-based policy otherwise. When only some statements name one,
//    the document is an SCP with a mistake in those statements (RP4004).
//  - Identity policies grant: every statement allows, and some name specific resources. SCP
//    allow-lists (FullAWSAccess and the like) allow `"Resource": "*"`, so they stay SCPs.
Kind classify(const std::vector<StatementFacts>& facts) {
  if (facts.empty()) return Kind::Scp;
  auto all = [&](auto pred) { return std::all_of(facts.begin(), facts.end(), pred); };
  auto any = [&](auto pred) { return std::any_of(facts.begin(), facts.end(), pred); };
  if (all([](const StatementFacts& f) { return f.principalKey.has_value(); })) {
    return all([](const StatementFacts& f) { return f.deny && f.anyonePrincipal; }) ? Kind::Rcp
                                                                                    : Kind::Other;
  }
  if (any([](const StatementFacts& f) { return f.principalKey.has_value(); })) return Kind::Scp;
  if (all([](const StatementFacts& f) { return f.allow; }) &&
      any([](const StatementFacts& f) { return f.specificResource; })) {
    return Kind::Other;
  }
  return Kind::Scp;
}

void reportKind(Kind kind, const std::vector<StatementFacts>& facts, Span statementKey,
                ReadContext& ctx) {
  bool principals = !facts.empty() && facts.front().principalKey.has_value();
  if (kind == Kind::Scp) {
    for (const StatementFacts& f : facts) {
      if (!f.principalKey) continue;
      const std::string& key = f.principalName;
      Diagnostic& d =
          ctx.sink.report(DiagCode::RP4004, *f.principalKey, fmt::format("`{}` in an SCP", key));
      d.notes.push_back(
          "AWS rejects an SCP that names principals: it applies to every "
          "principal of the accounts it is attached to");
      d.help = fmt::format(
          "remove `{}`; to exempt principals, use a condition on "
          "`aws:PrincipalArn`",
          key);
    }
    return;
  }
  std::string what = kind == Kind::Rcp ? "a resource control policy (RCP)"
                     : principals      ? "a resource-based policy"
                                       : "an identity policy";
  Diagnostic& d =
      ctx.sink.report(DiagCode::RP4015, statementKey, fmt::format("{}, not an SCP", what));
  d.notes.push_back(principals ? "every statement names a principal, which an SCP cannot"
                               : "every statement allows, and some on specific resources, as "
                                 "identity policies do");
  d.notes.push_back("only the checks that apply to it run");
}

}  // namespace

void readStatements(const std::vector<const json::Node*>& statements, const StatementShape& shape,
                    Span statementKey, LintDocument& doc, ReadContext& ctx) {
  std::vector<StatementFacts> facts;
  for (const json::Node* object : statements) {
    ReadStatement read = readStatement(*object, shape, ctx);
    facts.push_back(read.facts);
    if (read.usable) doc.statements.push_back(std::move(read.statement));
  }
  reportDuplicateSids(doc, ctx);
  doc.kind = classify(facts);
  reportKind(doc.kind, facts, statementKey, ctx);
}

}  // namespace rootpol::lint::detail
