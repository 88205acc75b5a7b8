// `alert` declarations: parse tree -> AST.
#include "syntax/ast_builder.h"

namespace rootpol::syntax {

using P = rootpol_gen::RootPolParser;

void AstBuilder::buildAlert(P::AlertDeclContext* ctx, ast::Module& module) {
  ast::Alert alert;
  alert.name = ctx->name()->getText();
  alert.nameSpan = span(ctx->name());
  if (ctx->STRING() != nullptr) {
    alert.description = decode(ctx->STRING()->getSymbol());
    alert.descriptionSpan = span(ctx->STRING());
  }
  alert.span = span(ctx);
  Span notifySpan;
  for (auto* item : ctx->alertItem()) {
    if (auto* on = dynamic_cast<P::AlertOnContext*>(item)) {
      for (auto* name : on->name())
        alert.classes.push_back(ast::AlertClassRef{name->getText(), span(name)});
      continue;
    }
    auto* notify = dynamic_cast<P::AlertNotifyContext*>(item);
    if (alert.notify) {
      // One list of recipients: a second `notify` is more likely a mistake than an addition.
      sink_.report(DiagCode::RP0010, span(notify), "`notify` given twice")
          .labels.push_back({notifySpan, "first given here"});
      continue;
    }
    alert.notify = buildExpr(notify->expr());
    notifySpan = span(notify);
  }
  module.alerts.push_back(std::move(alert));
}

}  // namespace rootpol::syntax
