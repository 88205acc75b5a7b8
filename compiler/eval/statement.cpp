#include "eval/statement.h"

#include <algorithm>

#include <fmt/format.h>

namespace rootpol::eval {
namespace {

std::string quotedList(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const std::string& v : values) out += fmt::format("{}\"{}\"", out.size() > 1 ? ", " : "", v);
  return out + "]";
}

}  // namespace

CompiledStatement::CompiledStatement(const policy::Statement& statement, bool variables)
    : sid_(statement.sid),
      origin_(statement.origin),
      deny_(statement.deny),
      notAction_(statement.notAction),
      notResource_(statement.notResource),
      actionTexts_(statement.actions),
      resourceTexts_(statement.resources) {
  // Actions: wildcards anywhere, no policy variables, compared without regard to case
  // (Organizations SCP syntax: Action and NotAction values are case-insensitive).
  for (const std::string& action : statement.actions) actions_.emplace_back(action, true, false);
  for (const std::string& resource : statement.resources) {
    resources_.emplace_back(resource, variables);
  }
  for (const policy::ConditionEntry& entry : statement.conditions) {
    conditions_.emplace_back(entry, variables);
  }
}

bool CompiledStatement::actionListed(std::string_view action) const {
  return firstAction(action) != nullptr;
}

const policy::Pattern* CompiledStatement::firstAction(std::string_view action) const {
  for (const policy::Pattern& pattern : actions_) {
    if (pattern.matches(action, true)) return &pattern;
  }
  return nullptr;
}

const std::string* CompiledStatement::firstResource(const RequestContext& context) const {
  for (std::size_t i = 0; i < resources_.size(); ++i) {
    if (!resources_[i].matchesEverything()) context.noteResourceRead();
    if (resources_[i].matches(context.request().resource, context.resourceArn(),
                              context.variables())) {
      return &resourceTexts_[i];
    }
  }
  return nullptr;
}

bool CompiledStatement::resourcePasses(const RequestContext& context) const {
  // No Resource element at all is read as `"Resource": "*"`: a statement from the document
  // model always has one, and an SCP without one would be rejected by AWS anyway.
  if (resources_.empty()) return true;
  return (firstResource(context) != nullptr) != notResource_;
}

bool CompiledStatement::applies(const RequestContext& context) const {
  context.noteStatementStart();
  if (!actionPasses(context.request().action) || !resourcePasses(context)) return false;
  for (const CompiledCondition& condition : conditions_) {
    const std::size_t mark = context.noteConditionStart();
    if (!condition.holds(context)) {
      context.noteConditionFailed(mark);
      return false;
    }
  }
  return true;
}

StatementTrace CompiledStatement::trace(std::size_t index, const RequestContext& context) const {
  StatementTrace out{index, sid_, deny_, false, {}, origin_};
  const Request& request = context.request();
  if (!actionPasses(request.action)) {
    out.reason = notAction_ ? fmt::format("action `{}` is excluded by NotAction {}", request.action,
                                          quotedList(actionTexts_))
                            : fmt::format("action `{}` matches none of Action {}", request.action,
                                          quotedList(actionTexts_));
    return out;
  }
  if (!resourcePasses(context)) {
    const std::string* hit = firstResource(context);
    out.reason = notResource_ ? fmt::format("resource `{}` is excluded by NotResource \"{}\"",
                                            request.resource, *hit)
                              : fmt::format("resource `{}` matches none of Resource {}",
                                            request.resource, quotedList(resourceTexts_));
    return out;
  }
  for (const CompiledCondition& condition : conditions_) {
    if (!condition.holds(context)) {
      out.reason = "condition " + condition.whyFalse(context);
      return out;
    }
  }
  out.applies = true;
  out.reason = conditions_.empty()
                   ? "action and resource match"
                   : fmt::format("action, resource and {} condition entr{} match",
                                 conditions_.size(), conditions_.size() == 1 ? "y" : "ies");
  return out;
}

CompiledDocument::CompiledDocument(const policy::Document& document) {
  statements_.reserve(document.statements.size());
  const bool variables = policy::variablesApply(document);
  for (const policy::Statement& statement : document.statements) {
    (statement.deny ? denyStatements_ : allowStatements_).push_back(statements_.size());
    statements_.emplace_back(statement, variables);
  }
}

bool CompiledDocument::denies(const RequestContext& context) const {
  for (std::size_t i : denyStatements_) {
    if (statements_[i].applies(context)) {
      context.noteApplied(i);
      return true;
    }
  }
  return false;
}

bool CompiledDocument::allows(const RequestContext& context) const {
  return std::any_of(allowStatements_.begin(), allowStatements_.end(),
                     [&](std::size_t i) { return statements_[i].applies(context); });
}

PolicyTrace CompiledDocument::trace(const std::string& name, const RequestContext& context) const {
  PolicyTrace out{name, false, false, {}};
  for (std::size_t i = 0; i < statements_.size(); ++i) {
    StatementTrace statement = statements_[i].trace(i, context);
    if (statement.applies) (statement.deny ? out.denies : out.allows) = true;
    out.statements.push_back(std::move(statement));
  }
  return out;
}

}  // namespace rootpol::eval
