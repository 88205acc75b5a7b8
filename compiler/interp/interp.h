#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"

// The reference interpreter: the meaning of a checked rootpol policy, evaluated directly on
// the AST with the language's own semantics (spec section 4), without looking at the
// lowering. Tests compare it with an independent IAM evaluator run on the compiled JSON.
namespace rootpol::interp {

// One request as an SCP sees it. Context keys are AWS keys ("aws:SourceIp"); a key that is
// not in `context` is absent from the request. Single-valued keys hold one value.
struct Request {
  std::string principalArn;  // also the value of aws:PrincipalArn
  std::string action;        // "s3:GetObject"
  std::string resource = "*";
  std::map<std::string, std::vector<std::string>> context;
};

enum class Decision { ExplicitDeny, Allow, ImplicitDeny };

struct Outcome {
  Decision decision = Decision::ImplicitDeny;
  // The rule that decided (an explicit deny or an allow), as an index into Policy::rules.
  std::optional<std::size_t> rule;
};

// Evaluates one policy on its own (as the only SCP at one level, without FullAWSAccess):
// an explicit deny if some deny rule matches, else allow if some allow rule matches, else an
// implicit deny.
Outcome evaluate(const ast::Policy& policy, const Request& request);

// Whether one rule applies to the request (actions, resources, principals and conditions).
bool ruleMatches(const ast::Rule& rule, const Request& request);

std::string_view decisionName(Decision decision);  // "explicit_deny", "allow", "implicit_deny"

}  // namespace rootpol::interp
