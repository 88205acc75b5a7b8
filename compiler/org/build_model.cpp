#include "org/build_model.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "org/model_builder.h"
#include "org/tree_builder.h"
#include "sema/suggest.h"

namespace rootpol::org {
namespace detail {

Model ModelBuilder::build(const std::vector<ast::Module*>& modules) {
  Node root;
  root.kind = Node::Kind::Root;
  model_.nodes.push_back(root);
  model_.placements.emplace_back();
  declareOrganization(modules);
  detachSpans_.resize(model_.nodes.size());
  for (ast::Module* module : modules) {
    for (const ast::Attach& decl : module->attaches) attach(decl);
    for (const ast::Detach& decl : module->detaches) detach(decl);
    for (const ast::Control& decl : module->controls) enableControl(decl);
  }
  checkQuotas();
  checkRcpQuotas();
  checkDetachedLevels();
  return std::move(model_);
}

void ModelBuilder::declareOrganization(const std::vector<ast::Module*>& modules) {
  const ast::Organization* first = nullptr;
  for (ast::Module* module : modules) {
    for (const ast::Organization& org : module->organizations) {
      if (first != nullptr) {
        sink_.report(DiagCode::RP3001, org.nameSpan, "a program describes one organization")
            .labels.push_back({first->nameSpan, "the organization is declared here"});
        continue;
      }
      first = &org;
      detail::buildTree(org, options_.ouMaxDepth, model_, sink_);
    }
  }
}

bool ModelBuilder::knownPolicy(const ast::PolicyRef& ref) {
  if (ref.external || ref.file || options_.policyHasAllow.count(ref.name) > 0) return true;
  Diagnostic& d =
      sink_.report(DiagCode::RP3007, ref.span, fmt::format("no policy named `{}`", ref.name));
  std::vector<std::string> names;
  for (const auto& [name, hasAllow] : options_.policyHasAllow) names.push_back(name);
  if (auto close = sema::closestMatch(ref.name, names))
    d.help = fmt::format("did you mean `{}`?", *close);
  if (ref.name == kFullAwsAccess)
    d.help = "FullAWSAccess is attached everywhere unless the program detaches it";
  return false;
}

void ModelBuilder::attach(const ast::Attach& decl) {
  std::vector<const ast::PolicyRef*> policies;
  for (const ast::PolicyRef& ref : decl.policies) {
    if (knownPolicy(ref)) policies.push_back(&ref);
  }
  for (const ast::TargetRef& target : decl.targets) {
    std::optional<NodeIndex> node = detail::resolveTarget(model_, target, sink_);
    if (!node) continue;
    if (model_.nodes[*node].management) {
      sink_.report(DiagCode::RP3009, target.span, "SCPs do not apply to the management account")
          .help =
          "the policy is attached but restricts nothing there; attach it to OUs or member accounts";
    }
    std::vector<Attachment>& attached = model_.placements[*node].attachments;
    for (const ast::PolicyRef* ref : policies) {
      auto same = std::find_if(attached.begin(), attached.end(), [&](const Attachment& a) {
        return a.policy == ref->name && a.external == (ref->external || ref->file) && a.file == ref->file;
      });
      if (same != attached.end()) {
        sink_
            .report(DiagCode::RP3011, ref->span,
                    fmt::format("`{}` is already attached to {}", ref->name,
                                model_.nodes[*node].display()))
            .labels.push_back({same->span, "attached here"});
        continue;
      }
      const bool rcp = !ref->external && !ref->file && options_.rcpPolicies.count(ref->name) > 0;
      attached.push_back(Attachment{ref->name, ref->external || ref->file, ref->span, ref->file, rcp});
    }
  }
}

void ModelBuilder::detach(const ast::Detach& decl) {
  bool ok = true;
  for (const ast::PolicyRef& ref : decl.policies) {
    if (ref.name == kFullAwsAccess) continue;
    ok = false;
    sink_
        .report(DiagCode::RP3015, ref.span,
                fmt::format("only FullAWSAccess can be detached, not `{}`", ref.name))
        .help =
        "policies of the program are attached only where `attach` says; remove it from the "
        "`attach`";
  }
  if (!ok) return;
  for (const ast::TargetRef& target : decl.targets) {
    if (std::optional<NodeIndex> node = detail::resolveTarget(model_, target, sink_)) {
      model_.placements[*node].fullAwsAccess = false;
      detachSpans_[*node] = decl.span;
    }
  }
}

}  // namespace detail

Model buildModel(const std::vector<ast::Module*>& modules, const BuildOptions& options,
                 DiagnosticSink& sink) {
  return detail::ModelBuilder(options, sink).build(modules);
}

}  // namespace rootpol::org
