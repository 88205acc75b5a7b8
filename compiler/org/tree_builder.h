#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "org/model.h"

// Internal to the org stage: builds the node tree from `organization { ... }` and resolves
// target references against it.
namespace rootpol::org::detail {

void buildTree(const ast::Organization& org, std::size_t ouMaxDepth, Model& model,
               DiagnosticSink& sink);

// The named settings (`home_region`, `root_access`) into the model; org/settings.cpp.
void applySettings(const ast::Organization& org, Model& model, DiagnosticSink& sink);

// The node a target names, or nullopt after reporting (unknown, ambiguous, no organization).
std::optional<NodeIndex> resolveTarget(const Model& model, const ast::TargetRef& target,
                                       DiagnosticSink& sink);

}  // namespace rootpol::org::detail
