// RP4019, RP4020, RP4023, RP4026, RP4029, RP4030: condition values that cannot work as written.
// The checks of the text are the hub's (policy/value_checks.h); this places them.
#include <fmt/format.h>

#include "base/text.h"
#include "lint/policy_reader.h"
#include "lint/rule.h"
#include "policy/catalog_facts.h"
#include "policy/value_checks.h"

namespace rootpol::lint {
namespace {

using policy::BaseOperator;
using policy::ValueType;

bool typed(ValueType t) {
  return t == ValueType::Numeric || t == ValueType::Date || t == ValueType::Bool ||
         t == ValueType::Ip || t == ValueType::Null;
}

Span valueSpan(const policy::ConditionEntry& e, std::size_t i, const policy::Statement& s) {
  return i < e.valueSpans.size() && e.valueSpans[i].valid() ? e.valueSpans[i] : keySpanOf(e, s);
}

void report(LintContext& context, DiagCode code, Span at, policy::ValueProblem p) {
  Diagnostic& d = context.sink.report(code, at, std::move(p.message));
  if (!p.help.empty()) d.help = std::move(p.help);
}

bool exactStringMatch(BaseOperator b) {
  return b == BaseOperator::StringEquals || b == BaseOperator::StringNotEquals ||
         b == BaseOperator::StringEqualsIgnoreCase || b == BaseOperator::StringNotEqualsIgnoreCase;
}

void checkValue(const policy::ConditionEntry& e, const policy::Operator& op, std::size_t i,
                bool variables, const policy::Statement& s, LintContext& context) {
  const std::string& v = e.values[i];
  Span at = valueSpan(e, i, s);
  ValueType type = policy::valueType(op.base);
  if (variables && v.find("${") != std::string::npos) {
    if (auto p = policy::checkVariables(v, typed(type))) return report(context, DiagCode::RP4023, at, *p);
  }
  if (detail::hasPlaceholder(v)) return;
  if (variables) {
    if (auto p = policy::checkVariableKeys(context.catalog, v)) return report(context, DiagCode::RP4023, at, *p);
  }
  if (auto p = policy::checkTypedValue(type, v)) return report(context, DiagCode::RP4019, at, *p);
  if (type == ValueType::Ip) {
    if (auto p = policy::checkIpHostBits(v)) report(context, DiagCode::RP4020, at, *p);
    if (op.base == BaseOperator::NotIpAddress && equalsIgnoreCase(e.key, "aws:SourceIp") &&
        policy::isPrivateIp(v)) {
      Diagnostic& d = context.sink.report(
          DiagCode::RP4030, at, fmt::format("`{}` is a private range under `NotIpAddress` on aws:SourceIp", v));
      d.notes.push_back("aws:SourceIp is the public address a request comes from; through a VPC endpoint it "
                        "is absent or private to the VPC, so a deny on `NotIpAddress` private ranges "
                        "denies every request from the internet and none from inside");
      d.help = "list your public egress addresses, or test aws:VpcSourceIp / aws:SourceVpc for "
               "private traffic";
    }
  }
  if (exactStringMatch(op.base) && hasWildcard(v) && v != "*") {
    Diagnostic& d = context.sink.report(
        DiagCode::RP4029, at, fmt::format("`{}` compares `{}` literally, not as a wildcard", e.op, v));
    d.help = fmt::format("use `{}` to match a pattern", op.base == BaseOperator::StringEquals ||
                                                                op.base == BaseOperator::StringEqualsIgnoreCase
                                                            ? "StringLike"
                                                            : "StringNotLike");
  }
}

void reportMfaIfExistsTrue(const policy::ConditionEntry& e, std::size_t i, const policy::Statement& s,
                           LintContext& context) {
  Diagnostic& d = context.sink.report(
      DiagCode::RP4026, valueSpan(e, i, s),
      fmt::format("`{}` aws:MultiFactorAuthPresent \"true\" also holds for requests signed with long-term access "
                  "keys",
                  e.op));
  d.notes.push_back(s.deny ? "those requests carry no aws:MultiFactorAuthPresent, and `IfExists` holds on an absent "
                             "key: the deny hits MFA sessions and access keys, and lets through only sessions "
                             "without MFA"
                           : "those requests carry no aws:MultiFactorAuthPresent, and `IfExists` holds on an absent "
                             "key: access keys pass without MFA");
  d.help = s.deny ? "to deny requests without MFA, write `BoolIfExists` with \"false\""
                  : "to require MFA, write `Bool` with \"true\"";
}

// `Bool` "false" misses the requests that carry no MFA key at all; `BoolIfExists` "true" takes
// them in with the MFA sessions.
void checkMfa(const policy::ConditionEntry& e, const policy::Operator& op, const policy::Statement& s,
              LintContext& context) {
  if (op.base != BaseOperator::Bool || op.qualifier != policy::SetQualifier::None ||
      !equalsIgnoreCase(e.key, "aws:MultiFactorAuthPresent"))
    return;
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    if (!equalsIgnoreCase(e.values[i], op.ifExists ? "true" : "false")) continue;
    if (op.ifExists) return reportMfaIfExistsTrue(e, i, s, context);
    Diagnostic& d = context.sink.report(
        DiagCode::RP4026, valueSpan(e, i, s),
        "`Bool` aws:MultiFactorAuthPresent \"false\" never sees requests signed with long-term access keys");
    d.notes.push_back(s.deny ? "those requests carry no aws:MultiFactorAuthPresent at all, and `Bool` on an absent "
                               "key is false: the deny misses exactly the credentials it is meant for"
                             : "those requests carry no aws:MultiFactorAuthPresent at all, and `Bool` on an absent "
                               "key is false: the condition does not hold for them");
    d.help = "write `BoolIfExists`";
    return;
  }
}

// `["true", "false"]`: the condition holds on any value.
void checkBoolValues(const policy::ConditionEntry& e, const policy::Operator& op, const policy::Statement& s,
                     LintContext& context) {
  if (op.base != BaseOperator::Bool && op.base != BaseOperator::Null) return;
  std::optional<std::size_t> i = policy::contradictingBool(e.values);
  if (!i) return;
  Diagnostic& d = context.sink.report(
      DiagCode::RP4019, valueSpan(e, *i, s),
      fmt::format("`{}` takes one boolean: with both `true` and `false` the condition on `{}` always holds{}", e.op,
                  e.key, op.base == BaseOperator::Null ? "" : " when the key is present"));
  d.help = "keep the one value the condition means";
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json) return;
  bool variables = policy::variablesApply(doc.policy);
  for (const policy::Statement& s : doc.statements()) {
    for (const policy::ConditionEntry& e : s.conditions) {
      std::optional<policy::Operator> op = e.oper();
      if (!op) continue;
      for (std::size_t i = 0; i < e.values.size(); ++i) checkValue(e, *op, i, variables, s, context);
      checkBoolValues(e, *op, s, context);
      checkMfa(e, *op, s, context);
    }
  }
}

}  // namespace

