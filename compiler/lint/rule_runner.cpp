#include "lint/rule_runner.h"

#include <algorithm>

#include "base/threads.h"

namespace rootpol::lint {
namespace {

// One check: `rule` on `document`, or its program check when `document` is null.
struct Check {
  const LintRule* rule;
  const LintDocument* document;
  DiagnosticSink sink;
};

// Every check, in the order one thread runs them.
std::vector<Check> checksOf(const std::vector<LintRule>& rules, const std::vector<LintDocument>& documents) {
  std::vector<Check> checks;
  for (const LintRule& rule : rules) {
    if (rule.checkDocument != nullptr) {
      for (const LintDocument& document : documents) checks.push_back(Check{&rule, &document, {}});
    }
    if (rule.checkProgram != nullptr) checks.push_back(Check{&rule, nullptr, {}});
  }
  return checks;
}

}  // namespace

std::vector<Diagnostic> runRules(const std::vector<LintRule>& rules, const RuleInputs& inputs, unsigned threads) {
  std::vector<Check> checks = checksOf(rules, inputs.documents);
  // The costly checks are handed out first, the others after them in order; the findings are
  // still joined in the checks' own order below.
  std::vector<std::size_t> order(checks.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return checks[i].rule->costly; });
  WorkQueue queue(checks.size());
  runOnThreads(static_cast<unsigned>(std::min<std::size_t>(threads, checks.size())), [&] {
    for (std::size_t next = 0; queue.next(next);) {
      Check& check = checks[order[next]];
      LintContext context{inputs.documents, inputs.catalog,        inputs.scpMaxSize,
                          check.sink,       inputs.rootKeysControlled, inputs.rcpMaxSize};
      if (check.document != nullptr) check.rule->checkDocument(*check.document, context);
      else check.rule->checkProgram(context);
    }
  });
  DiagnosticSink found;
  for (Check& check : checks) found.append(std::move(check.sink));
  return std::move(found).take();
}

}  // namespace rootpol::lint
