// Expressions and conditions: parse tree -> AST.
#include "syntax/ast_builder.h"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "syntax/string_literal.h"

namespace rootpol::syntax {

using P = rootpol_gen::RootPolParser;

OffsetMap::OffsetMap(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii = ascii && (static_cast<unsigned char>(c) < 0x80);
  if (ascii) return;
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byteOfCodePoint_.push_back(i);
  }
  byteOfCodePoint_.push_back(static_cast<std::uint32_t>(text.size()));
}

std::uint32_t OffsetMap::byteOffset(std::size_t index) const {
  if (byteOfCodePoint_.empty()) return static_cast<std::uint32_t>(index);
  if (index >= byteOfCodePoint_.size()) return byteOfCodePoint_.back();
  return byteOfCodePoint_[index];
}

Span AstBuilder::span(antlr4::Token* token) const {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) {
    return Span{file_, offsets_.byteOffset(token ? token->getStartIndex() : 0),
                offsets_.byteOffset(token ? token->getStartIndex() : 0)};
  }
  return Span{file_, offsets_.byteOffset(token->getStartIndex()),
              offsets_.byteOffset(token->getStopIndex() + 1)};
}

Span AstBuilder::span(antlr4::ParserRuleContext* ctx) const {
  Span start = span(ctx->getStart());
  antlr4::Token* stop = ctx->getStop();
  if (stop == nullptr || stop->getStopIndex() < ctx->getStart()->getStartIndex()) return start;
  return Span{file_, start.begin, offsets_.byteOffset(stop->getStopIndex() + 1)};
}

std::string AstBuilder::decode(antlr4::Token* token) {
  DecodedString decoded = decodeString(token->getText());
  if (decoded.badEscape) {
    Span s = span(token);
    std::uint32_t at = s.begin + static_cast<std::uint32_t>(*decoded.badEscape);
    sink_.report(DiagCode::RP0004, Span{file_, at, std::min(at + 2, s.end)},
                 "unknown escape sequence in string")
        .help = "only `\\\"` and `\\\\` are escapes; write other characters as they are";
  }
  return decoded.value;
}

ast::Expr AstBuilder::buildExpr(P::ExprContext* ctx) {
  ast::Expr e;
  e.span = span(ctx);
  if (auto* s = dynamic_cast<P::StringExprContext*>(ctx)) {
    e.kind = ast::Expr::Kind::String;
    e.text = decode(s->STRING()->getSymbol());
  } else if (auto* i = dynamic_cast<P::IntExprContext*>(ctx)) {
    e.kind = ast::Expr::Kind::Int;
    std::string digits = i->INT()->getText();
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), e.intValue);
    e.text = digits;  // as written: a raw IAM operator's values keep it
    if (ec != std::errc{}) {
      sink_.report(DiagCode::RP0009, e.span, "integer literal is too large")
          .help = "integers must fit in 64 bits (at most 9223372036854775807)";
    }
  } else if (auto* b = dynamic_cast<P::BoolExprContext*>(ctx)) {
    e.kind = ast::Expr::Kind::Bool;
    e.boolValue = b->TRUE() != nullptr;
  } else if (auto* l = dynamic_cast<P::ListExprContext*>(ctx)) {
    e.kind = ast::Expr::Kind::List;
    for (auto* item : l->expr()) e.items.push_back(buildExpr(item));
  } else if (auto* a = dynamic_cast<P::ActionExprContext*>(ctx)) {
    return buildActionPattern(a->actionPattern());
  } else if (auto* n = dynamic_cast<P::NameExprContext*>(ctx)) {
    e.kind = ast::Expr::Kind::Name;
    e.text = n->name()->getText();
  }
  return e;
}

// The pattern's pieces are separate tokens (so `let x: [cidr]` still lexes); IAM allows no
// blanks inside an action, so the pieces must touch.
ast::Expr AstBuilder::buildActionPattern(P::ActionPatternContext* ctx) {
  ast::Expr e;
  e.kind = ast::Expr::Kind::Action;
  e.span = span(ctx);
  std::size_t expectedStart = ctx->getStart()->getStartIndex();
  for (auto* child : ctx->children) {
    antlr4::Token* first = nullptr;
    antlr4::Token* last = nullptr;
    if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child)) {
      first = rule->getStart();
      last = rule->getStop();
    } else if (auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
      first = last = term->getSymbol();
    }
    if (first == nullptr || last == nullptr) continue;
    if (first->getStartIndex() != expectedStart) {
      sink_.report(DiagCode::RP0006, e.span, "blank inside action pattern")
          .help = "write the action without spaces, as in `iam:CreateAccessKey`";
      break;
    }
    expectedStart = last->getStopIndex() + 1;
  }
  std::string text = ctx->getText();
  for (char c : text) {
    if (c == '_') {
      sink_.report(DiagCode::RP0006, e.span, fmt::format("`{}` is not a valid action pattern", text))
          .help = "action names have only letters, digits, `*` and `?`";
      break;
    }
  }
  e.text = std::move(text);
  return e;
}

