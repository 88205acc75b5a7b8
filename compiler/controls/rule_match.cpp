#include "controls/rule_match.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "base/text.h"

namespace rootpol::controls {
namespace {

// A condition entry in a form where equal meaning is equal value: IAM reads condition keys
// without regard to case and a key's values as a set.
struct NormalCondition {
  std::string op;
  std::string key;
  std::vector<std::string> values;
  friend auto operator<=>(const NormalCondition&, const NormalCondition&) = default;
};

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), asciiLower);
  return out;
}

NormalCondition normalized(const policy::ConditionEntry& entry) {
  NormalCondition n{entry.op, lowered(entry.key), entry.values};
  std::sort(n.values.begin(), n.values.end());
  n.values.erase(std::unique(n.values.begin(), n.values.end()), n.values.end());
  return n;
}

// Service prefixes and action names are case-insensitive in IAM; resources are not.
std::set<std::string> actionSet(const std::vector<std::string>& actions) {
  std::set<std::string> out;
  for (const std::string& a : actions) out.insert(lowered(a));
  return out;
}

bool sameTarget(const policy::Statement& rule, const policy::Statement& control) {
  return rule.deny == control.deny && rule.notAction == control.notAction &&
         rule.notResource == control.notResource &&
         actionSet(rule.actions) == actionSet(control.actions) &&
         std::set(rule.resources.begin(), rule.resources.end()) ==
             std::set(control.resources.begin(), control.resources.end());
}

bool isExemption(const policy::ConditionEntry& entry, const std::optional<Exemption>& exemption) {
  return exemption && entry.op == exemption->op && equalsIgnoreCase(entry.key, exemption->key);
}

// "a condition on aws:SourceIp", "conditions on aws:SourceIp and aws:ViaAWSService".
std::string describeKeys(const std::vector<std::string>& keys) {
  std::string out = keys.size() == 1 ? "a condition on " : "conditions on ";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += i + 1 == keys.size() ? " and " : ", ";
    out += keys[i];
  }
  return out;
}

std::optional<RuleControlMatch> matchControl(const Control& control,
                                             const policy::Statement& rule) {
  const policy::Statement& body = *control.statement;
  if (!sameTarget(rule, body)) return std::nullopt;
  std::set<NormalCondition> wanted;
  for (const auto& entry : body.conditions) wanted.insert(normalized(entry));
  std::set<NormalCondition> present;
  std::vector<std::string> exemptions;
  std::vector<std::string> extraKeys;
  for (const auto& entry : rule.conditions) {
    const NormalCondition n = normalized(entry);
    present.insert(n);
    if (wanted.count(n)) continue;
    if (exemptions.empty() && isExemption(entry, control.exemption)) {
      exemptions = entry.values;
    } else if (std::none_of(extraKeys.begin(), extraKeys.end(),
                            [&](const std::string& k) { return equalsIgnoreCase(k, entry.key); })) {
      extraKeys.push_back(entry.key);
    }
  }
  if (!std::includes(present.begin(), present.end(), wanted.begin(), wanted.end())) {
    return std::nullopt;
  }
  if (extraKeys.empty()) {
    return RuleControlMatch{RuleControlMatch::Kind::Exact, &control, std::move(exemptions), ""};
  }
  return RuleControlMatch{
      RuleControlMatch::Kind::NotExpressible, &control, {}, describeKeys(extraKeys)};
}

}  // namespace

std::vector<RuleControlMatch> matchRule(const ControlCatalog& catalog,
                                        const std::vector<policy::Statement>& statements) {
  std::vector<RuleControlMatch> out;
  if (statements.size() != 1) return out;
  for (const Control& control : catalog.all()) {
    if (!control.usesScpSlot() || !control.statement) continue;
    if (auto match = matchControl(control, statements.front())) out.push_back(std::move(*match));
  }
  return out;
}

}  // namespace rootpol::controls
