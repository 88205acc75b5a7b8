#include "policy/normalise.h"

#include <algorithm>

#include "base/text.h"
#include "policy/operators.h"

namespace rootpol::policy {
namespace {

void sortUnique(std::vector<std::string>& items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
}

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), asciiLower);
  return out;
}

std::string operatorSpelling(const std::string& name, const NormalOptions& options) {
  std::optional<Operator> op = parseOperator(name);
  if (!op) return name;
  if (options.dropNegatedIfExists && op->qualifier == SetQualifier::None && isNegated(op->base)) {
    op->ifExists = false;
  }
  return operatorName(*op);
}

}  // namespace

NormalCondition normalise(const ConditionEntry& entry, const NormalOptions& options) {
  NormalCondition out{operatorSpelling(entry.op, options), lowered(entry.key), entry.values};
  sortUnique(out.values);
  return out;
}

NormalStatement normalise(const Statement& statement, const NormalOptions& options) {
  NormalStatement out;
  out.deny = statement.deny;
  if (statement.principal) {
    out.notPrincipal = statement.principal->notPrincipal;
    out.principal = statement.principal->json;
  }
  out.notAction = statement.notAction;
  for (const std::string& action : statement.actions) out.actions.push_back(lowered(action));
  sortUnique(out.actions);
  out.notResource = statement.notResource;
  out.resources = statement.resources;
  if (out.resources.empty() && options.absentResourceIsStar) out.resources.push_back("*");
  sortUnique(out.resources);
  for (const ConditionEntry& entry : statement.conditions) {
    out.conditions.push_back(normalise(entry, options));
  }
  std::sort(out.conditions.begin(), out.conditions.end());
  out.conditions.erase(std::unique(out.conditions.begin(), out.conditions.end()),
                       out.conditions.end());
  return out;
}

bool sameTarget(const NormalStatement& a, const NormalStatement& b) {
  return a.deny == b.deny && a.notPrincipal == b.notPrincipal && a.principal == b.principal &&
         a.notAction == b.notAction && a.actions == b.actions && a.notResource == b.notResource &&
         a.resources == b.resources;
}

bool sameStatement(const Statement& a, const Statement& b, const NormalOptions& options) {
  return normalise(a, options) == normalise(b, options);
}

}  // namespace rootpol::policy
