#pragma once

#include <string>

#include "ast/ast.h"

namespace rootpol::ast {

// A stable, indented text dump of a module (a test oracle for the parser).
std::string printModule(const Module& module);
std::string printCond(const Cond& cond);

}  // namespace rootpol::ast
