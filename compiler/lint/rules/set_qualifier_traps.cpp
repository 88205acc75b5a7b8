// RP4040: set qualifiers that turn a condition around on an absent or empty key. ForAllValues:
// holds when the key is absent and ForAnyValue: does not; written on the wrong side of a Deny
// or an Allow, they deny or let through the opposite of what the author meant.
#include <fmt/format.h>

#include "catalog/catalog.h"
#include "lint/rule.h"

namespace rootpol::lint {
namespace {

using policy::SetQualifier;

Span opSpanOf(const policy::ConditionEntry& e, const policy::Statement& s) {
  return e.opSpan.valid() ? e.opSpan : keySpanOf(e, s);
}

// `ForAllValues:StringEquals` lists what a request may carry: the Allow side of the test. In a
// Deny it holds for every request without the key (the empty set), and for the requests that
// keep to the list.
void reportForAllInDeny(const policy::ConditionEntry& e, const policy::Operator& op, const policy::Statement& s,
                        LintContext& context) {
  Diagnostic& d = context.sink.report(
      DiagCode::RP4040, opSpanOf(e, s),
      fmt::format("`{}` in a Deny holds for every request without `{}`", e.op, e.key));
  d.notes.push_back("ForAllValues is true when the key is absent or empty, and with a positive operator also when "
                    "every value is listed: the deny hits the requests an allow-list would let through");
  if (std::optional<policy::Rewritten> dual = policy::negation(op, e.values))
    d.help = fmt::format("to deny requests with a value outside the list, write `{}`", policy::operatorName(dual->op));
}

// `ForAnyValue:StringNotEquals` holds when one value is outside the list, not when none is in it;
// and it is false on an absent key, where the negated operator alone is true.
void reportNegatedForAny(const policy::ConditionEntry& e, const policy::Statement& s, LintContext& context) {
  Diagnostic& d = context.sink.report(
      DiagCode::RP4040, opSpanOf(e, s),
      s.deny ? fmt::format("`{}` in a Deny misses every request without `{}`", e.op, e.key)
             : fmt::format("`{}` in an Allow holds as soon as one value of `{}` is not listed", e.op, e.key));
  if (s.deny) {
    d.notes.push_back(fmt::format("`{}` is single-valued, and ForAnyValue is false when the key is absent, where "
                                  "the negated operator alone is true",
                                  e.key));
    d.help = fmt::format("drop the qualifier: write `{}`", e.op.substr(e.op.find(':') + 1));
  } else {
    d.notes.push_back("with several values in the request, one that is not listed is enough: the condition does "
                      "not say that no value is listed");
    d.help = "to allow only requests with no listed value, write `ForAllValues:` with the negated operator "
             "(and a `Null` test: ForAllValues also holds when the key is absent)";
  }
}

void checkEntry(const policy::ConditionEntry& e, const policy::Operator& op, const policy::Statement& s,
                LintContext& context) {
  if (op.base == policy::BaseOperator::Null || op.qualifier == SetQualifier::None) return;
  std::optional<catalog::ConditionKey> key = context.catalog.conditionKey(e.key);
  bool single = key && !key->type.array;  // ForAllValues on one is RP4025
  if (op.qualifier == SetQualifier::ForAllValues) {
    if (s.deny && !op.ifExists && !single && !policy::isNegated(op.base)) reportForAllInDeny(e, op, s, context);
    return;
  }
  // Only global keys are known to be single-valued: the reference types some service keys as
  // String that requests carry several of (`ram:Principal`, which AWS's own RAM SCP tests with
  // `ForAnyValue:StringNotEquals`).
  if (policy::isNegated(op.base) && (!s.deny || (single && key->global))) reportNegatedForAny(e, s, context);
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json) return;
  for (const policy::Statement& s : doc.statements()) {
    for (const policy::ConditionEntry& e : s.conditions) {
      if (std::optional<policy::Operator> op = e.oper()) checkEntry(e, *op, s, context);
    }
  }
}

}  // namespace

extern const LintRule kSetQualifierTrap{
    DiagCode::RP4040,
    "`ForAllValues:` is true when the key is absent or empty, `ForAnyValue:` false. "
    "`ForAllValues:StringEquals` is how an Allow keeps a request to listed values; in a Deny it "
    "denies every request without the key and those that keep to the list (the empty-set trap): "
    "the Deny form is `ForAnyValue:StringNotEquals`. `ForAnyValue:` with a negated operator holds "
    "as soon as one value is not listed, so in an Allow it lets through requests that also carry "
    "listed values; on a single-valued key in a Deny it misses every request without the key, "
    "which the negated operator alone would deny. AWS's own Deny examples use "
    "`ForAnyValue:StringNotLike` on multi-valued keys, which is right and not reported.",
    check, nullptr};

}  // namespace rootpol::lint
