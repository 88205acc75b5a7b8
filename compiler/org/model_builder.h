#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "org/build_model.h"

// Internal to the org stage: the state of buildModel(), split over build_model.cpp
// (organization, attach, detach), model_controls.cpp and model_quotas.cpp.
namespace rootpol::org::detail {

constexpr std::string_view kFullAwsAccess = "FullAWSAccess";

class ModelBuilder {
 public:
  ModelBuilder(const BuildOptions& options, DiagnosticSink& sink)
      : options_(options),
        catalog_(options.controls != nullptr ? *options.controls
                                             : controls::ControlCatalog::builtin()),
        sink_(sink) {}

  Model build(const std::vector<ast::Module*>& modules);

 private:
  void declareOrganization(const std::vector<ast::Module*>& modules);
  void attach(const ast::Attach& decl);
  bool knownPolicy(const ast::PolicyRef& ref);
  void detach(const ast::Detach& decl);
  void enableControl(const ast::Control& decl);
  void addControl(const ast::Control& decl, const controls::Control& control, NodeIndex target);
  void checkQuotas();
  void checkRcpQuotas();
  void checkDetachedLevels();

  const BuildOptions& options_;
  const controls::ControlCatalog& catalog_;
  DiagnosticSink& sink_;
  Model model_;
  std::vector<std::optional<Span>> detachSpans_;  // per node: where FullAWSAccess was detached
};

}  // namespace rootpol::org::detail
