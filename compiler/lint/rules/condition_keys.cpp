// RP1023, RP4021, RP4024, RP4025: condition keys against the catalog's facts about them: whether
// the statement's actions carry the key, its type, and whether it is multi-valued.
#include <fmt/format.h>

#include "base/text.h"
#include "catalog/catalog.h"
#include "lint/rule.h"
#include "policy/catalog_facts.h"

namespace rootpol::lint {
namespace {

using catalog::BaseType;
using policy::SetQualifier;
using policy::ValueType;

Span opSpanOf(const policy::ConditionEntry& e, const policy::Statement& s) {
  return e.opSpan.valid() ? e.opSpan : keySpanOf(e, s);
}

void reportNoneCarry(const policy::ConditionEntry& e, const policy::Statement& s, LintContext& context) {
  Diagnostic& d = context.sink.report(
      DiagCode::RP1023, keySpanOf(e, s),
      fmt::format("no action {} has `{}` in its request", s.notAction ? "this statement leaves out of `NotAction`"
                                                                      : "of this statement", e.key));
  d.notes.push_back(
      "so the condition is always false here, and a negated one (`StringNotEquals`, ...) always "
      "true: the statement never applies, or applies to every request");
  d.help = fmt::format("`rootpol catalog key {}` lists the actions that have it", e.key);
}

// A Deny whose actions include some without the key, on its only condition, which is true when
// the key is absent (a negated operator, `...IfExists`, `Null` "true", `ForAllValues:`): it
// denies every one of those actions, whatever the request. `Action: "*"` with `StringNotEquals`
// on an S3 key denies every other service. With other conditions the entry is usually an
// exemption (`"StringNotEqualsIfExists": {"aws:PrincipalOrgID": ..., "aws:ResourceTag/exempt":
// "true"}`, the data perimeter examples): the others decide for the actions without its key.
void reportSomeLack(const policy::ConditionEntry& e, const policy::Statement& s, LintContext& context) {
  Diagnostic& d = context.sink.report(
      DiagCode::RP1023, keySpanOf(e, s),
      fmt::format("`{}` is true for every action of this statement without `{}` in its request", e.op, e.key));
  d.notes.push_back(fmt::format("{} covers actions that never carry the key, and `{}` holds when the key is "
                                "absent: the deny applies to each of them, whatever the request",
                                s.notAction ? "`NotAction`" : "the `Action` wildcard", e.op));
  d.help = fmt::format("list only the actions that have `{}` (`rootpol catalog key {}`), or test it with a "
                       "positive operator",
                       e.key, e.key);
}

void checkCarried(const policy::ConditionEntry& e, const policy::Operator& op, const policy::Statement& s,
                  policy::KeyCarriersMemo& memo, policy::KeyCarriersMemo::Key& key, LintContext& context) {
  if (s.notAction && key.facts.actionScoped) {
    Diagnostic& d = context.sink.report(
        DiagCode::RP1023, keySpanOf(e, s),
        fmt::format("`NotAction` makes this statement cover actions that never have `{}` in their request", e.key));
    d.notes.push_back("for those actions the condition is always false, and a negated one (`StringNotEquals`, "
                      "...) always true");
    d.help = fmt::format("list the actions with `Action` (`rootpol catalog key {}` lists those that have it)", e.key);
    return;
  }
  policy::KeyCarriers carriers = memo.carriers(key, e.key, s.actions, s.notAction);
  if (carriers == policy::KeyCarriers::None) return reportNoneCarry(e, s, context);
  if (carriers == policy::KeyCarriers::Some && s.deny && s.conditions.size() == 1 &&
      policy::trueWhenKeyAbsent(op, e.values))
    reportSomeLack(e, s, context);
}

// Whether another key of the statement is under the same operator object as `e`'s.
bool sharesOperator(const policy::ConditionEntry& e, const policy::Statement& s) {
  for (const policy::ConditionEntry& other : s.conditions) {
    if (&other != &e && other.opSpan.valid() && other.opSpan == e.opSpan) return true;
  }
  return false;
}

void checkType(const policy::ConditionEntry& e, const policy::Operator& op, catalog::KeyType type,
               const policy::Statement& s, LintContext& context) {
  ValueType family = policy::valueType(op.base);
  bool typedKey = type.base == BaseType::Numeric || type.base == BaseType::Date || type.base == BaseType::Bool;
  if (family == ValueType::String && typedKey) {
    Diagnostic& d = context.sink.report(
        DiagCode::RP4021, keySpanOf(e, s),
        fmt::format("`{}` compares `{}`, a key of type {}, as text", e.op, e.key, catalog::keyTypeName(type)));
    if (e.opSpan.valid()) d.labels.push_back(Label{e.opSpan, "the operator"});
    d.help = type.base == BaseType::Bool     ? std::string("use `Bool`")
             : type.base == BaseType::Date   ? std::string("use a Date operator such as `DateGreaterThan`")
                                             : std::string("use a Numeric operator such as `NumericLessThan`");
  }
  if (op.base == policy::BaseOperator::Null) {
    if (op.qualifier != SetQualifier::None) {
      context.sink.report(DiagCode::RP4025, opSpanOf(e, s),
                          fmt::format("`{}`: `Null` takes no set qualifier", e.op))
          .help = "write `Null`: it tests whether the key is present, whatever its values";
    }
    return;
  }
  if (type.array && op.qualifier == SetQualifier::None) {
    Diagnostic& d = context.sink.report(
        DiagCode::RP4024, keySpanOf(e, s),
        fmt::format("`{}` is multi-valued, and `{}` has no `ForAnyValue:` or `ForAllValues:`", e.key, e.op));
    d.notes.push_back("without a set qualifier IAM's behaviour on a key with several values is undefined");
    d.help = fmt::format("write `ForAnyValue:{}` (some value matches) or `ForAllValues:{}` (every value does)",
                         e.op, e.op);
  } else if (!type.array && op.qualifier == SetQualifier::ForAllValues) {
    // At the operator, which holds the qualifier to drop; at the key when the operator has others,
    // which may be multivalued.
    bool shared = e.keySpan.valid() && sharesOperator(e, s);
    Diagnostic& d = context.sink.report(
        DiagCode::RP4025, shared ? e.keySpan : opSpanOf(e, s),
        fmt::format("`ForAllValues:` on `{}`, a single-valued key", e.key));
    if (shared && e.opSpan.valid()) d.labels.push_back(Label{e.opSpan, "the qualifier"});
    else if (e.keySpan.valid()) d.labels.push_back(Label{e.keySpan, "single-valued"});
    d.notes.push_back("ForAllValues is true when the key is absent, so the condition holds for every "
                      "request without it");
    d.help = fmt::format("drop the qualifier: write `{}`", policy::operatorName({SetQualifier::None, op.base, op.ifExists}));
  }
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json) return;
  policy::KeyCarriersMemo memo(context.catalog);  // a document tests a few keys, in many statements
  for (const policy::Statement& s : doc.statements()) {
    for (const policy::ConditionEntry& e : s.conditions) {
      policy::KeyCarriersMemo::Key& key = memo.key(e.key);
      std::optional<policy::Operator> op = e.oper();
      if (!op || !key.facts.entry) continue;
      checkCarried(e, *op, s, memo, key, context);
      checkType(e, *op, key.facts.entry->type, s, context);
    }
  }
}

}  // namespace

extern const LintRule kConditionKeys{
    DiagCode::RP4021,
    "A `String` operator on a key of type Numeric, Date or Bool compares the text: `\"3600\"` and "
    "`\"3600.0\"` differ, and dates only match when written exactly as AWS writes them. Use the "
    "operator of the key's type. (A `String` operator on an address key is error RP1011.)",
    check, nullptr};

extern const LintRule kMissingSetQualifier{
    DiagCode::RP4024,
    "A multi-valued key (type ArrayOf..., such as aws:TagKeys or aws:CalledVia) needs "
    "`ForAnyValue:` or `ForAllValues:` to say whether some or every value must match; without one, "
    "AWS documents no behaviour for several values. IAM Access Analyzer reports it too.",
    nullptr, nullptr};

extern const LintRule kQualifierOnSingleValued{
    DiagCode::RP4025,
    "`ForAllValues:` on a single-valued key is true whenever the key is absent, which turns a "
    "condition meant to restrict into one that lets through every request without the key. `Null` "
    "tests presence and takes no set qualifier at all.",
    nullptr, nullptr};

}  // namespace rootpol::lint
