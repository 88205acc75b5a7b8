// The formatter's layout of organizations, attachments, controls and tests (rules: format.cpp).
#include <utility>

#include "syntax/format_builder.h"

namespace rootpol::syntax {

using layout::cat;
using layout::Doc;
using layout::line;
using layout::space;

namespace {

// An item short enough to share its OU's line: anything but an OU with items.
bool isLeaf(rootpol_gen::RootPolParser::OrgItemContext* item) {
  auto* ou = dynamic_cast<rootpol_gen::RootPolParser::OuItemContext*>(item);
  return ou == nullptr || ou->orgItem().empty();
}

}  // namespace

Doc FormatBuilder::organizationDecl(P::OrganizationDeclContext* ctx) {
  Doc out = cat(tok(ctx->ORGANIZATION()), space(), glued(ctx->name()), space());
  if (ctx->STRING() != nullptr) out += cat(tok(ctx->STRING()), space());
  auto elems = ctx->orgItem();
  Doc body = statements(elems, [this](P::OrgItemContext* item) { return orgItem(item); });
  return cat(std::move(out), block(ctx->LBRACE(), std::move(body), elems.empty(), ctx->RBRACE()));
}

Doc FormatBuilder::orgItem(P::OrgItemContext* ctx) {
  if (auto* ou = dynamic_cast<P::OuItemContext*>(ctx)) return ouItem(ou);
  return spaced(ctx);
}

// `ou Prod { account shop "444444444444" }` stays on one line when it fits (the examples
// write OUs with one account that way); an OU with more is a block.
Doc FormatBuilder::ouItem(P::OuItemContext* ctx) {
  Doc out = cat(tok(ctx->OU()), space(), glued(ctx->name()), space());
  if (ctx->STRING() != nullptr) out += cat(tok(ctx->STRING()), space());
  auto elems = ctx->orgItem();
  if (elems.size() == 1 && isLeaf(elems[0])) {
    std::size_t close = index(ctx->RBRACE());
    Doc inner = cat(line(), lead(index(elems[0]->getStart())), orgItem(elems[0]));
    if (hasLead(close)) inner += cat(layout::hardLine(), lead(close));
    Doc braces = cat(tok(ctx->LBRACE()), layout::nest(2, std::move(inner)), line(), bare(close));
    return cat(std::move(out), layout::group(std::move(braces)));
  }
  Doc body = statements(elems, [this](P::OrgItemContext* item) { return orgItem(item); });
  return cat(std::move(out), block(ctx->LBRACE(), std::move(body), elems.empty(), ctx->RBRACE()));
}

Doc FormatBuilder::attachDecl(P::AttachDeclContext* ctx) {
  auto attachee = [this](P::AttacheeContext* a) { return spaced(a); };
  Doc out =
      cat(tok(ctx->ATTACH()), space(), layout::align(items(ctx->attachee(), attachee, kNoClose)));
  out +=
      layout::nest(kContinuation, cat(line(), tok(ctx->TO()), space(), targetList(ctx->target())));
  return layout::group(std::move(out));
}

Doc FormatBuilder::detachDecl(P::DetachDeclContext* ctx) {
  auto name = [this](P::NameContext* n) { return glued(n); };
  Doc out = cat(tok(ctx->DETACH()), space(), layout::align(items(ctx->name(), name, kNoClose)));
  out += layout::nest(kContinuation,
                      cat(line(), tok(ctx->FROM()), space(), targetList(ctx->target())));
  return layout::group(std::move(out));
}

Doc FormatBuilder::target(P::TargetContext* ctx) {
  if (auto* ou = dynamic_cast<P::OuTargetContext*>(ctx)) {
    Doc path = gluedRange(index(ou->name(0)->getStart()), index(ou->getStop()));
    return cat(tok(ou->OU()), space(), std::move(path));
  }
  return spaced(ctx);
}

Doc FormatBuilder::targetList(const std::vector<P::TargetContext*>& targets) {
  return layout::align(items(
      targets, [this](P::TargetContext* t) { return target(t); }, kNoClose));
}

// The `with { }` parameters are a block: one per line, as the spec writes them.
Doc FormatBuilder::controlDecl(P::ControlDeclContext* ctx) {
  Doc head = cat(tok(ctx->CONTROL()), space(), glued(ctx->controlId()));
  head +=
      layout::nest(kContinuation, cat(line(), tok(ctx->ON()), space(), targetList(ctx->target())));
  Doc out = layout::group(std::move(head));
  if (ctx->WITH() == nullptr) return out;
  auto params = ctx->param();
  Doc body = statements(params, [this](P::ParamContext* p) {
    return withComma(p, cat(glued(p->name()), tok(p->COLON()), space(), expr(p->expr())));
  });
  return cat(std::move(out), space(), tok(ctx->WITH()), space(),
             block(ctx->LBRACE(), std::move(body), params.empty(), ctx->RBRACE()));
}

Doc FormatBuilder::testDecl(P::TestDeclContext* ctx) {
  auto stmts = ctx->testStmt();
  Doc body = statements(stmts, [this](P::TestStmtContext* s) {
    auto* request = dynamic_cast<P::RequestStmtContext*>(s);
    return request != nullptr ? requestStmt(request) : spaced(s);
  });
  return cat(tok(ctx->TEST()), space(), tok(ctx->STRING()), space(),
             block(ctx->LBRACE(), std::move(body), stmts.empty(), ctx->RBRACE()));
}

// `request ... does ...` with its `with` assignments, then its `without` keys, each clause on a
// continuation line if too long.
Doc FormatBuilder::requestStmt(P::RequestStmtContext* ctx) {
  Doc out = spaced(ctx, ctx->WITH() != nullptr ? ctx->WITH() : ctx->WITHOUT());
  if (ctx->WITH() != nullptr) {
    auto assignment = [this](P::AssignmentContext* a) { return spaced(a); };
    Doc with = layout::align(items(ctx->assignment(), assignment, kNoClose));
    out += layout::nest(kContinuation, cat(line(), tok(ctx->WITH()), space(), std::move(with)));
  }
  if (ctx->WITHOUT() != nullptr) {
    auto key = [this](P::KeyContext* k) { return glued(k); };
    Doc without = layout::align(items(ctx->key(), key, kNoClose));
    out += layout::nest(kContinuation, cat(line(), tok(ctx->WITHOUT()), space(), std::move(without)));
  }
  return layout::group(std::move(out));
}

}  // namespace rootpol::syntax
