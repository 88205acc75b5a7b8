// Organization, attach, detach and control declarations: parse tree -> AST.
#include <fmt/format.h>

#include "syntax/ast_builder.h"

namespace rootpol::syntax {

using P = rootpol_gen::RootPolParser;

ast::IdLiteral AstBuilder::idLiteral(antlr4::tree::TerminalNode* string) {
  return ast::IdLiteral{decode(string->getSymbol()), span(string)};
}

void AstBuilder::buildOrganization(P::OrganizationDeclContext* ctx, ast::Module& module) {
  ast::Organization org;
  org.name = ctx->name()->getText();
  org.nameSpan = span(ctx->name());
  org.span = span(ctx);
  if (ctx->STRING() != nullptr) org.id = idLiteral(ctx->STRING());
  for (auto* item : ctx->orgItem()) {
    Span s = span(item);
    auto setOnce = [&](std::optional<ast::IdLiteral>& slot, antlr4::tree::TerminalNode* value,
                       const char* what) {
      if (slot) {
        sink_.report(DiagCode::RP0010, s, fmt::format("`{}` given twice", what))
            .labels.push_back({slot->span, "first given here"});
      }
      slot = idLiteral(value);
    };
    if (auto* m = dynamic_cast<P::ManagementItemContext*>(item)) {
      setOnce(org.management, m->STRING(), "management");
    } else if (auto* r = dynamic_cast<P::RootItemContext*>(item)) {
      setOnce(org.rootId, r->STRING(), "root");
    } else if (auto* setting = dynamic_cast<P::SettingItemContext*>(item)) {
      ast::OrgSetting built{setting->IDENT()->getText(), span(setting->IDENT()), {}};
      if (setting->STRING() != nullptr) {
        built.value = idLiteral(setting->STRING());
      } else {
        built.value = ast::IdLiteral{setting->name()->getText(), span(setting->name())};
        built.word = true;
      }
      org.settings.push_back(std::move(built));
    } else if (auto node = buildOrgNode(item)) {
      org.children.push_back(std::move(*node));
    }
  }
  module.organizations.push_back(std::move(org));
}

// OUs and accounts nest; `management`, `root` and settings belong to the organization itself.
std::optional<ast::OrgNode> AstBuilder::buildOrgNode(P::OrgItemContext* item) {
  ast::OrgNode node;
  node.span = span(item);
  if (auto* account = dynamic_cast<P::AccountItemContext*>(item)) {
    node.kind = ast::OrgNode::Kind::Account;
    node.name = account->name()->getText();
    node.nameSpan = span(account->name());
    node.id = idLiteral(account->STRING());
    return node;
  }
  auto* ou = dynamic_cast<P::OuItemContext*>(item);
  if (ou == nullptr) {
    sink_.report(DiagCode::RP0010, node.span, "only `ou` and `account` may appear inside an OU")
        .help = "`management`, `root` and settings belong to the organization block";
    return std::nullopt;
  }
  node.kind = ast::OrgNode::Kind::Ou;
  node.name = ou->name()->getText();
  node.nameSpan = span(ou->name());
  if (ou->STRING() != nullptr) node.id = idLiteral(ou->STRING());
  for (auto* child : ou->orgItem()) {
    if (auto built = buildOrgNode(child)) node.children.push_back(std::move(*built));
  }
  return node;
}

ast::TargetRef AstBuilder::buildTarget(P::TargetContext* ctx) {
  ast::TargetRef target;
  target.span = span(ctx);
  if (auto* ou = dynamic_cast<P::OuTargetContext*>(ctx)) {
    target.kind = ast::TargetRef::Kind::Ou;
    for (auto* name : ou->name()) target.path.push_back(name->getText());
  } else if (auto* account = dynamic_cast<P::AccountTargetContext*>(ctx)) {
    target.kind = ast::TargetRef::Kind::Account;
    target.path.push_back(account->name()->getText());
  }
  return target;
}

std::vector<ast::TargetRef> AstBuilder::buildTargets(
    const std::vector<P::TargetContext*>& targets) {
  std::vector<ast::TargetRef> out;
  for (auto* t : targets) out.push_back(buildTarget(t));
  return out;
}

void AstBuilder::buildAttach(P::AttachDeclContext* ctx, ast::Module& module) {
  ast::Attach attach;
  attach.span = span(ctx);
  for (auto* attachee : ctx->attachee()) {
    ast::PolicyRef ref;
    ref.span = span(attachee);
    if (auto* external = dynamic_cast<P::ExternalAttacheeContext*>(attachee)) {
      ref.name = decode(external->STRING()->getSymbol());
      ref.external = true;
    } else if (auto* file = dynamic_cast<P::FileAttacheeContext*>(attachee)) {
      ref.name = decode(file->STRING()->getSymbol());
      ref.file = true;
      ref.pathSpan = span(file->STRING()->getSymbol());
    } else if (auto* named = dynamic_cast<P::PolicyAttacheeContext*>(attachee)) {
      ref.name = named->name()->getText();
    }
    attach.policies.push_back(std::move(ref));
  }
  attach.targets = buildTargets(ctx->target());
  module.attaches.push_back(std::move(attach));
}

void AstBuilder::buildDetach(P::DetachDeclContext* ctx, ast::Module& module) {
  ast::Detach detach;
  detach.span = span(ctx);
  for (auto* name : ctx->name())
    detach.policies.push_back(ast::PolicyRef{name->getText(), false, span(name), false, {}});
  detach.targets = buildTargets(ctx->target());
  module.detaches.push_back(std::move(detach));
}

// Control ids are several tokens (`CT` `.` `MULTISERVICE` ...); like action patterns they
// must be written without blanks.
void AstBuilder::buildControl(P::ControlDeclContext* ctx, ast::Module& module) {
  ast::Control control;
  control.span = span(ctx);
  auto* id = ctx->controlId();
  control.idSpan = span(id);
  control.id = id->getText();
  if (id->getStop()->getStopIndex() + 1 - id->getStart()->getStartIndex() != control.id.size()) {
    sink_.report(DiagCode::RP0006, control.idSpan, "blank inside control id").help =
        "write the id without spaces, as in `CT.MULTISERVICE.PV.1`";
  }
  control.targets = buildTargets(ctx->target());
  for (auto* param : ctx->param()) {
    ast::ControlParam p;
    p.name = param->name()->getText();
    p.nameSpan = span(param->name());
    p.value = buildExpr(param->expr());
    for (const ast::ControlParam& seen : control.params) {
      if (seen.name == p.name) {
        sink_
            .report(DiagCode::RP0010, p.nameSpan, fmt::format("parameter `{}` given twice", p.name))
            .labels.push_back({seen.nameSpan, "first given here"});
      }
    }
    control.params.push_back(std::move(p));
  }
  module.controls.push_back(std::move(control));
}

}  // namespace rootpol::syntax
