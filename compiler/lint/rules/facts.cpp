#include "lint/rules/facts.h"

#include <algorithm>
#include <vector>

#include "base/text.h"
#include "policy/glob.h"

namespace rootpol::lint::facts {
namespace {

using policy::patternCovers;

bool resourcesCover(const policy::Statement& wide, const policy::Statement& narrow) {
  if (wide.notResource || narrow.notResource) {
    return wide.notResource == narrow.notResource &&
           wide.resources.size() == narrow.resources.size() &&
           wide.resources == narrow.resources;
  }
  if (wide.resources.empty()) return true;  // absent: every resource
  auto covered = [&](std::string_view n) {
    return std::any_of(wide.resources.begin(), wide.resources.end(),
                       [&](const std::string& w) { return patternCovers(w, n, false); });
  };
  if (narrow.resources.empty()) return covered("*");
  return std::all_of(narrow.resources.begin(), narrow.resources.end(), covered);
}

bool actionsCover(const policy::Statement& wide, const policy::Statement& narrow) {
  auto coveredBy = [](const std::vector<std::string>& patterns, const std::string& a) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return patternCovers(p, a, true); });
  };
  if (!wide.notAction && !narrow.notAction) {
    return std::all_of(narrow.actions.begin(), narrow.actions.end(),
                       [&](const std::string& a) { return coveredBy(wide.actions, a); });
  }
  if (wide.notAction && narrow.notAction) {  // wide excludes no more than narrow does
    return std::all_of(wide.actions.begin(), wide.actions.end(),
                       [&](const std::string& a) { return coveredBy(narrow.actions, a); });
  }
  return !wide.notAction && allActions(wide);
}

// The same values, as multisets, without building them (entries have a few values).
bool sameValues(const policy::ConditionEntry& a, const policy::ConditionEntry& b) {
  if (a.values.size() != b.values.size()) return false;
  return std::all_of(a.values.begin(), a.values.end(), [&](const std::string& v) {
    return std::count(a.values.begin(), a.values.end(), v) ==
           std::count(b.values.begin(), b.values.end(), v);
  });
}

bool conditionsSubset(const policy::Statement& wide, const policy::Statement& narrow) {
  return std::all_of(wide.conditions.begin(), wide.conditions.end(), [&](const policy::ConditionEntry& w) {
    return std::any_of(
        narrow.conditions.begin(), narrow.conditions.end(), [&](const policy::ConditionEntry& n) {
          return w.op == n.op && equalsIgnoreCase(w.key, n.key) && sameValues(w, n);
        });
  });
}

}  // namespace

// `wide`'s principal names every principal `narrow`'s does: the same element, or `"*"`
// (resource policies; SCPs and identity policies name none).
bool principalsCover(const policy::Statement& wide, const policy::Statement& narrow) {
  if (!wide.principal || !narrow.principal) return !wide.principal && !narrow.principal;
  if (wide.principal->notPrincipal) return narrow.principal->notPrincipal && wide.principal->json == narrow.principal->json;
  return wide.principal->json == "\"*\"" ||
         (!narrow.principal->notPrincipal && wide.principal->json == narrow.principal->json);
}

bool statementCovers(const policy::Statement& wide, const policy::Statement& narrow) {
  return principalsCover(wide, narrow) && actionsCover(wide, narrow) && resourcesCover(wide, narrow) &&
         conditionsSubset(wide, narrow);
}

bool hasConditionOn(const policy::Statement& statement, std::string_view key) {
  return std::any_of(statement.conditions.begin(), statement.conditions.end(),
                     [&](const policy::ConditionEntry& c) { return equalsIgnoreCase(c.key, key); });
}

bool hasConditionWithPrefix(const policy::Statement& statement, std::string_view prefix) {
  return std::any_of(
      statement.conditions.begin(), statement.conditions.end(),
      [&](const policy::ConditionEntry& c) {
        return c.key.size() >= prefix.size() &&
               equalsIgnoreCase(std::string_view(c.key).substr(0, prefix.size()), prefix);
      });
}

bool allActions(const policy::Statement& statement) {
  return !statement.notAction && std::any_of(statement.actions.begin(), statement.actions.end(),
                                             [](const std::string& a) { return a == "*"; });
}

bool appliesToAction(const policy::Statement& statement, std::string_view action) {
  bool listed = std::any_of(statement.actions.begin(), statement.actions.end(),
                            [&](const std::string& a) { return patternCovers(a, action, true); });
  return statement.notAction ? !listed : listed;
}

}  // namespace rootpol::lint::facts
