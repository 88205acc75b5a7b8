#include "driver/control_lint.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>

#include "base/text.h"
#include "controls/rule_match.h"

namespace rootpol::driver {
namespace {

std::string quotedList(const std::vector<std::string>& values) {
  std::vector<std::string> quoted;
  for (const std::string& v : values) quoted.push_back(fmt::format("\"{}\"", v));
  return fmt::format("[{}]", fmt::join(quoted, ", "));
}

std::string idList(const std::vector<controls::RuleControlMatch>& matches) {
  std::vector<std::string> ids;
  for (const auto& m : matches) ids.push_back(fmt::format("`{}`", m.control->id));
  return fmt::format("{}", fmt::join(ids, ", "));
}

bool exemptsAssumeRoot(const policy::ConditionEntry& entry) {
  return entry.op == "Null" && equalsIgnoreCase(entry.key, "aws:AssumedRoot") && entry.values.size() == 1 &&
         equalsIgnoreCase(entry.values.front(), "true");
}

void noteExact(const ast::Rule& rule, const std::vector<controls::RuleControlMatch>& matches,
               bool exemptAssumeRoot, DiagnosticSink& sink) {
  const controls::RuleControlMatch& first = matches.front();
  Diagnostic& d =
      sink.report(DiagCode::RP3107, rule.span,
                  fmt::format("this rule is exactly what control {} provides", idList(matches)));
  if (!first.control->name.empty())
    d.notes.push_back(fmt::format("{}: {}", first.control->id, first.control->name));
  std::vector<std::string> params;
  if (!first.exemptions.empty() && first.control->exemption) {
    params.push_back(fmt::format("{}: {}", first.control->exemption->parameter, quotedList(first.exemptions)));
  }
  if (exemptAssumeRoot) params.push_back(fmt::format("{}: true", kExemptAssumeRoot));
  const std::string with = params.empty() ? "" : fmt::format(" with {{ {} }}", fmt::join(params, ", "));
  d.help = fmt::format("`control {} on ou ...{}` lets Control Tower enforce it and report drift",
                       first.control->id, with);
}

void noteNotExpressible(const ast::Rule& rule,
                        const std::vector<controls::RuleControlMatch>& matches,
                        DiagnosticSink& sink) {
  sink.report(DiagCode::RP3108, rule.span,
              fmt::format("this rule is control {} plus {}, which the control cannot express",
                          idList(matches), matches.front().reason))
      .help = "keep it as an SCP";
}

}  // namespace

std::vector<std::vector<policy::Statement>> statementsByRule(const ast::Policy& policy, const policy::Document& document) {
  std::map<std::tuple<FileId, std::uint32_t, std::uint32_t>, std::size_t> ruleAt;
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const Span& span = policy.rules[i].span;
    ruleAt.emplace(std::tuple{span.file, span.begin, span.end}, i);
  }
  std::vector<std::vector<policy::Statement>> out(policy.rules.size());
  for (const policy::Statement& s : document.statements) {
    auto it = ruleAt.find(std::tuple{s.origin.file, s.origin.begin, s.origin.end});
    if (it != ruleAt.end()) out[it->second].push_back(s);
  }
  return out;
}

RuleControls matchRuleControls(std::vector<policy::Statement> statements) {
  const controls::ControlCatalog& catalog = controls::ControlCatalog::builtin();
  // `for root credentials` is a root control with its ExemptAssumeRoot parameter: matched
  // without the Null entry, against the controls that take the parameter.
  bool exempting = false;
  std::vector<policy::Statement> withoutExemption = statements;
  for (policy::Statement& s : withoutExemption) {
    auto at = std::remove_if(s.conditions.begin(), s.conditions.end(), exemptsAssumeRoot);
    exempting = exempting || at != s.conditions.end();
    s.conditions.erase(at, s.conditions.end());
  }
  if (exempting) {
    RuleControls out{{}, true};
    for (controls::RuleControlMatch& m : controls::matchRule(catalog, withoutExemption)) {
      if (m.control->parameter(kExemptAssumeRoot) != nullptr) out.matches.push_back(std::move(m));
    }
    if (!out.matches.empty()) return out;
  }
  return RuleControls{controls::matchRule(catalog, statements), false};
}

void lintRulesAgainstControls(const ast::Policy& policy, const policy::Document& document,
                              DiagnosticSink& sink) {
  std::vector<std::vector<policy::Statement>> byRule = statementsByRule(policy, document);
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const ast::Rule& rule = policy.rules[i];
    RuleControls found = matchRuleControls(std::move(byRule[i]));
    std::vector<controls::RuleControlMatch> exact;
    std::vector<controls::RuleControlMatch> near;
    for (controls::RuleControlMatch& m : found.matches) {
      (m.kind == controls::RuleControlMatch::Kind::Exact ? exact : near).push_back(std::move(m));
    }
    if (!exact.empty()) {
      noteExact(rule, exact, found.exemptAssumeRoot, sink);
    } else if (!near.empty()) {
      noteNotExpressible(rule, near, sink);
    }
  }
}

}  // namespace rootpol::driver
