#pragma once

#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "catalog/catalog.h"
#include "lint/document.h"

// A lint rule: one file under lint/rules/ with its code (registered in
// base/diagnostic_kinds.def with its default severity and one-line summary), a documentation
// paragraph for docs/diagnostics/, and its check. Rules only report; suppressions and
// severity overrides are applied afterwards by the linter.
namespace rootpol::lint {

struct LintContext {
  const std::vector<LintDocument>& documents;  // everything linted in this run
  const catalog::Catalog& catalog;
  std::size_t scpMaxSize = 0;
  DiagnosticSink& sink;
  // The program enables a Control Tower control that denies root access keys.
  bool rootKeysControlled = false;
  std::size_t rcpMaxSize = 0;
};

struct LintRule {
  DiagCode code;
  std::string_view paragraph;  // why it matters and how to fix it (Markdown, one paragraph)
  // Called once per document (may be null).
  void (*checkDocument)(const LintDocument& document, LintContext& context) = nullptr;
  // Called once per run, after every document (may be null): program-wide rules.
  void (*checkProgram)(LintContext& context) = nullptr;
  // Its check compares every statement with others, or with the catalog's ARN formats: it takes
  // far longer than the rest, and starts first when the checks run on several threads (so that
  // two long checks do not end up one after the other on one thread).
  bool costly = false;
};

// Every rule, in code order (lint/rules.cpp lists them).
const std::vector<LintRule>& lintRules();

// The documentation paragraph of a code: the lint rule's, or empty for compiler diagnostics.
std::string_view lintParagraph(DiagCode code);

}  // namespace rootpol::lint