extern const LintRule kMalformedConditionValue{
    DiagCode::RP4019,
    "A `Date`, `Numeric`, `Bool` or `IpAddress` operator reads its values as dates, numbers, booleans "
    "or addresses. A value it cannot read (`2026-13-45`, `bad`, `yes`, `10.0.0.300/24`) makes the "
    "comparison false: a `Deny` with it never applies, and with a negated operator it always does. "
    "IAM Access Analyzer reports these as invalid condition values. JSON numbers and booleans are "
    "read like their text (`1735689600`, `false`). A `Bool` with both `true` and `false` always "
    "holds when the key is present (Access Analyzer rejects several booleans), and epoch seconds "
    "past the year 9999 (`1735689600000`) are a time in milliseconds.",
    check, nullptr};

extern const LintRule kCidrHostBits{
    DiagCode::RP4020,
    "A CIDR block whose address has bits set past its prefix (`10.1.2.3/16`) is read as the whole "
    "block (`10.1.0.0/16`). It usually means a different prefix was meant: write the block's first "
    "address, or `/32` for one address.",
    nullptr, nullptr};

extern const LintRule kBadPolicyVariable{
    DiagCode::RP4023,
    "A policy variable is `${key}` or `${key, 'default'}` in a string or ARN value. An unclosed `${`, "
    "a default without single quotes, a key the catalog does not have (`${aws:usrname}`), or a "
    "variable in a `Numeric`, `Date`, `Bool` or `IpAddress` value (where IAM substitutes nothing) "
    "leaves literal text that never matches. `Action` takes no variables at all.",
    nullptr, nullptr};

extern const LintRule kMfaFalseWithoutIfExists{
    DiagCode::RP4026,
    "`\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}` is false when the key is absent, and "
    "requests signed with long-term access keys do not carry the key at all. A deny meant for "
    "requests without MFA therefore misses them; `BoolIfExists` catches both. The opposite trap is "
    "`BoolIfExists` with `\"true\"`: it holds for those requests too, so a Deny hits MFA sessions "
    "and access keys alike, and an Allow lets access keys through without MFA.",
    nullptr, nullptr};

extern const LintRule kWildcardWithoutLike{
    DiagCode::RP4029,
    "`StringEquals` and `StringNotEquals` (and their `IgnoreCase` forms) compare `*` and `?` as "
    "characters. A value with them under these operators matches only that literal text; "
    "`StringLike`/`StringNotLike` match patterns.",
    nullptr, nullptr};

extern const LintRule kPrivateRangeNotIpAddress{
    DiagCode::RP4030,
    "aws:SourceIp holds the public address of a request made over the internet; requests through "
    "VPC endpoints carry a private address of the VPC or none. A `NotIpAddress` deny that lists "
    "private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) therefore denies every internet "
    "request, and is not how to allow internal traffic: test aws:SourceVpc or aws:VpcSourceIp.",
    nullptr, nullptr};

}  // namespace rootpol::lint
