#pragma once

#include <string_view>

#include "policy/document.h"

// Facts about statements that several lint rules ask: coverage of one statement by another
// (over the hub's policy::patternCovers), and which condition keys a statement tests.
// Internal to the lint stage.
namespace rootpol::lint::facts {

// Every request `narrow` applies to, `wide` applies to as well (effects aside): actions,
// resources and conditions (`wide`'s conditions are a subset of `narrow`'s).
bool statementCovers(const policy::Statement& wide, const policy::Statement& narrow);

bool hasConditionOn(const policy::Statement& statement, std::string_view key);
// A condition whose key starts with `prefix` (e.g. "aws:PrincipalTag/").
bool hasConditionWithPrefix(const policy::Statement& statement, std::string_view prefix);
// The statement applies to every action (`"*"`, not NotAction).
bool allActions(const policy::Statement& statement);
// The statement applies to `action` (a concrete action name), considering NotAction.
bool appliesToAction(const policy::Statement& statement, std::string_view action);

}  // namespace rootpol::lint::facts
