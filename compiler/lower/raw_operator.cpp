#include "lower/raw_operator.h"

#include <fmt/format.h>

#include "policy/operators.h"

namespace rootpol::lower {

std::optional<policy::ConditionEntry> rawConditionFor(const Literal& literal, DiagnosticSink& sink) {
  const ast::Cond& atom = *literal.atom;
  std::vector<std::string> values;
  for (const ast::Value& v : atom.values) values.push_back(v.text);
  // INVARIANT: sema has checked the operator name (RP1032).
  std::optional<policy::Operator> op = policy::parseOperator(atom.rawOperator);
  if (!op) return std::nullopt;
  if (!literal.negated) {
    policy::ConditionEntry entry(atom.rawOperator, atom.resolved.awsKey, std::move(values));
    entry.span = atom.span;
    return entry;
  }
  std::optional<policy::Rewritten> dual = policy::negation(*op, values);
  if (!dual) {
    Diagnostic& d = sink.report(DiagCode::RP2009, atom.span,
                                fmt::format("`{}` has no negation in IAM, so this test cannot be negated", atom.rawOperator));
    d.notes.push_back("the test is negated by `unless` or `not`; no single IAM operator is true exactly where it is false, "
                      "including on requests without the key");
    d.help = "state the condition positively under `when`";
    return std::nullopt;
  }
  policy::ConditionEntry entry(policy::operatorName(dual->op), atom.resolved.awsKey, std::move(dual->values));
  entry.span = atom.span;
  return entry;
}

}  // namespace rootpol::lower
