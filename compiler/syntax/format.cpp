// `rootpol fmt`: one canonical layout for .rootpol files, the house style of the spec's
// examples. Only white space changes, never a token or a comment (a trailing comma stays or
// stays absent as written). The rules:
//
// - 2 spaces of indentation per block level (policy, organization, ou, test, alert,
//   `with { }`); a block's items one per line; an empty block is `{}`. An `ou` whose only
//   item is an account, a setting or an empty `ou` stays on one line,
//   `ou Prod { account a "1" }`, when it fits. A control's `with { }` parameters are always one per line, as in the spec.
// - Lines aim at 100 columns; continuation lines are indented 2 more than the line they
//   continue (the spec's `deny ...` / `  unless ...`). A rule is on one line if it fits; if
//   not, each `when`/`unless` clause goes on a continuation line of its own, then the options
//   (`strict`, `as "Sid"`) together on one more. `on` and `for` stay on the first line unless
//   that line alone is too long; then they become continuation lines too. A condition too
//   long for its line breaks before each `and`/`or` of its outermost chain. `attach`,
//   `detach` and `control` move `to`/`from`/`on` to a continuation line when they do not fit;
//   a test's `request` does the same with its `with` clause.
// - A list is on one line if it fits. If not, it is filled, as many items per line as fit:
//   aligned after `[` (Example B: `deny [a, b,` then `      c]`), or, when the source ends it
//   with a trailing comma, as a block: `[` ends its line, the items are indented by 2 and `]`
//   has its own line (the standard library's long `let` lists). Comma-separated names and
//   targets fill like the aligned lists.
// - Blank lines: at most one anywhere; kept between top-level declarations and between the
//   items of a block where the source has one (so consecutive `let`s or `attach`es stay
//   together), dropped elsewhere and at the start and end of blocks and files.
// - Comments keep their place among the tokens. One that starts its line stays on its own
//   line, indented like the code that follows it (before a block's `}`: like the block's
//   items); one after code stays on that line, after one space, and the code that followed it
//   moves to the next line. Line comments lose trailing blanks; block comments are kept as
//   written apart from line ends. A comment inside a construct makes that construct break.
// - Strings, numbers and names are written exactly as in the source; CRLF becomes LF; the file
//   ends with one newline (an empty file stays empty).
#include "syntax/format.h"

#include <fmt/format.h>

#include <stdexcept>

#include "RootPolLexer.h"
#include "antlr4-runtime.h"
#include "syntax/ast_builder.h"
#include "syntax/format_builder.h"
#include "syntax/parse.h"

