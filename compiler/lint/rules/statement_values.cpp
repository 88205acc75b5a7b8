// RP4028, RP4031, RP4032: the values of one statement: wildcards in a service prefix, empty
// values, and values another value of the same list already covers.
#include <fmt/format.h>

#include "base/text.h"
#include "lint/rule.h"
#include "policy/glob.h"

namespace rootpol::lint {
namespace {

// Lists longer than this are only checked for exact duplicates: coverage is pairwise.
constexpr std::size_t kPairwiseUpTo = 256;

Span at(const std::vector<Span>& spans, std::size_t i, Span fallback) {
  return i < spans.size() && spans[i].valid() ? spans[i] : fallback;
}

// The first earlier-or-wider value that makes values[i] redundant, if any.
// A value listed twice is reported as such (on the later copy) before any coverage.
std::optional<std::size_t> coveredBy(const std::vector<std::string>& values, std::size_t i, bool ignoreCase) {
  auto same = [&](std::size_t j) {
    return ignoreCase ? equalsIgnoreCase(values[i], values[j]) : values[i] == values[j];
  };
  for (std::size_t j = 0; j < i; ++j) {
    if (same(j)) return j;
  }
  if (values.size() > kPairwiseUpTo) return std::nullopt;
  for (std::size_t j = 0; j < values.size(); ++j) {
    if (j != i && !same(j) && policy::patternCovers(values[j], values[i], ignoreCase)) return j;
  }
  return std::nullopt;
}

void reportRedundant(const std::vector<std::string>& values, const std::vector<Span>& spans, Span fallback,
                     std::string_view what, bool ignoreCase, LintContext& context) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::optional<std::size_t> j = coveredBy(values, i, ignoreCase);
    if (!j) continue;
    bool same = ignoreCase ? equalsIgnoreCase(values[i], values[*j]) : values[i] == values[*j];
    Diagnostic& d = context.sink.report(
        DiagCode::RP4032, at(spans, i, fallback),
        same ? fmt::format("the {} `{}` is listed twice", what, values[i])
             : fmt::format("the {} `{}` is already covered by `{}`", what, values[i], values[*j]));
    d.labels.push_back(Label{at(spans, *j, fallback), same ? "first listed here" : "which covers it"});
    d.help = "remove it: it changes nothing and costs bytes of the size quota";
  }
}

void checkActions(const policy::Statement& s, LintContext& context) {
  for (std::size_t i = 0; i < s.actions.size(); ++i) {
    const std::string& a = s.actions[i];
    std::string_view prefix = std::string_view(a).substr(0, a.find(':'));
    if (a == "*" || a.find(':') == std::string::npos || !hasWildcard(prefix))
      continue;
    context.sink.report(DiagCode::RP4028, at(s.actionSpans, i, s.actionSpan),
                        fmt::format("`{}` has a wildcard in its service prefix", a))
        .help = "IAM takes wildcards in the action name only: list the services (`s3:Get*`, "
                "`ec2:Get*`), or write `*` for every action";
  }
}

void checkEmpty(const policy::Statement& s, LintContext& context) {
  if (s.sidSpan.valid() && s.sid.empty()) {
    context.sink.report(DiagCode::RP4031, s.sidSpan, "an empty `Sid`").help =
        "remove it, or name the statement";
  }
  for (const policy::ConditionEntry& e : s.conditions) {
    if (!e.values.empty()) continue;
    context.sink.report(DiagCode::RP4031, keySpanOf(e, s), fmt::format("`{}` has no values", e.key))
        .help = "a condition without values never holds: list the values, or remove it";
  }
}

// A condition value listed twice (the later copy is reported). Under `StringEqualsIgnoreCase` and
// its kin, `Admins` and `admins` are one value.
void reportDuplicateValues(const policy::ConditionEntry& e, const policy::Statement& s, LintContext& context) {
  bool ignoreCase = e.op.find("IgnoreCase") != std::string::npos;
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (ignoreCase ? !equalsIgnoreCase(e.values[i], e.values[j]) : e.values[i] != e.values[j]) continue;
      context.sink
          .report(DiagCode::RP4032, at(e.valueSpans, i, keySpanOf(e, s)),
                  fmt::format("the value `{}` of `{}` is listed twice", e.values[i], e.key))
          .labels.push_back(Label{at(e.valueSpans, j, keySpanOf(e, s)), "first listed here"});
      break;
    }
  }
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json) return;
  for (const policy::Statement& s : doc.statements()) {
    checkActions(s, context);
    checkEmpty(s, context);
    reportRedundant(s.actions, s.actionSpans, s.actionSpan, s.notAction ? "excluded action" : "action",
                    true, context);
    reportRedundant(s.resources, s.resourceSpans, s.resourceSpan, "resource", false, context);
    for (const policy::ConditionEntry& e : s.conditions) reportDuplicateValues(e, s, context);
  }
}

}  // namespace

extern const LintRule kWildcardServicePrefix{
    DiagCode::RP4028,
    "IAM accepts wildcards in the name of an action (`s3:Get*`) but not in its service prefix "
    "(`s*:Get*`, `*:Get*`): AWS rejects the policy. List the services, or write `*` for every "
    "action.",
    check, nullptr};

extern const LintRule kEmptyValue{
    DiagCode::RP4031,
    "An empty `Sid`, a condition operator or `Condition` with no keys, or a condition key with no "
    "values is either rejected by AWS or means nothing: a key without values never matches. Remove "
    "it, or fill it in.",
    nullptr, nullptr};

extern const LintRule kRedundantValue{
    DiagCode::RP4032,
    "An action, resource or condition value listed twice, or covered by a wildcard of the same "
    "list (`s3:GetObject` next to `s3:Get*`), changes nothing. Removing it makes the statement say "
    "what it does and frees bytes of the size quota. Under an `IgnoreCase` operator, values that "
    "differ only in case are the same value.",
    nullptr, nullptr};

}  // namespace rootpol::lint
