#pragma once

#include <vector>

#include "alerts/alert.h"
#include "ast/ast.h"

namespace rootpol::lower {

// A checked `alert` (ast::Alert::checked) as the emitters read it: its classes resolved in
// stdlib's table and listed once each, in the order written.
alerts::Alert lowerAlert(const ast::Alert& alert);

}  // namespace rootpol::lower