namespace rootpol::syntax {
namespace {

using Lexer = rootpol_gen::RootPolLexer;
using P = rootpol_gen::RootPolParser;
using layout::cat;
using layout::Doc;
using layout::DocKind;
using layout::line;
using layout::space;

// `\r\n` and a lone `\r` both end a line.
int countNewlines(std::string_view gap) {
  int count = 0;
  for (std::size_t i = 0; i < gap.size(); ++i) {
    count += gap[i] == '\n' || (gap[i] == '\r' && (i + 1 == gap.size() || gap[i + 1] != '\n'));
  }
  return count;
}

// Line ends become `\n` and no line of a comment ends in blanks.
std::string normalizeComment(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (text[i] == '\n' || text[i] == '\r') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    }
    out += text[i] == '\r' ? '\n' : text[i];
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

bool isOpening(std::size_t type) {
  return type == P::LBRACE || type == P::LBRACK || type == P::LPAREN;
}

// The first comment that starts its line, and all after it, lead into the next token. So
// does an inline block comment right after an opening bracket (`[/* c */ a]`).
std::size_t trailingCount(const std::vector<FormatToken>& tokens, std::size_t i) {
  const std::vector<FormatComment>& comments = tokens[i].comments;
  for (std::size_t k = 0; k < comments.size(); ++k) {
    if (comments[k].newlineBefore) return k;
    bool inline_ = !comments[k].isLine && !comments[k].newlineAfter;
    if (k == 0 && inline_ && i > 0 && isOpening(tokens[i - 1].type)) return 0;
  }
  return comments.size();
}

}  // namespace

TokenTable collectTokens(antlr4::CommonTokenStream& stream, std::string_view text) {
  OffsetMap offsets(text);
  TokenTable table;
  const std::vector<antlr4::Token*>& all = stream.getTokens();
  table.fromAntlr.assign(all.size(), std::string::npos);
  std::vector<FormatComment> pending;
  std::size_t previousEnd = 0;
  bool first = true;
  for (antlr4::Token* token : all) {
    const bool eof = token->getType() == antlr4::Token::EOF;
    std::size_t start = eof ? text.size() : offsets.byteOffset(token->getStartIndex());
    std::size_t end = eof ? text.size() : offsets.byteOffset(token->getStopIndex() + 1);
    const int newlines = countNewlines(text.substr(previousEnd, start - previousEnd));
    if (!pending.empty()) pending.back().newlineAfter = newlines > 0 || eof;
    std::string_view spelling = text.substr(start, end - start);
    if (!eof && token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) {
      pending.push_back({normalizeComment(spelling), token->getType() == Lexer::LINE_COMMENT,
                         first || newlines > 0, newlines > 1, true});
    } else {
      table.fromAntlr[token->getTokenIndex()] = table.tokens.size();
      table.tokens.push_back(
          {std::string(spelling), token->getType(), newlines > 1, std::move(pending), 0});
      pending.clear();
    }
    previousEnd = end;
    first = false;
  }
  for (std::size_t i = 0; i < table.tokens.size(); ++i) {
    table.tokens[i].trailing = trailingCount(table.tokens, i);
  }
  return table;
}

std::size_t FormatBuilder::index(antlr4::Token* token) const {
  return table_.fromAntlr.at(token->getTokenIndex());
}

bool FormatBuilder::hasLead(std::size_t i) const {
  const FormatToken& t = table_.tokens[i];
  return t.trailing < t.comments.size() && !leadDone_[i];
}

// The comments that lead into token `i`, each on its own line or inline before the token.
Doc FormatBuilder::lead(std::size_t i) {
  if (leadDone_[i]) return {};
  leadDone_[i] = true;
  Doc out;
  const FormatToken& t = table_.tokens[i];
  for (std::size_t k = t.trailing; k < t.comments.size(); ++k) {
    const FormatComment& c = t.comments[k];
    if (c.newlineBefore)
      out += layout::marker(c.blankBefore ? DocKind::BlankBefore : DocKind::BreakBefore);
    out += layout::comment(c.text);
    out += c.isLine || c.newlineAfter ? layout::marker(DocKind::BreakAfter) : space();
  }
  return out;
}

// Token `i` and the comments after it on its line.
Doc FormatBuilder::bare(std::size_t i) const {
  Doc out = layout::text(table_.tokens[i].text);
  if (i + 1 >= table_.tokens.size()) return out;
  const FormatToken& next = table_.tokens[i + 1];
  for (std::size_t k = 0; k < next.trailing; ++k) {
    const FormatComment& c = next.comments[k];
    out += space();
    out += layout::comment(c.text);
    if (c.isLine || c.newlineAfter) out += layout::marker(DocKind::BreakAfter);
  }
  return out;
}

Doc FormatBuilder::tok(std::size_t i) { return cat(lead(i), bare(i)); }

Doc FormatBuilder::glued(antlr4::ParserRuleContext* ctx) {
  return gluedRange(index(ctx->getStart()), index(ctx->getStop()));
}

Doc FormatBuilder::gluedRange(std::size_t first, std::size_t last) {
  Doc out;
  for (std::size_t i = first; i <= last; ++i) out += tok(i);
  return out;
}

// The children of `ctx` (up to `stopAt`) separated by one blank.
Doc FormatBuilder::spaced(antlr4::ParserRuleContext* ctx, antlr4::tree::ParseTree* stopAt) {
  Doc out;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (child == stopAt) break;
    if (!out.empty()) out += space();
    out += piece(child);
  }
  return out;
}

