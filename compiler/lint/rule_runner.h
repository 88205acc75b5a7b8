#pragma once

#include <vector>

#include "base/diagnostic.h"
#include "lint/rule.h"

// Runs the lint rules over the documents of a run, on a few threads. Every check (a rule on
// one document, or a rule's program-wide check) is independent of the others: it reads the
// documents and the catalog and only reports. So each check reports into a sink of its own, and
// the findings are joined in the order one thread would have reported them (rule by rule,
// document by document, then the rule's program check): the output is the same for any number
// of threads and any timing.
namespace rootpol::lint {

// What every check is given besides its document and its sink (see LintContext).
struct RuleInputs {
  const std::vector<LintDocument>& documents;
  const catalog::Catalog& catalog;
  std::size_t scpMaxSize = 0;
  bool rootKeysControlled = false;
  std::size_t rcpMaxSize = 0;
};

// The findings of `rules` on `inputs.documents`, with up to `threads` threads (0 or 1: the
// caller's only).
std::vector<Diagnostic> runRules(const std::vector<LintRule>& rules, const RuleInputs& inputs, unsigned threads);

}  // namespace rootpol::lint
