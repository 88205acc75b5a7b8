// Target references (`root`, `ou Workloads/Prod`, `account audit`) resolved against the tree.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "org/tree_builder.h"
#include "sema/suggest.h"

namespace rootpol::org::detail {
namespace {

// `ou Prod` names every OU called Prod; `ou Workloads/Prod` every OU whose path ends with
// those names, so a path need only be long enough to be unique.
bool pathEndsWith(const std::string& path, const std::vector<std::string>& suffix) {
  std::string joined = fmt::format("{}", fmt::join(suffix, "/"));
  if (path.size() < joined.size() ||
      path.compare(path.size() - joined.size(), joined.size(), joined) != 0) {
    return false;
  }
  return path.size() == joined.size() || path[path.size() - joined.size() - 1] == '/';
}

std::vector<std::string> namesOf(const Model& model, Node::Kind kind) {
  std::vector<std::string> out;
  for (const Node& node : model.nodes) {
    if (node.kind == kind) out.push_back(node.path);
  }
  return out;
}

void reportUnknown(const Model& model, const ast::TargetRef& target, Node::Kind kind,
                   DiagnosticSink& sink) {
  std::string written = fmt::format("{}", fmt::join(target.path, "/"));
  const char* what = kind == Node::Kind::Ou ? "OU" : "account";
  Diagnostic& d =
      sink.report(DiagCode::RP3005, target.span,
                  fmt::format("organization `{}` has no {} `{}`", model.name, what, written));
  if (auto close = sema::closestMatch(written, namesOf(model, kind))) {
    d.help =
        fmt::format("did you mean `{} {}`?", kind == Node::Kind::Ou ? "ou" : "account", *close);
  }
}

}  // namespace

std::optional<NodeIndex> resolveTarget(const Model& model, const ast::TargetRef& target,
                                       DiagnosticSink& sink) {
  if (target.kind == ast::TargetRef::Kind::Root) return kRoot;
  if (!model.declared) {
    sink.report(DiagCode::RP3012, target.span, "this target needs an `organization` declaration")
        .help = "declare the OUs and accounts in `organization NAME { ... }`, or attach to `root`";
    return std::nullopt;
  }
  Node::Kind kind = target.kind == ast::TargetRef::Kind::Ou ? Node::Kind::Ou : Node::Kind::Account;
  std::vector<NodeIndex> found;
  for (NodeIndex i = 0; i < model.nodes.size(); ++i) {
    const Node& node = model.nodes[i];
    if (node.kind == kind && pathEndsWith(node.path, target.path)) found.push_back(i);
  }
  if (found.empty()) {
    reportUnknown(model, target, kind, sink);
    return std::nullopt;
  }
  if (found.size() > 1) {
    std::vector<std::string> paths;
    for (NodeIndex i : found) paths.push_back("ou " + model.nodes[i].path);
    sink.report(DiagCode::RP3006, target.span,
                fmt::format("{} OUs match `ou {}`", found.size(), fmt::join(target.path, "/")))
        .help = fmt::format("write the path: {}", fmt::join(paths, ", "));
    return std::nullopt;
  }
  return found.front();
}

}  // namespace rootpol::org::detail