// Names, keys, action patterns, control ids and types are written without blanks inside (a
// requester is not: `assumed root` is two words).
Doc FormatBuilder::piece(antlr4::tree::ParseTree* child) {
  if (auto* node = dynamic_cast<antlr4::tree::TerminalNode*>(child)) return tok(node);
  if (auto* e = dynamic_cast<P::ExprContext*>(child)) return expr(e);
  if (auto* c = dynamic_cast<P::CondContext*>(child)) return cond(c);
  if (auto* t = dynamic_cast<P::TargetContext*>(child)) return target(t);
  auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(child);
  if (dynamic_cast<P::NameContext*>(ctx) || dynamic_cast<P::KeyContext*>(ctx) ||
      dynamic_cast<P::ActionPatternContext*>(ctx) || dynamic_cast<P::ControlIdContext*>(ctx) ||
      dynamic_cast<P::TypeRefContext*>(ctx)) {
    return glued(ctx);
  }
  return spaced(ctx);
}

Doc FormatBuilder::withComma(antlr4::ParserRuleContext* item, Doc doc) {
  std::size_t next = index(item->getStop()) + 1;
  if (next < table_.tokens.size() && table_.tokens[next].type == P::COMMA) doc += tok(next);
  return doc;
}

// The line break before an item of a block or of the file, with the comments that lead into
// it; an empty line where the source has one (never before the first item).
Doc FormatBuilder::statementStart(antlr4::ParserRuleContext* ctx, bool first) {
  std::size_t i = index(ctx->getStart());
  const bool blank = table_.tokens[i].blankBefore;
  if (!hasLead(i)) return layout::marker(blank && !first ? DocKind::BlankLine : DocKind::HardLine);
  Doc out = cat(layout::hardLine(), lead(i));
  if (blank) out += layout::marker(DocKind::BlankLine);
  return out;
}

// `{` items `}`: the comments before `}` are indented like the items.
Doc FormatBuilder::block(antlr4::tree::TerminalNode* open, Doc body, bool empty,
                         antlr4::tree::TerminalNode* close) {
  std::size_t c = index(close);
  if (empty && !hasLead(c)) return cat(tok(open), tok(c));
  Doc inner = std::move(body);
  if (hasLead(c)) inner += cat(layout::hardLine(), lead(c));
  return cat(tok(open), layout::nest(2, std::move(inner)), layout::hardLine(), bare(c));
}

Doc FormatBuilder::file(P::FileContext* ctx) {
  Doc out = statements(ctx->decl(), [this](P::DeclContext* d) { return decl(d); });
  out += lead(index(ctx->EOF()));
  return out;
}

Doc FormatBuilder::decl(P::DeclContext* ctx) {
  if (auto* d = ctx->letDecl()) return letDecl(d);
  if (auto* d = ctx->policyDecl()) return policyDecl(d);
  if (auto* d = ctx->organizationDecl()) return organizationDecl(d);
  if (auto* d = ctx->attachDecl()) return attachDecl(d);
  if (auto* d = ctx->detachDecl()) return detachDecl(d);
  if (auto* d = ctx->controlDecl()) return controlDecl(d);
  if (auto* d = ctx->testDecl()) return testDecl(d);
  if (auto* d = ctx->alertDecl()) return alertDecl(d);
  return spaced(ctx->importDecl());
}

Doc FormatBuilder::letDecl(P::LetDeclContext* ctx) {
  Doc out = cat(tok(ctx->LET()), space(), glued(ctx->name()));
  if (ctx->COLON() != nullptr) out += cat(tok(ctx->COLON()), space(), glued(ctx->typeRef()));
  return cat(std::move(out), space(), tok(ctx->ASSIGN()), space(), expr(ctx->expr()));
}

