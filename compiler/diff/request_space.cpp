#include "diff/request_space.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/text.h"
#include "diff/value_candidates.h"
#include "policy/glob.h"

namespace rootpol::diff {
namespace {

// Actions tried besides those the patterns expand to, so that `*`, `NotAction` and the actions
// no pattern names have members: one per common service, in a fixed order.
constexpr std::string_view kFallbackActions[] = {
    "ec2:DescribeInstances", "s3:GetObject", "iam:ListRoles", "sts:GetCallerIdentity",
    "lambda:InvokeFunction", "dynamodb:GetItem", "kms:Decrypt", "sqs:SendMessage",
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::vector<ActionClass> actionClasses(const std::vector<const policy::Statement*>& statements,
                                       const catalog::Catalog& catalog) {
  std::set<std::string> patterns;  // lower case
  for (const policy::Statement* s : statements) {
    for (const std::string& a : s->actions) patterns.insert(lower(a));
  }
  std::set<std::string> candidates;
  for (std::string_view a : kFallbackActions) candidates.insert(std::string(a));
  for (const std::string& p : patterns) {
    for (const catalog::ActionRef& ref : catalog.matchActions(p).actions) candidates.insert(ref.fullName());
  }
  const std::vector<std::string> ordered(patterns.begin(), patterns.end());
  std::map<std::vector<bool>, ActionClass> bySignature;
  for (const std::string& action : candidates) {
    std::vector<bool> signature(ordered.size());
    for (std::size_t i = 0; i < ordered.size(); ++i) signature[i] = policy::globMatch(ordered[i], action, true);
    ActionClass& c = bySignature[signature];
    if (c.members.empty()) c.representative = action;
    c.members.push_back(action);
  }
  std::vector<ActionClass> out;
  for (auto& [signature, c] : bySignature) {
    c.unnamed = std::none_of(signature.begin(), signature.end(), [](bool b) { return b; });
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(),
            [](const ActionClass& a, const ActionClass& b) { return a.representative < b.representative; });
  return out;
}

}  // namespace

bool principalKey(std::string_view key) {
  return equalsIgnoreCase(key, "aws:PrincipalArn") || equalsIgnoreCase(key, "aws:PrincipalAccount") ||
         equalsIgnoreCase(key, "aws:AssumedRoot") || equalsIgnoreCase(key, "aws:PrincipalType") ||
         equalsIgnoreCase(key, "aws:userid");
}

std::string instantiate(std::string_view pattern) {
  std::string out(pattern);
  for (char& c : out) {
    if (c == '*' || c == '?') c = 'x';
  }
  return out;
}

bool statementCoversAction(const policy::Statement& statement, std::string_view action) {
  const bool listed = std::any_of(statement.actions.begin(), statement.actions.end(),
                                  [&](const std::string& p) { return policy::globMatch(p, action, true); });
  return listed != statement.notAction;
}

RequestSpace buildRequestSpace(const std::vector<const policy::Document*>& documents, const catalog::Catalog& catalog) {
  RequestSpace space;
  for (const policy::Document* d : documents) {
    for (const policy::Statement& s : d->statements) space.statements.push_back(&s);
  }
  space.actions = actionClasses(space.statements, catalog);

  std::map<std::string, std::size_t> keyIndex;  // lower-case key -> index into space.keys
  std::vector<std::vector<const policy::ConditionEntry*>> entriesOf;
  std::set<std::string> principals, resources{"*"};
  for (std::size_t i = 0; i < space.statements.size(); ++i) {
    const policy::Statement& s = *space.statements[i];
    for (const std::string& r : s.resources) resources.insert(instantiate(r));
    for (const policy::ConditionEntry& e : s.conditions) {
      if (equalsIgnoreCase(e.key, "aws:PrincipalArn")) {
        for (const std::string& v : e.values) principals.insert(v);
      }
      if (principalKey(e.key)) continue;
      auto [it, added] = keyIndex.emplace(lower(e.key), space.keys.size());
      if (added) {
        space.keys.push_back(KeyCandidates{e.key, {}, {}});
        entriesOf.emplace_back();
      }
      entriesOf[it->second].push_back(&e);
      std::vector<std::size_t>& where = space.keys[it->second].statements;
      if (where.empty() || where.back() != i) where.push_back(i);
    }
  }
  for (std::size_t k = 0; k < space.keys.size(); ++k) {
    space.keys[k].values.push_back(std::nullopt);
    for (std::string& v : candidateValues(entriesOf[k])) space.keys[k].values.emplace_back(std::move(v));
  }
  space.principalPatterns.assign(principals.begin(), principals.end());
  space.resources.assign(resources.begin(), resources.end());
  return space;
}

}  // namespace rootpol::diff
