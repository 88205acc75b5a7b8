// Top-level declarations and rules: parse tree -> AST.
#include "syntax/ast_builder.h"

namespace rootpol::syntax {

using P = rootpol_gen::RootPolParser;

std::unique_ptr<ast::Module> AstBuilder::buildFile(P::FileContext* ctx) {
  auto module = std::make_unique<ast::Module>();
  module->file = file_;
  for (auto* decl : ctx->decl()) {
    if (auto* d = decl->importDecl()) {
      buildImport(d, *module);
    } else if (auto* d = decl->letDecl()) {
      buildLet(d, *module);
    } else if (auto* d = decl->policyDecl()) {
      buildPolicy(d, *module);
    } else if (auto* d = decl->organizationDecl()) {
      buildOrganization(d, *module);
    } else if (auto* d = decl->attachDecl()) {
      buildAttach(d, *module);
    } else if (auto* d = decl->detachDecl()) {
      buildDetach(d, *module);
    } else if (auto* d = decl->controlDecl()) {
      buildControl(d, *module);
    } else if (auto* d = decl->alertDecl()) {
      buildAlert(d, *module);
    } else {
      buildTest(decl->testDecl(), *module);
    }
  }
  return module;
}

void AstBuilder::buildImport(P::ImportDeclContext* ctx, ast::Module& module) {
  module.imports.push_back(ast::Import{decode(ctx->STRING()->getSymbol()), span(ctx->STRING())});
}

std::optional<ast::TypeRef> AstBuilder::buildType(P::TypeRefContext* ctx) {
  if (ctx == nullptr) return std::nullopt;
  ast::TypeRef type;
  type.span = span(ctx);
  if (auto* named = dynamic_cast<P::NamedTypeContext*>(ctx)) {
    type.name = named->name()->getText();
    return type;
  }
  auto* list = dynamic_cast<P::ListTypeContext*>(ctx);
  auto* inner = dynamic_cast<P::NamedTypeContext*>(list->typeRef());
  if (inner == nullptr) {
    sink_.report(DiagCode::RP1003, type.span, "lists of lists are not a type")
        .help = "IAM condition values are flat: use `[T]` with a scalar `T`";
    return std::nullopt;
  }
  type.name = inner->name()->getText();
  type.list = true;
  return type;
}

void AstBuilder::buildLet(P::LetDeclContext* ctx, ast::Module& module) {
  ast::Let let;
  let.name = ctx->name()->getText();
  let.nameSpan = span(ctx->name());
  let.type = buildType(ctx->typeRef());
  let.value = buildExpr(ctx->expr());
  let.span = span(ctx);
  module.lets.push_back(std::move(let));
}

void AstBuilder::buildPolicy(P::PolicyDeclContext* ctx, ast::Module& module) {
  ast::Policy policy;
  if (ctx->RESOURCE() != nullptr) policy.kind = ast::PolicyKind::Rcp;
  policy.name = ctx->name()->getText();
  policy.nameSpan = span(ctx->name());
  if (ctx->STRING()) {
    policy.description = decode(ctx->STRING()->getSymbol());
    policy.descriptionSpan = span(ctx->STRING()->getSymbol());
  }
  policy.span = span(ctx);
  for (auto* rule : ctx->ruleDecl()) policy.rules.push_back(buildRule(rule));
  module.policies.push_back(std::move(policy));
}

ast::Rule AstBuilder::buildRule(P::RuleDeclContext* ctx) {
  ast::Rule rule;
  rule.span = span(ctx);
  rule.effect = ctx->effect->getType() == P::DENY ? ast::Effect::Deny : ast::Effect::Allow;
  rule.effectSpan = span(ctx->effect);
  if (auto* except = dynamic_cast<P::ExceptActionsContext*>(ctx->actionSet())) {
    rule.actionsExcept = true;
    rule.actions = buildExpr(except->expr());
  } else {
    rule.actions = buildExpr(dynamic_cast<P::PlainActionsContext*>(ctx->actionSet())->expr());
  }
  if (auto* resources = ctx->resourceSet()) {
    if (auto* except = dynamic_cast<P::ExceptResourcesContext*>(resources)) {
      rule.resourcesExcept = true;
      rule.resources = buildExpr(except->expr());
    } else {
      rule.resources = buildExpr(dynamic_cast<P::PlainResourcesContext*>(resources)->expr());
    }
  }
  if (auto* principals = ctx->principalSet()) {
    rule.principalSpan = span(principals);
    if (auto* listed = dynamic_cast<P::ListedPrincipalsContext*>(principals)) {
      rule.principals = buildExpr(listed->expr());
    } else {
      rule.forRoot = true;
      rule.forRootCredentials = dynamic_cast<P::RootPrincipalContext*>(principals)->CREDENTIALS() != nullptr;
    }
  }
  for (auto* clause : ctx->condClause()) {
    ast::CondClause c;
    c.unless = clause->kind->getType() == P::UNLESS;
    c.cond = buildCond(clause->cond());
    c.span = span(clause);
    rule.clauses.push_back(std::move(c));
  }
  buildRuleOptions(ctx, rule);
  return rule;
}

void AstBuilder::buildRuleOptions(P::RuleDeclContext* ctx, ast::Rule& rule) {
  for (auto* option : ctx->ruleOption()) {
    Span s = span(option);
    if (dynamic_cast<P::StrictOptionContext*>(option) != nullptr) {
      if (rule.strict) {
        sink_.report(DiagCode::RP0010, s, "`strict` given twice").labels.push_back({rule.strictSpan, "first given here"});
      }
      rule.strict = true;
      rule.strictSpan = s;
    } else if (auto* sid = dynamic_cast<P::SidOptionContext*>(option)) {
      if (rule.sid) {
        sink_.report(DiagCode::RP0010, s, "`as` given twice").labels.push_back({rule.sidSpan, "first given here"});
      }
      rule.sid = decode(sid->STRING()->getSymbol());
      rule.sidSpan = span(sid->STRING());
    }
  }
}

}  // namespace rootpol::syntax
