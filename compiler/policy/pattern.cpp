#include "policy/pattern.h"

#include "base/text.h"
#include "policy/glob.h"
#include "policy/variables.h"

namespace rootpol::policy {
namespace {

bool sameChar(char a, char b, bool ignoreCase) {
  return a == b || (ignoreCase && asciiLower(a) == asciiLower(b));
}

}  // namespace

Pattern::Pattern(std::string_view text, bool wildcards, bool variables) {
  // A string without variables whose wildcards are all written as `*`/`?` is matched on its
  // text: the plain glob is the fast path, and most patterns take it.
  bool plain = true;
  std::string written;  // the pattern as a plain glob or literal, while `plain`
  for (const PatternPiece& piece : patternPieces(text, wildcards, variables)) {
    switch (piece.kind) {
      case PatternPiece::Kind::Literal:
        plain = plain && !(wildcards && hasWildcard(piece.text));  // `${*}`: a literal `*`
        if (!tokens_.empty() && tokens_.back().kind == Kind::Literal) {
          tokens_.back().text.append(piece.text);
        } else {
          tokens_.push_back(Token{Kind::Literal, std::string(piece.text), {}, 0});
        }
        break;
      case PatternPiece::Kind::Star:
        tokens_.push_back(Token{Kind::Star, {}, {}, 0});
        break;
      case PatternPiece::Kind::Question:
        tokens_.push_back(Token{Kind::Question, {}, {}, 0});
        break;
      case PatternPiece::Kind::Variable:
        plain = false;
        tokens_.push_back(
            Token{Kind::Variable, std::string(piece.text),
                  piece.fallback ? std::optional<std::string>(*piece.fallback) : std::nullopt,
                  variables_++});
        break;
    }
    if (plain) written.append(piece.text);
  }
  if (!plain) {
    form_ = Form::Tokens;
    return;
  }
  form_ = !wildcards || !hasWildcard(written) ? Form::Literal
          : written == "*"                    ? Form::Everything
                                              : Form::Glob;
  tokens_.assign(1, Token{Kind::Literal, std::move(written), {}, 0});
}

bool Pattern::matchesResolved(std::string_view text, bool ignoreCase,
                              const std::string_view* values) const {
  // A default-constructed pattern has no token: the empty literal.
  const std::string_view whole = tokens_.empty() ? std::string_view() : tokens_[0].text;
  switch (form_) {
    case Form::Everything:
      return true;
    case Form::Literal:
      return ignoreCase ? equalsIgnoreCase(whole, text) : whole == text;
    case Form::Glob:
      return globMatch(whole, text, ignoreCase);
    case Form::Tokens:
      return matchTokens(text, ignoreCase, values);
  }
  return false;
}

// The greedy glob of policy/glob.cpp over tokens, whose texts (literals and substituted
// values) are literal however they read: a position is (token, offset in its text).
bool Pattern::matchTokens(std::string_view text, bool ignoreCase,
                          const std::string_view* values) const {
  auto literal = [&](const Token& t) -> std::string_view {
    return t.kind == Kind::Variable ? values[t.slot] : std::string_view(t.text);
  };
  auto isText = [](const Token& t) { return t.kind == Kind::Literal || t.kind == Kind::Variable; };
  const std::size_t n = tokens_.size();
  std::size_t tk = 0, off = 0, ti = 0;
  bool star = false;
  std::size_t starTk = 0, starTi = 0;
  while (true) {
    while (tk < n && isText(tokens_[tk]) && off == literal(tokens_[tk]).size()) {
      ++tk;
      off = 0;
    }
    if (ti == text.size()) break;
    if (tk < n && tokens_[tk].kind == Kind::Star) {
      star = true;
      starTk = ++tk;
      starTi = ti;
      off = 0;
    } else if (tk < n && tokens_[tk].kind == Kind::Question) {
      ++tk;
      ++ti;
    } else if (tk < n && sameChar(literal(tokens_[tk])[off], text[ti], ignoreCase)) {
      ++off;
      ++ti;
    } else if (star) {
      tk = starTk;
      off = 0;
      ti = ++starTi;
    } else {
      return false;
    }
  }
  // The text is used up: only stars (and empty texts) may remain.
  for (; tk < n; ++tk, off = 0) {
    const Token& t = tokens_[tk];
    if (t.kind == Kind::Question || (isText(t) && off != literal(t).size())) return false;
  }
  return true;
}

}  // namespace rootpol::policy
