#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ast/types.h"
#include "base/diagnostic.h"

// Validation of string literals against the scalar type their context expects (the
// "bidirectional typing" of spec section 2). Pure functions: no AST, no sink.
namespace rootpol::sema {

struct LiteralProblem {
  DiagCode code;
  std::string message;
  std::string help;  // may be empty
};

// Reports `problem` at `span` (with its help, when it has one).
void reportLiteralProblem(const LiteralProblem& problem, Span span, DiagnosticSink& sink);

// `pattern` is true where IAM treats `*` and `?` as wildcards (like, resources, principals).
std::optional<LiteralProblem> checkLiteral(ast::Scalar type, std::string_view text, bool pattern);

std::optional<LiteralProblem> checkCidr(std::string_view text);
std::optional<LiteralProblem> checkArn(std::string_view text, bool pattern);
std::optional<LiteralProblem> checkRegion(std::string_view text, bool pattern);
std::optional<LiteralProblem> checkAccount(std::string_view text, bool pattern);
std::optional<LiteralProblem> checkDate(std::string_view text);
std::optional<LiteralProblem> checkActionPattern(std::string_view text);

}  // namespace rootpol::sema
