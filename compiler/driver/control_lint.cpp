#include "driver/control_lint.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

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

void noteExact(const ast::Rule& rule, const std::vector<controls::RuleControlMatch>& matches,
               DiagnosticSink& sink) {
  const controls::RuleControlMatch& first = matches.front();
  Diagnostic& d =
      sink.report(DiagCode::RP3107, rule.span,
                  fmt::format("this rule is exactly what control {} provides", idList(matches)));
  if (!first.control->name.empty())
    d.notes.push_back(fmt::format("{}: {}", first.control->id, first.control->name));
  std::string with;
  if (!first.exemptions.empty() && first.control->exemption) {
    with = fmt::format(" with {{ {}: {} }}", first.control->exemption->parameter,
                       quotedList(first.exemptions));
  }
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

void lintRulesAgainstControls(const ast::Policy& policy, const policy::Document& document,
                              DiagnosticSink& sink) {
  const controls::ControlCatalog& catalog = controls::ControlCatalog::builtin();
  for (const ast::Rule& rule : policy.rules) {
    std::vector<policy::Statement> statements;
    for (const policy::Statement& s : document.statements) {
      if (s.origin == rule.span) statements.push_back(s);
    }
    std::vector<controls::RuleControlMatch> exact;
    std::vector<controls::RuleControlMatch> near;
    for (controls::RuleControlMatch& m : controls::matchRule(catalog, statements)) {
      (m.kind == controls::RuleControlMatch::Kind::Exact ? exact : near).push_back(std::move(m));
    }
    if (!exact.empty()) {
      noteExact(rule, exact, sink);
    } else if (!near.empty()) {
      noteNotExpressible(rule, near, sink);
    }
  }
}

}  // namespace rootpol::driver