ast::KeyRef AstBuilder::buildKey(P::KeyContext* ctx) {
  ast::KeyRef key;
  key.span = span(ctx);
  if (auto* named = dynamic_cast<P::NamedKeyContext*>(ctx)) {
    key.kind = ast::KeyRef::Kind::Friendly;
    key.name = named->name()->getText();
  } else if (auto* call = dynamic_cast<P::CallKeyContext*>(ctx)) {
    key.kind = ast::KeyRef::Kind::Call;
    key.name = call->name()->getText();
    key.argument = decode(call->STRING()->getSymbol());
  } else if (auto* raw = dynamic_cast<P::RawKeyContext*>(ctx)) {
    key.kind = ast::KeyRef::Kind::Raw;
    key.name = decode(raw->STRING()->getSymbol());
  }
  return key;
}

namespace {

std::unique_ptr<ast::Cond> negate(std::unique_ptr<ast::Cond> inner, Span span) {
  auto n = std::make_unique<ast::Cond>();
  n->kind = ast::Cond::Kind::Not;
  n->span = span;
  n->children.push_back(std::move(inner));
  return n;
}

}  // namespace

std::unique_ptr<ast::Cond> AstBuilder::buildAtom(P::AtomContext* ctx) {
  auto atom = std::make_unique<ast::Cond>();
  atom->kind = ast::Cond::Kind::Atom;
  atom->span = span(ctx);
  bool negated = false;
  auto setOperand = [&](P::KeyContext* key, ast::CondOp op, P::ExprContext* operand) {
    atom->key = buildKey(key);
    atom->op = op;
    if (operand != nullptr) atom->operand = buildExpr(operand);
  };
  if (auto* a = dynamic_cast<P::InAtomContext*>(ctx)) {
    setOperand(a->key(), ast::CondOp::In, a->expr());
  } else if (auto* a = dynamic_cast<P::NotInAtomContext*>(ctx)) {
    setOperand(a->key(), ast::CondOp::In, a->expr());
    negated = true;
  } else if (auto* a = dynamic_cast<P::LikeAtomContext*>(ctx)) {
    setOperand(a->key(), ast::CondOp::Like, a->expr());
  } else if (auto* a = dynamic_cast<P::NotLikeAtomContext*>(ctx)) {
    setOperand(a->key(), ast::CondOp::Like, a->expr());
    negated = true;
  } else if (auto* a = dynamic_cast<P::CompareAtomContext*>(ctx)) {
    static const std::map<std::string, std::pair<ast::CondOp, bool>> kOps = {
        {"==", {ast::CondOp::Eq, false}}, {"!=", {ast::CondOp::Eq, true}},
        {"<", {ast::CondOp::Lt, false}},  {"<=", {ast::CondOp::Le, false}},
        {">", {ast::CondOp::Gt, false}},  {">=", {ast::CondOp::Ge, false}}};
    auto [op, neg] = kOps.at(a->op->getText());
    setOperand(a->key(), op, a->expr());
    negated = neg;
  } else if (auto* a = dynamic_cast<P::RawOpAtomContext*>(ctx)) {
    setOperand(a->key(), ast::CondOp::Raw, a->expr());
    atom->rawOperator = decode(a->STRING()->getSymbol());
    atom->rawOperatorSpan = span(a->STRING()->getSymbol());
  } else if (auto* a = dynamic_cast<P::ExistsAtomContext*>(ctx)) {
    setOperand(a->key(), ast::CondOp::Exists, nullptr);
  } else if (auto* a = dynamic_cast<P::MissingAtomContext*>(ctx)) {
    setOperand(a->key(), ast::CondOp::Exists, nullptr);
    negated = true;
  } else if (auto* a = dynamic_cast<P::BoolAtomContext*>(ctx)) {
    setOperand(a->key(), ast::CondOp::IsTrue, nullptr);
  }
  if (negated) {
    Span s = atom->span;
    return negate(std::move(atom), s);
  }
  return atom;
}

// `a and b and c` arrives left-nested; it is flattened with a loop so that a very long chain
// cannot exhaust the stack.
std::unique_ptr<ast::Cond> AstBuilder::buildCond(P::CondContext* ctx) {
  if (auto* paren = dynamic_cast<P::ParenCondContext*>(ctx)) return buildCond(paren->cond());
  if (auto* n = dynamic_cast<P::NotCondContext*>(ctx)) return negate(buildCond(n->cond()), span(ctx));
  if (auto* a = dynamic_cast<P::AtomCondContext*>(ctx)) return buildAtom(a->atom());

  bool isAnd = dynamic_cast<P::AndCondContext*>(ctx) != nullptr;
  auto node = std::make_unique<ast::Cond>();
  node->kind = isAnd ? ast::Cond::Kind::And : ast::Cond::Kind::Or;
  node->span = span(ctx);
  std::vector<P::CondContext*> rights;
  P::CondContext* cur = ctx;
  while (true) {
    std::vector<P::CondContext*> operands;
    if (auto* a = dynamic_cast<P::AndCondContext*>(cur); a && isAnd) {
      operands = a->cond();
    } else if (auto* o = dynamic_cast<P::OrCondContext*>(cur); o && !isAnd) {
      operands = o->cond();
    } else {
      break;
    }
    if (operands.size() != 2) break;  // an error-recovered tree: keep what is there
    rights.push_back(operands[1]);
    cur = operands[0];
  }
  node->children.push_back(buildCond(cur));
  for (auto it = rights.rbegin(); it != rights.rend(); ++it) node->children.push_back(buildCond(*it));
  return node;
}

}  // namespace rootpol::syntax