Doc FormatBuilder::policyDecl(P::PolicyDeclContext* ctx) {
  Doc out = cat(tok(ctx->POLICY()), space(), glued(ctx->name()), space());
  if (ctx->RESOURCE() != nullptr) out = cat(tok(ctx->RESOURCE()), space(), std::move(out));
  if (ctx->STRING() != nullptr) out += cat(tok(ctx->STRING()), space());
  auto rules = ctx->ruleDecl();
  Doc body = statements(rules, [this](P::RuleDeclContext* r) { return rule(r); });
  return cat(std::move(out), block(ctx->LBRACE(), std::move(body), rules.empty(), ctx->RBRACE()));
}

// See the rules at the top: the first line holds the effect, actions, `on` and `for`.
Doc FormatBuilder::rule(P::RuleDeclContext* ctx) {
  Doc head = cat(tok(ctx->effect), space(), spaced(ctx->actionSet()));
  if (ctx->ON() != nullptr) {
    head += layout::nest(kContinuation,
                         cat(line(), tok(ctx->ON()), space(), spaced(ctx->resourceSet())));
  }
  if (ctx->FOR() != nullptr) {
    head += layout::nest(kContinuation,
                         cat(line(), tok(ctx->FOR()), space(), spaced(ctx->principalSet())));
  }
  Doc out = layout::group(std::move(head));
  for (P::CondClauseContext* clause : ctx->condClause()) {
    out += layout::nest(kContinuation, cat(line(), spaced(clause)));
  }
  Doc options;
  for (P::RuleOptionContext* option : ctx->ruleOption()) {
    if (!options.empty()) options += space();
    options += spaced(option);
  }
  if (!options.empty()) out += layout::nest(kContinuation, cat(line(), std::move(options)));
  return layout::group(std::move(out));
}

namespace {

// Whether `output` has exactly the tokens and comments of `original`.
bool sameTokens(const TokenTable& original, const std::string& output) {
  antlr4::ANTLRInputStream input(output);
  Lexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream stream(&lexer);
  stream.fill();
  TokenTable again = collectTokens(stream, output);
  if (again.tokens.size() != original.tokens.size()) return false;
  for (std::size_t i = 0; i < again.tokens.size(); ++i) {
    const FormatToken& a = again.tokens[i];
    const FormatToken& b = original.tokens[i];
    if (a.text != b.text || a.type != b.type || a.comments.size() != b.comments.size())
      return false;
    for (std::size_t k = 0; k < a.comments.size(); ++k) {
      if (a.comments[k].text != b.comments[k].text) return false;
    }
  }
  return true;
}

// Parses for layout. `parse` already accepted the file, so a failure here is a tool error.
P::FileContext* parseTree(P& parser, antlr4::CommonTokenStream& tokens) {
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  auto* interpreter = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  interpreter->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  try {
    return parser.file();
  } catch (const antlr4::ParseCancellationException&) {
  }
  // SLL prediction can fail where full LL succeeds.
  tokens.seek(0);
  parser.reset();
  interpreter->setPredictionMode(antlr4::atn::PredictionMode::LL);
  try {
    return parser.file();
  } catch (const antlr4::ParseCancellationException&) {
    throw std::logic_error("the formatter could not parse a file that the parser accepted");
  }
}

}  // namespace

std::optional<std::string> formatSource(const SourceFile& file, DiagnosticSink& sink) {
  const std::size_t errorsBefore = sink.errorCount();
  parse(file, sink);
  if (sink.errorCount() > errorsBefore) return std::nullopt;

  antlr4::ANTLRInputStream input(file.text());
  Lexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  P parser(&tokens);
  P::FileContext* tree = parseTree(parser, tokens);
  TokenTable table = collectTokens(tokens, file.text());
  FormatBuilder builder(table);
  std::string out = layout::render(builder.file(tree), kFormatWidth);
  if (!sameTokens(table, out)) {
    throw std::logic_error(fmt::format("the formatter changed the tokens of `{}`", file.path()));
  }
  return out;
}

}  // namespace rootpol::syntax
