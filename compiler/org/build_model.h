#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "controls/control_catalog.h"
#include "org/model.h"

namespace rootpol::org {

struct BuildOptions {
  std::size_t scpsPerTarget = 0;
  std::size_t ouMaxDepth = 0;
  std::string limitsName;                              // the limits table's name, for messages
  const controls::ControlCatalog* controls = nullptr;  // nullptr: the built-in catalog
  // The program's policies by name: true when the policy has an `allow` rule (used to warn
  // when FullAWSAccess is detached and nothing allows in its place).
  std::map<std::string, bool> policyHasAllow;
  std::size_t rcpsPerTarget = 0;
  std::set<std::string> rcpPolicies;  // the program's `resource policy` names
};

// Resolves the program's organization, attach, detach and control declarations (after sema
// has checked the control parameters) into the model and validates it: ids, names, depth,
// targets, attachment quotas. Reports into the sink; the model is meaningful only when no
// error was reported.
Model buildModel(const std::vector<ast::Module*>& modules, const BuildOptions& options,
                 DiagnosticSink& sink);

}  // namespace rootpol::org
