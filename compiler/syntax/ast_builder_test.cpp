// `test` blocks (spec section 8): parse tree -> AST.
#include <fmt/format.h>

#include "syntax/ast_builder.h"

namespace rootpol::syntax {

using P = rootpol_gen::RootPolParser;

// A test is a sequence of `request` / `expect` pairs: every expect closes the request before it.
void AstBuilder::buildTest(P::TestDeclContext* ctx, ast::Module& module) {
  if (ctx == nullptr) return;
  ast::Test test;
  test.name = decode(ctx->STRING()->getSymbol());
  test.nameSpan = span(ctx->STRING());
  test.span = span(ctx);
  std::optional<ast::TestRequest> pending;
  for (auto* stmt : ctx->testStmt()) {
    if (auto* request = dynamic_cast<P::RequestStmtContext*>(stmt)) {
      if (pending) {
        sink_.report(DiagCode::RP0010, pending->span, "this request has no `expect`")
            .help = "follow every `request` with `expect allow` or `expect deny`";
      }
      pending = buildRequest(request);
    } else if (auto* expect = dynamic_cast<P::ExpectStmtContext*>(stmt)) {
      ast::TestExpect built = buildExpect(expect);
      if (!pending) {
        sink_.report(DiagCode::RP0010, built.span, "`expect` without a `request` before it");
        continue;
      }
      test.cases.push_back(ast::TestCase{std::move(*pending), std::move(built)});
      pending.reset();
    }
  }
  if (pending) {
    sink_.report(DiagCode::RP0010, pending->span, "this request has no `expect`")
        .help = "follow every `request` with `expect allow` or `expect deny`";
  }
  if (test.cases.empty() && !pending) {
    sink_.report(DiagCode::RP0010, test.nameSpan, fmt::format("test {} has no request", ctx->STRING()->getText()));
  }
  module.tests.push_back(std::move(test));
}

ast::TestRequest AstBuilder::buildRequest(P::RequestStmtContext* ctx) {
  ast::TestRequest request;
  request.span = span(ctx);
  if (ctx->requester()->ROOT() != nullptr) {
    request.root = true;
    request.assumedRoot = ctx->requester()->ASSUMED() != nullptr;
  } else {
    request.principal = ast::IdLiteral{decode(ctx->requester()->STRING()->getSymbol()), span(ctx->requester())};
  }
  if (ctx->callerAccount != nullptr) {
    request.account = ctx->callerAccount->getText();
    request.accountSpan = span(ctx->callerAccount);
  } else if (ctx->accountId != nullptr) {
    request.accountId = ast::IdLiteral{decode(ctx->accountId), span(ctx->accountId)};
    request.accountSpan = request.accountId->span;
  }
  ast::Expr action = buildActionPattern(ctx->actionPattern());
  request.action = action.text;
  request.actionSpan = action.span;
  if (ctx->resource != nullptr) request.resource = ast::IdLiteral{decode(ctx->resource), span(ctx->resource)};
  if (ctx->ownerAccount != nullptr) {
    request.resourceAccount = ctx->ownerAccount->getText();
    request.resourceAccountSpan = span(ctx->ownerAccount);
  } else if (ctx->ownerAccountId != nullptr) {
    request.resourceAccountId = ast::IdLiteral{decode(ctx->ownerAccountId), span(ctx->ownerAccountId)};
    request.resourceAccountSpan = request.resourceAccountId->span;
  }
  for (auto* assignment : ctx->assignment()) {
    ast::TestAssignment a;
    a.key = buildKey(assignment->key());
    a.value = buildExpr(assignment->expr());
    request.context.push_back(std::move(a));
  }
  for (auto* key : ctx->key()) request.removed.push_back(ast::TestRemoval{buildKey(key), {}});
  return request;
}

ast::TestExpect AstBuilder::buildExpect(P::ExpectStmtContext* ctx) {
  ast::TestExpect expect;
  expect.span = span(ctx);
  expect.effect = ctx->effect->getType() == P::ALLOW ? ast::Effect::Allow : ast::Effect::Deny;
  if (ctx->name() != nullptr) {
    expect.policy = ctx->name()->getText();
    expect.policySpan = span(ctx->name());
  }
  if (ctx->STRING() != nullptr) expect.sid = ast::IdLiteral{decode(ctx->STRING()->getSymbol()), span(ctx->STRING())};
  return expect;
}

}  // namespace rootpol::syntax
