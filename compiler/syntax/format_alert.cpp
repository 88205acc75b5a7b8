// The formatter's layout of `alert` declarations (rules: format.cpp): a block whose `on` names
// fill like a `detach` list and whose `notify` list lays out like any list.
#include <utility>

#include "syntax/format_builder.h"

namespace rootpol::syntax {

using layout::cat;
using layout::Doc;
using layout::space;

Doc FormatBuilder::alertDecl(P::AlertDeclContext* ctx) {
  Doc out = cat(tok(ctx->ALERT()), space(), glued(ctx->name()), space());
  if (ctx->STRING() != nullptr) out += cat(tok(ctx->STRING()), space());
  auto elems = ctx->alertItem();
  Doc body = statements(elems, [this](P::AlertItemContext* item) { return alertItem(item); });
  return cat(std::move(out), block(ctx->LBRACE(), std::move(body), elems.empty(), ctx->RBRACE()));
}

Doc FormatBuilder::alertItem(P::AlertItemContext* ctx) {
  if (auto* on = dynamic_cast<P::AlertOnContext*>(ctx)) {
    auto name = [this](P::NameContext* n) { return glued(n); };
    return layout::group(
        cat(tok(on->ON()), space(), layout::align(items(on->name(), name, kNoClose))));
  }
  auto* notify = dynamic_cast<P::AlertNotifyContext*>(ctx);
  return cat(tok(notify->NOTIFY()), space(), expr(notify->expr()));
}

}  // namespace rootpol::syntax
