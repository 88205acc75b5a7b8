#pragma once

#include <memory>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "base/source.h"

namespace rootpol::syntax {

// Guards against hostile input (fuzzing found nothing without them only because they exist).
struct ParseLimits {
  std::size_t maxFileBytes = 4 * 1024 * 1024;
  std::size_t maxNesting = 64;  // parentheses, `not`, lists
};

// The only entry point of the syntax stage: text to AST. Syntax errors go to `sink`; the
// returned module holds whatever could be built (never null).
std::unique_ptr<ast::Module> parse(const SourceFile& file, DiagnosticSink& sink,
                                   const ParseLimits& limits = {});

}  // namespace rootpol::syntax
