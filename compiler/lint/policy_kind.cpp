// The statements of one document together: duplicate Sids, and what kind of policy it is.
#include <fmt/format.h>

#include <algorithm>
#include <memory_resource>
#include <unordered_map>

#include "base/text.h"
#include "lint/policy_reader.h"
#include "policy/policy_kind.h"

namespace rootpol::lint::detail {
namespace {

using Kind = LintDocument::Kind;

}  // namespace

void reportDuplicateSids(const LintDocument& doc, ReadContext& ctx) {
  // Views of the statements' Sids, in nodes from one pool: a document can have thousands, and
  // copying each Sid or allocating each node on its own was most of the cost.
  std::pmr::monotonic_buffer_resource pool;
  std::pmr::unordered_map<std::string_view, Span> first(&pool);
  first.reserve(doc.statements().size());
  for (const policy::Statement& st : doc.statements()) {
    if (st.sid.empty()) continue;
    auto [it, inserted] = first.emplace(st.sid, sidSpanOf(st));
    if (inserted) continue;
    Diagnostic& d = ctx.sink.report(DiagCode::RP4010, sidSpanOf(st),
                                    fmt::format("two statements have the Sid `{}`", st.sid));
    d.labels.push_back(Label{it->second, "first used here"});
    d.help = "give every statement its own Sid";
  }
}

namespace {

// The kind is the hub's (policy/policy_kind.h), from the same facts.
Kind classify(const std::vector<StatementFacts>& facts) {
  std::vector<policy::KindFacts> kinds;
  for (const StatementFacts& f : facts) {
    kinds.push_back({f.principalKey.has_value(), f.anyonePrincipal, f.deny, f.allow, f.specificResource});
  }
  return lintKind(policy::classify(kinds));
}

bool mentions(std::string_view path, std::string_view word) {
  for (std::size_t i = 0; i + word.size() <= path.size(); ++i) {
    if (equalsIgnoreCase(path.substr(i, word.size()), word)) return true;
  }
  return false;
}

void reportOther(Kind kind, bool principals, Span statementKey, ReadContext& ctx) {
  std::string what = kind == Kind::Rcp ? "a resource control policy (RCP)"
                     : principals      ? "a resource-based policy"
                                       : "an identity policy";
  Diagnostic& d =
      ctx.sink.report(DiagCode::RP4015, statementKey, fmt::format("{}, not an SCP", what));
  d.notes.push_back(principals ? "every statement names a principal, which an SCP cannot"
                               : "every statement allows, and some on specific resources, as "
                                 "identity policies do");
  d.notes.push_back("only the checks that apply to it run");
  if (!principals)
    d.help = "an SCP allow-list with specific resources reads the same: declare the kind with "
             "`rootpol lint --kind scp` or `\"kinds\"` in .rootpol-lint.json";
}

void reportKind(Kind kind, const std::vector<StatementFacts>& facts, Span statementKey,
                ReadContext& ctx) {
  if (kind == Kind::Scp || ctx.declared != DeclaredKind::Auto) {
    if (kind != Kind::Scp) return;
    for (const StatementFacts& f : facts) {
      if (f.principalKey) policy::reportPrincipalInScp(*f.principalKey, f.principalName, ctx.sink);
    }
    return;
  }
  reportOther(kind, !facts.empty() && facts.front().principalKey.has_value(), statementKey, ctx);
}

}  // namespace

std::optional<Kind> kindFromPath(const std::vector<policy::KindFacts>& facts, std::string_view path) {
  if (policy::classify(facts) != policy::PolicyKind::Other) return std::nullopt;
  auto all = [&](bool principal) {
    return std::all_of(facts.begin(), facts.end(),
                       [&](const policy::KindFacts& f) { return f.principal == principal; });
  };
  if (all(false) && mentions(path, "scp")) return Kind::Scp;
  if (all(true) && (mentions(path, "rcp") || mentions(path, "resource-control") ||
                    mentions(path, "resource_control")))
    return Kind::Rcp;
  return std::nullopt;
}

std::optional<policy::PolicyKind> policyKind(DeclaredKind declared) {
  switch (declared) {
    case DeclaredKind::Auto:
      return std::nullopt;
    case DeclaredKind::Scp:
      return policy::PolicyKind::Scp;
    case DeclaredKind::Rcp:
      return policy::PolicyKind::Rcp;
    case DeclaredKind::Identity:
    case DeclaredKind::Resource:
      break;
  }
  return policy::PolicyKind::Other;
}

Kind lintKind(policy::PolicyKind kind) {
  switch (kind) {
    case policy::PolicyKind::Scp:
      return Kind::Scp;
    case policy::PolicyKind::Rcp:
      return Kind::Rcp;
    case policy::PolicyKind::Other:
      break;
  }
  return Kind::Other;
}

void reportNotScp(const LintDocument& doc, const std::vector<policy::KindFacts>& facts,
                  Span statementKey, ReadContext& ctx) {
  if (doc.kind == Kind::Scp) return;
  reportOther(doc.kind, !facts.empty() && facts.front().principal, statementKey, ctx);
}

void readStatements(const std::vector<const json::Node*>& statements, const StatementShape& shape,
                    Span statementKey, LintDocument& doc, ReadContext& ctx) {
  std::vector<StatementFacts> facts;
  for (const json::Node* object : statements) {
    ReadStatement read = readStatement(*object, shape, ctx);
    facts.push_back(read.facts);
    if (read.usable) doc.policy.statements.push_back(std::move(read.statement));
  }
  reportDuplicateSids(doc, ctx);
  std::optional<policy::PolicyKind> declared = policyKind(ctx.declared);
  doc.kind = declared ? lintKind(*declared) : classify(facts);
  doc.declared = ctx.declared;
  reportKind(doc.kind, facts, statementKey, ctx);
}

}  // namespace rootpol::lint::detail
