// The formatter's layout of expressions, lists and conditions (rules: format.cpp).
#include <utility>

#include "syntax/format_builder.h"

namespace rootpol::syntax {

using layout::cat;
using layout::Doc;
using layout::space;

Doc FormatBuilder::expr(P::ExprContext* ctx) {
  if (auto* l = dynamic_cast<P::ListExprContext*>(ctx)) return list(l);
  return glued(ctx);
}

// `[a, b, c]` on one line if it fits. Else it is filled: with the items aligned after `[`
// (Example B), or, when the last item has a trailing comma, as a block: `[` ends its line, the
// items are indented by 2 and `]` has a line of its own (the standard library's style).
Doc FormatBuilder::list(P::ListExprContext* ctx) {
  Doc open = tok(ctx->LBRACK());
  std::vector<P::ExprContext*> elems = ctx->expr();
  std::size_t close = index(ctx->RBRACK());
  if (elems.empty()) return cat(std::move(open), tok(close));
  auto item = [this](P::ExprContext* e) { return expr(e); };
  if (table_.tokens[close - 1].type != P::COMMA) {
    Doc body = layout::align(items(elems, item, close));
    return layout::group(cat(std::move(open), std::move(body)));
  }
  Doc inner = cat(layout::marker(layout::DocKind::SoftLine), items(elems, item, kNoClose));
  if (hasLead(close)) inner += lead(close);
  return layout::group(cat(std::move(open), layout::nest(2, std::move(inner)),
                           layout::marker(layout::DocKind::SoftLine), bare(close)));
}

Doc FormatBuilder::cond(P::CondContext* ctx) {
  if (dynamic_cast<P::OrCondContext*>(ctx) != nullptr) return chain(ctx, true);
  if (dynamic_cast<P::AndCondContext*>(ctx) != nullptr) return chain(ctx, false);
  if (auto* n = dynamic_cast<P::NotCondContext*>(ctx)) {
    return cat(tok(n->NOT()), space(), cond(n->cond()));
  }
  if (auto* p = dynamic_cast<P::ParenCondContext*>(ctx)) {
    return cat(tok(p->LPAREN()), cond(p->cond()), tok(p->RPAREN()));
  }
  return spaced(static_cast<P::AtomCondContext*>(ctx)->atom());
}

namespace {

// The operator and the operands of one binary condition of the chain's kind, or nulls.
using Gen = rootpol_gen::RootPolParser;

std::pair<antlr4::tree::TerminalNode*, std::vector<Gen::CondContext*>> binary(Gen::CondContext* ctx,
                                                                              bool isOr) {
  if (isOr) {
    if (auto* o = dynamic_cast<Gen::OrCondContext*>(ctx)) return {o->OR(), o->cond()};
  } else if (auto* a = dynamic_cast<Gen::AndCondContext*>(ctx)) {
    return {a->AND(), a->cond()};
  }
  return {nullptr, {}};
}

}  // namespace

// `a or b or c` is one chain: the parse tree nests it to the left, which is walked in a loop
// (a long chain must not recurse deeply). A broken chain puts each operator first on its line.
Doc FormatBuilder::chain(P::CondContext* ctx, bool isOr) {
  std::vector<std::pair<antlr4::tree::TerminalNode*, P::CondContext*>> rights;
  P::CondContext* leftmost = ctx;
  for (auto [op, operands] = binary(ctx, isOr); op != nullptr;
       std::tie(op, operands) = binary(leftmost, isOr)) {
    rights.emplace_back(op, operands[1]);
    leftmost = operands[0];
  }
  Doc first = cond(leftmost);
  Doc tail;
  for (auto it = rights.rbegin(); it != rights.rend(); ++it) {
    tail += cat(layout::line(), tok(it->first), space(), cond(it->second));
  }
  return layout::group(cat(std::move(first), layout::nest(kContinuation, std::move(tail))));
}

}  // namespace rootpol::syntax
