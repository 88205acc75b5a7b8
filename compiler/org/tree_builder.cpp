#include "org/tree_builder.h"

#include <fmt/format.h>

#include <map>
#include <regex>

#include "sema/literals.h"

namespace rootpol::org::detail {
namespace {

// Id formats from the Organizations API (aws-facts §2.1).
const std::regex kRootId("r-[0-9a-z]{4,32}");
const std::regex kOuId("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");
const std::regex kOrganizationId("o-[a-z0-9]{10,32}");

void checkId(const ast::IdLiteral& id, const std::regex& format, const char* what,
             const char* example, DiagnosticSink& sink) {
  if (std::regex_match(id.text, format)) return;
  sink.report(DiagCode::RP3003, id.span, fmt::format("`{}` is not {} id", id.text, what)).help =
      fmt::format("AWS writes them like \"{}\"", example);
}

bool checkAccountId(const ast::IdLiteral& id, DiagnosticSink& sink) {
  if (auto problem = sema::checkAccount(id.text, false)) {
    sema::reportLiteralProblem(*problem, id.span, sink);
    return false;
  }
  return true;
}

class TreeBuilder {
 public:
  TreeBuilder(std::size_t ouMaxDepth, Model& model, DiagnosticSink& sink)
      : ouMaxDepth_(ouMaxDepth), model_(model), sink_(sink) {}

  void addChildren(const std::vector<ast::OrgNode>& children, NodeIndex parent,
                   std::size_t ouDepth) {
    std::map<std::string, const ast::OrgNode*> siblings;
    for (const ast::OrgNode& child : children) {
      checkNameLength(child);
      if (child.kind == ast::OrgNode::Kind::Ou) {
        auto [it, fresh] = siblings.emplace(child.name, &child);
        if (!fresh) {
          sink_
              .report(DiagCode::RP3002, child.nameSpan,
                      fmt::format("two OUs named `{}` in one parent", child.name))
              .labels.push_back({it->second->nameSpan, "first declared here"});
          continue;
        }
        addOu(child, parent, ouDepth + 1);
      } else {
        addAccount(child, parent);
      }
    }
  }

 private:
  // AWS Organizations: an OU name is 1-128 characters (CreateOrganizationalUnit), an account
  // name 1-50 (CreateAccount). The grammar's names hold only characters both accept.
  void checkNameLength(const ast::OrgNode& node) {
    const bool ou = node.kind == ast::OrgNode::Kind::Ou;
    const std::size_t limit = ou ? 128 : 50;
    if (node.name.size() <= limit) return;
    sink_
        .report(DiagCode::RP1027, node.nameSpan,
                fmt::format("{} name is {} characters; AWS accepts at most {}", ou ? "an OU" : "an account",
                            node.name.size(), limit))
        .help = ou ? "AWS Organizations limits OU names to 128 characters"
                   : "AWS Organizations limits account names to 50 characters";
  }

  NodeIndex addNode(Node node, NodeIndex parent) {
    node.parent = parent;
    node.depth = model_.nodes.at(parent).depth + 1;
    NodeIndex index = model_.nodes.size();
    model_.nodes.push_back(std::move(node));
    model_.placements.emplace_back();
    model_.nodes.at(parent).children.push_back(index);
    return index;
  }

  void addOu(const ast::OrgNode& ou, NodeIndex parent, std::size_t ouDepth) {
    if (ouDepth > ouMaxDepth_ && !depthReported_) {
      depthReported_ = true;
      sink_
          .report(DiagCode::RP3004, ou.nameSpan,
                  fmt::format("OU `{}` is nested {} levels deep; the limits table allows {}",
                              ou.name, ouDepth, ouMaxDepth_))
          .help = "AWS Organizations allows OUs at most five levels under the root";
    }
    Node node;
    node.kind = Node::Kind::Ou;
    node.name = ou.name;
    const Node& parentNode = model_.nodes.at(parent);
    node.path = parentNode.kind == Node::Kind::Root ? ou.name : parentNode.path + "/" + ou.name;
    node.span = ou.nameSpan;
    if (ou.id) {
      checkId(*ou.id, kOuId, "an OU", "ou-ab12-34cd56ef", sink_);
      claimId(*ou.id);
      node.id = ou.id->text;
    }
    addChildren(ou.children, addNode(std::move(node), parent), ouDepth);
  }

  void addAccount(const ast::OrgNode& account, NodeIndex parent) {
    auto [it, fresh] = accounts_.emplace(account.name, &account);
    if (!fresh) {
      sink_
          .report(DiagCode::RP3002, account.nameSpan,
                  fmt::format("two accounts named `{}`", account.name))
          .labels.push_back({it->second->nameSpan, "first declared here"});
      return;
    }
    Node node;
    node.kind = Node::Kind::Account;
    node.name = node.path = account.name;
    node.span = account.nameSpan;
    if (account.id) {
      if (checkAccountId(*account.id, sink_)) claimId(*account.id);
      node.id = account.id->text;
      node.management = model_.managementAccountId == account.id->text;
    }
    addNode(std::move(node), parent);
  }

  // The management account may appear in the tree with its own id; any other repeat is an error.
  void claimId(const ast::IdLiteral& id) {
    auto [it, fresh] = ids_.emplace(id.text, id.span);
    if (fresh) return;
    sink_.report(DiagCode::RP3013, id.span, fmt::format("id `{}` is declared twice", id.text))
        .labels.push_back({it->second, "first declared here"});
  }

  std::size_t ouMaxDepth_;
  Model& model_;
  DiagnosticSink& sink_;
  std::map<std::string, const ast::OrgNode*> accounts_;
  std::map<std::string, Span> ids_;
  bool depthReported_ = false;
};

}  // namespace

void buildTree(const ast::Organization& org, std::size_t ouMaxDepth, Model& model,
               DiagnosticSink& sink) {
  model.declared = true;
  model.name = org.name;
  if (org.id) {
    checkId(*org.id, kOrganizationId, "an organization", "o-a1b2c3d4e5", sink);
    model.organizationId = org.id->text;
  }
  if (org.management && checkAccountId(*org.management, sink))
    model.managementAccountId = org.management->text;
  if (org.rootId) {
    checkId(*org.rootId, kRootId, "a root", "r-ab12", sink);
    model.nodes.at(kRoot).id = org.rootId->text;
  }
  applySettings(org, model, sink);
  TreeBuilder(ouMaxDepth, model, sink).addChildren(org.children, kRoot, 0);
}

}  // namespace rootpol::org::detail
