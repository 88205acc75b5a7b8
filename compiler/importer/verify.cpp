#include "importer/verify.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/text.h"
#include "driver/compilation.h"
#include "policy/operators.h"

namespace rootpol::importer {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::set<std::string> lowerSet(const std::vector<std::string>& items) {
  std::set<std::string> out;
  for (const std::string& s : items) out.insert(lower(s));
  return out;
}

std::set<std::string> resourceSet(const std::vector<std::string>& items) {
  if (items.empty()) return {"*"};
  return {items.begin(), items.end()};
}

// A negated matcher is true on an absent key with or without `IfExists`.
std::string operatorClass(const std::string& name) {
  std::optional<policy::Operator> op = policy::parseOperator(name);
  if (!op) return name;
  if (op->qualifier == policy::SetQualifier::None && op->ifExists && policy::isNegated(op->base)) {
    op->ifExists = false;
  }
  return policy::operatorName(*op);
}

using Entries = std::map<std::pair<std::string, std::string>, std::set<std::string>>;

Entries entries(const policy::Statement& s) {
  Entries out;
  for (const policy::ConditionEntry& e : s.conditions) {
    auto& values = out[{operatorClass(e.op), lower(e.key)}];
    values.insert(e.values.begin(), e.values.end());
  }
  return out;
}

std::string describe(const Entries::value_type& entry) {
  std::vector<std::string> values(entry.second.begin(), entry.second.end());
  return fmt::format("`{}` on `{}` with {}", entry.first.first, entry.first.second, fmt::join(values, ", "));
}

std::optional<std::string> conditionDifference(const Entries& original, const Entries& compiled) {
  for (const auto& entry : original) {
    auto it = compiled.find(entry.first);
    if (it == compiled.end() || it->second != entry.second) {
      return fmt::format("the condition {} does not come back", describe(entry));
    }
  }
  for (const auto& entry : compiled) {
    if (original.count(entry.first) == 0) return fmt::format("it gains the condition {}", describe(entry));
  }
  return std::nullopt;
}

std::uint32_t lineOf(const driver::Compilation& c, const Span& span) {
  if (!c.sources().has(span.file)) return 0;
  return c.sources().file(span.file).lineCol(span.begin).line;
}

// Size is not the importer's business: `rootpol compile` of the result reports it.
bool blocking(const Diagnostic& d) {
  return d.severity == Severity::Error && d.code != DiagCode::RP2001;
}

}  // namespace

bool Verdict::ok() const {
  return !toolFailure && !program &&
         std::all_of(rules.begin(), rules.end(), [](const auto& r) { return !r.has_value(); });
}

std::optional<std::string> difference(const policy::Statement& original, const policy::Statement& compiled) {
  if (original.deny != compiled.deny) return "its effect changes";
  auto principal = [](const policy::Statement& s) {
    return s.principal ? (s.principal->notPrincipal ? "NotPrincipal " : "Principal ") + s.principal->json : "";
  };
  if (principal(original) != principal(compiled)) return "its principal changes";
  if (original.notAction != compiled.notAction || lowerSet(original.actions) != lowerSet(compiled.actions)) {
    return "its actions change";
  }
  if (original.notResource != compiled.notResource ||
      resourceSet(original.resources) != resourceSet(compiled.resources)) {
    return "its resources change";
  }
  return conditionDifference(entries(original), entries(compiled));
}

Verdict verify(const std::string& name, const WrittenProgram& program, const policy::Document& original) {
  Verdict verdict;
  verdict.rules.resize(program.ruleLines.size());
  driver::Options options;
  options.extraSources.emplace_back(name, program.text);
  driver::Compilation compilation(options);
  if (!compilation.run()) {
    verdict.toolFailure = true;
    return verdict;
  }
  std::map<std::uint32_t, std::size_t> ruleAt;
  for (std::size_t i = 0; i < program.ruleLines.size(); ++i) ruleAt[program.ruleLines[i]] = i;
  for (const Diagnostic& d : compilation.diagnostics().diagnostics()) {
    if (!blocking(d)) continue;
    auto it = d.span ? ruleAt.find(lineOf(compilation, *d.span)) : ruleAt.end();
    std::string problem = fmt::format("{} {}", diagInfo(d.code).code, d.message);
    if (it == ruleAt.end()) {
      if (!verdict.program) verdict.program = problem;
    } else if (!verdict.rules[it->second]) {
      verdict.rules[it->second] = problem;
    }
  }
  if (!verdict.ok() || compilation.policies().size() != 1) {
    if (verdict.ok()) verdict.program = "the program does not compile to one policy";
    return verdict;
  }
  std::vector<std::vector<const policy::Statement*>> byRule(program.ruleLines.size());
  for (const policy::Statement& s : compilation.policies().front().document.statements) {
    auto it = ruleAt.find(lineOf(compilation, s.origin));
    if (it != ruleAt.end()) byRule[it->second].push_back(&s);
  }
  for (std::size_t i = 0; i < byRule.size() && i < original.statements.size(); ++i) {
    if (byRule[i].size() != 1) {
      verdict.rules[i] = fmt::format("it compiles to {} statements", byRule[i].size());
    } else {
      verdict.rules[i] = difference(original.statements[i], *byRule[i].front());
    }
  }
  return verdict;
}

}  // namespace rootpol::importer
