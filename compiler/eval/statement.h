#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "eval/condition.h"
#include "eval/evaluator.h"
#include "policy/arn.h"
#include "policy/document.h"
#include "policy/pattern.h"

// Statements and documents in compiled form: what one policy says about one request.
namespace rootpol::eval {

class CompiledStatement {
 public:
  // `variables`: whether `${...}` is a policy variable (policy::variablesApply of the document).
  CompiledStatement(const policy::Statement& statement, bool variables);

  bool deny() const { return deny_; }
  const std::string& sid() const { return sid_; }
  bool applies(const RequestContext& context) const;
  // The same decision with the reason `explain` shows: the first element that fails, or a
  // note that all of them match.
  StatementTrace trace(std::size_t index, const RequestContext& context) const;

 private:
  bool actionListed(std::string_view action) const;
  const policy::Pattern* firstAction(std::string_view action) const;
  const std::string* firstResource(const RequestContext& context) const;
  bool actionPasses(std::string_view action) const { return actionListed(action) != notAction_; }
  bool resourcePasses(const RequestContext& context) const;

  std::string sid_;
  Span origin_;
  bool deny_ = false;
  bool notAction_ = false;
  bool notResource_ = false;
  std::vector<std::string> actionTexts_;
  std::vector<policy::Pattern> actions_;
  std::vector<std::string> resourceTexts_;
  std::vector<policy::ResourcePattern> resources_;
  std::vector<CompiledCondition> conditions_;
};

class CompiledDocument {
 public:
  explicit CompiledDocument(const policy::Document& document);

  bool denies(const RequestContext& context) const;
  bool allows(const RequestContext& context) const;
  PolicyTrace trace(const std::string& name, const RequestContext& context) const;
  const CompiledStatement& statement(std::size_t index) const { return statements_.at(index); }

 private:
  std::vector<CompiledStatement> statements_;
  std::vector<std::size_t> denyStatements_;
  std::vector<std::size_t> allowStatements_;
};

}  // namespace rootpol::eval
