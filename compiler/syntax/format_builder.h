#pragma once

// Internal to the syntax stage (like ast_builder.h, it names generated ANTLR types): the
// formatter's view of the tokens and the builder that turns a parse tree into a layout.
#include <cstddef>
#include <string>
#include <vector>

#include "RootPolParser.h"
#include "syntax/format_doc.h"

namespace rootpol::syntax {

// Continuation lines (a rule's clauses, `to` of an attach, ...) are indented this much more
// than the line they continue: the spec's `deny ...` / `  unless ...`.
inline constexpr int kContinuation = 2;
inline constexpr std::size_t kNoClose = std::string::npos;

struct FormatComment {
  std::string text;     // as written, without a carriage return or blanks at the ends of its lines
  bool isLine = false;  // `// ...`: the line ends after it
  bool newlineBefore = false;  // first on its line (or first in the file)
  bool blankBefore = false;    // an empty line precedes it
  bool newlineAfter = true;    // nothing else follows it on its line
};

// A token of the default channel with the comments between it and the token before it.
// Those comments are split: the first `trailing` stay on the previous token's line, the
// rest lead into this token.
struct FormatToken {
  std::string text;  // empty for the end of the file
  std::size_t type = 0;
  bool blankBefore = false;  // an empty line right before it (after any comment)
  std::vector<FormatComment> comments;
  std::size_t trailing = 0;
};

struct TokenTable {
  std::vector<FormatToken> tokens;     // the last one is the end of the file
  std::vector<std::size_t> fromAntlr;  // ANTLR token index -> index in `tokens`
};

// Reads the whole token stream (comments included) of a lexed file.
TokenTable collectTokens(antlr4::CommonTokenStream& stream, std::string_view text);

// One function per construct. Every token, and every comment, is emitted exactly once and in
// source order: the builder only chooses the white space between them.
class FormatBuilder {
 public:
  using P = rootpol_gen::RootPolParser;
  using Doc = layout::Doc;

  explicit FormatBuilder(const TokenTable& table)
      : table_(table), leadDone_(table.tokens.size(), false) {}

  Doc file(P::FileContext* ctx);

 private:
  // format.cpp: tokens, statements and blocks, top-level declarations, rules.
  std::size_t index(antlr4::Token* token) const;
  std::size_t index(antlr4::tree::TerminalNode* node) const { return index(node->getSymbol()); }
  bool hasLead(std::size_t i) const;
  Doc lead(std::size_t i);
  Doc bare(std::size_t i) const;
  Doc tok(std::size_t i);
  Doc tok(antlr4::tree::TerminalNode* node) { return tok(index(node)); }
  Doc tok(antlr4::Token* token) { return tok(index(token)); }
  Doc glued(antlr4::ParserRuleContext* ctx);
  Doc gluedRange(std::size_t first, std::size_t last);
  Doc spaced(antlr4::ParserRuleContext* ctx, antlr4::tree::ParseTree* stopAt = nullptr);
  Doc piece(antlr4::tree::ParseTree* child);
  Doc statementStart(antlr4::ParserRuleContext* ctx, bool first);
  Doc block(antlr4::tree::TerminalNode* open, Doc body, bool empty,
            antlr4::tree::TerminalNode* close);
  template <typename Ctx, typename Build>
  Doc statements(const std::vector<Ctx*>& elems, Build build);
  template <typename Ctx, typename Build>
  Doc items(const std::vector<Ctx*>& elems, Build build, std::size_t close);
  Doc withComma(antlr4::ParserRuleContext* item, Doc doc);
  Doc decl(P::DeclContext* ctx);
  Doc letDecl(P::LetDeclContext* ctx);
  Doc policyDecl(P::PolicyDeclContext* ctx);
  Doc rule(P::RuleDeclContext* ctx);

  // format_expr.cpp: expressions, lists and conditions.
  Doc expr(P::ExprContext* ctx);
  Doc list(P::ListExprContext* ctx);
  Doc cond(P::CondContext* ctx);
  Doc chain(P::CondContext* ctx, bool isOr);

  // format_org.cpp: organizations, attachments, controls and tests.
  Doc organizationDecl(P::OrganizationDeclContext* ctx);
  Doc orgItem(P::OrgItemContext* ctx);
  Doc ouItem(P::OuItemContext* ctx);
  Doc attachDecl(P::AttachDeclContext* ctx);
  Doc detachDecl(P::DetachDeclContext* ctx);
  Doc target(P::TargetContext* ctx);
  Doc targetList(const std::vector<P::TargetContext*>& targets);
  Doc controlDecl(P::ControlDeclContext* ctx);
  Doc testDecl(P::TestDeclContext* ctx);
  Doc requestStmt(P::RequestStmtContext* ctx);

  // format_alert.cpp: alerts.
  Doc alertDecl(P::AlertDeclContext* ctx);
  Doc alertItem(P::AlertItemContext* ctx);

  const TokenTable& table_;
  std::vector<bool> leadDone_;  // leading comments already placed (by statementStart)
};

// Items one after another, each on a new line of the block (an empty line kept where the
// source had one between two items).
template <typename Ctx, typename Build>
layout::Doc FormatBuilder::statements(const std::vector<Ctx*>& elems, Build build) {
  Doc body;
  for (std::size_t k = 0; k < elems.size(); ++k) {
    body += statementStart(elems[k], k == 0);
    body += build(elems[k]);
  }
  return body;
}

// `a, b, c` as a fill; a comma stays with the item before it and `close` (a closing bracket, if
// not npos) with the last item, so the fill measures them.
template <typename Ctx, typename Build>
layout::Doc FormatBuilder::items(const std::vector<Ctx*>& elems, Build build, std::size_t close) {
  std::vector<Doc> parts;
  for (std::size_t k = 0; k < elems.size(); ++k) {
    Doc content = withComma(elems[k], build(elems[k]));
    if (k + 1 == elems.size() && close != std::string::npos) content += tok(close);
    if (k > 0) parts.push_back(layout::line());
    parts.push_back(std::move(content));
  }
  return layout::fill(std::move(parts));
}

}  // namespace rootpol::syntax
