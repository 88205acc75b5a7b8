#include "controls/rule_match.h"

#include <algorithm>
#include <optional>

#include "base/text.h"
#include "policy/normalise.h"

namespace rootpol::controls {
namespace {

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
  const policy::NormalStatement body = policy::normalise(*control.statement);
  const policy::NormalStatement normal = policy::normalise(rule);
  if (!policy::sameTarget(normal, body)) return std::nullopt;
  // Every condition of the control's body, and any others (the exemption or extra keys).
  if (!std::includes(normal.conditions.begin(), normal.conditions.end(), body.conditions.begin(),
                     body.conditions.end())) {
    return std::nullopt;
  }
  std::vector<std::string> exemptions;
  std::vector<std::string> extraKeys;
  for (const auto& entry : rule.conditions) {
    if (std::binary_search(body.conditions.begin(), body.conditions.end(),
                           policy::normalise(entry))) {
      continue;
    }
    if (exemptions.empty() && isExemption(entry, control.exemption)) {
      exemptions = entry.values;
    } else if (std::none_of(extraKeys.begin(), extraKeys.end(),
                            [&](const std::string& k) { return equalsIgnoreCase(k, entry.key); })) {
      extraKeys.push_back(entry.key);
    }
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
