#include "org/model.h"

#include <algorithm>

namespace rootpol::org {

std::string Node::display() const {
  switch (kind) {
    case Kind::Root:
      return "root";
    case Kind::Ou:
      return "ou " + path;
    case Kind::Account:
      return "account " + name;
  }
  return name;
}

std::size_t Model::slotsUsed(NodeIndex node) const {
  const Placement& p = placements.at(node);
  std::size_t rcps = std::count_if(p.attachments.begin(), p.attachments.end(), [](const Attachment& a) { return a.rcp; });
  std::size_t used = p.attachments.size() - rcps + (p.fullAwsAccess ? 1 : 0);
  bool guardrailScp = std::any_of(p.controls.begin(), p.controls.end(),
                                  [&](std::size_t c) { return controls.at(c).usesScpSlot; });
  return used + (guardrailScp ? 1 : 0);
}

std::size_t Model::rcpSlotsUsed(NodeIndex node) const {
  const Placement& p = placements.at(node);
  return 1 + std::count_if(p.attachments.begin(), p.attachments.end(), [](const Attachment& a) { return a.rcp; });
}

std::vector<NodeIndex> Model::chain(NodeIndex node) const {
  std::vector<NodeIndex> out;
  for (std::optional<NodeIndex> at = node; at; at = nodes.at(*at).parent) out.push_back(*at);
  std::reverse(out.begin(), out.end());
  return out;
}

bool Model::hasAccount(std::string_view accountId) const {
  if (managementAccountId == accountId) return true;
  return std::any_of(nodes.begin(), nodes.end(),
                     [&](const Node& n) { return n.kind == Node::Kind::Account && n.id == accountId; });
}

}  // namespace rootpol::org
