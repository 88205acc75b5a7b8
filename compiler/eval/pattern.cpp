#include "eval/pattern.h"

#include <optional>

namespace rootpol::eval {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool sameChar(char a, char b, bool ignoreCase) {
  return a == b || (ignoreCase && foldCase(a) == foldCase(b));
}

// Where `text` splits into ARN parts: up to five colons outside `${...}`.
std::vector<std::string_view> splitArnPattern(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  bool inVariable = false;
  for (std::size_t i = 0; i < text.size() && parts.size() < 5; ++i) {
    if (!inVariable && text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      inVariable = text.find('}', i) != std::string_view::npos;
    } else if (inVariable && text[i] == '}') {
      inVariable = false;
    } else if (!inVariable && text[i] == ':') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

Pattern::Pattern(std::string_view text, bool wildcards, bool variables) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (wildcards && (c == '*' || c == '?')) {
      tokens_.push_back(Token{c == '*' ? Kind::Star : Kind::Question});
      ++i;
      continue;
    }
    if (variables && c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      std::size_t close = text.find('}', i + 2);
      if (close != std::string_view::npos && appendVariable(text.substr(i + 2, close - i - 2))) {
        i = close + 1;
        continue;
      }
    }
    // The run up to the next character that may start a token is one literal.
    std::size_t end = i + 1;
    while (end < text.size() && !(wildcards && (text[end] == '*' || text[end] == '?')) &&
           !(variables && text[end] == '$')) {
      ++end;
    }
    appendLiteral(text.substr(i, end - i));
    i = end;
  }
  everything_ = tokens_.size() == 1 && tokens_.front().kind == Kind::Star;
}

void Pattern::appendLiteral(std::string_view text) {
  if (!tokens_.empty() && tokens_.back().kind == Kind::Literal) {
    tokens_.back().text.append(text);
  } else {
    tokens_.push_back(Token{Kind::Literal, std::string(text)});
  }
}

bool Pattern::appendVariable(std::string_view inner) {
  if (inner == "*" || inner == "?" || inner == "$") {
    appendLiteral(inner);
    return true;
  }
  std::size_t comma = inner.find(',');
  std::string_view key = trim(inner.substr(0, comma));
  if (key.empty()) return false;
  Token token{Kind::Variable, std::string(key)};
  if (comma != std::string_view::npos) {
    std::string_view fallback = trim(inner.substr(comma + 1));
    if (fallback.size() >= 2 && fallback.front() == '\'' && fallback.back() == '\'') {
      token.fallback = std::string(fallback.substr(1, fallback.size() - 2));
      token.hasFallback = true;
    }
  }
  token.slot = variables_++;
  token.hash = keyHash(token.text);
  tokens_.push_back(std::move(token));
  return true;
}

bool Pattern::matches(std::string_view text, bool ignoreCase, const RequestContext* context) const {
  if (everything_) return true;
  if (variables_ != 0) return matchesResolved(text, ignoreCase, context);
  if (tokens_.size() == 1 && tokens_.front().kind == Kind::Literal) {
    const std::string& literal = tokens_.front().text;
    return ignoreCase ? sameIgnoringCase(literal, text) : literal == text;
  }
  return glob(text, ignoreCase, nullptr);
}

bool Pattern::matchesResolved(std::string_view text, bool ignoreCase,
                              const RequestContext* context) const {
  // Variables are few (one or two in practice); resolve them once, on the stack.
  constexpr std::uint32_t kMaxVariables = 16;
  if (context == nullptr || variables_ > kMaxVariables) return false;
  std::string_view resolved[kMaxVariables];
  for (const Token& token : tokens_) {
    if (token.kind != Kind::Variable) continue;
    std::optional<std::string_view> value = context->single(token.text, token.hash);
    if (!value && !token.hasFallback) return false;
    resolved[token.slot] = value ? *value : std::string_view(token.fallback);
  }
  return glob(text, ignoreCase, resolved);
}

// Wildcard match with backtracking to the last `*` only, which is enough for `*`/`?` globs
// and keeps the cost linear in practice. A position is (token, offset in its literal).
bool Pattern::glob(std::string_view text, bool ignoreCase, const std::string_view* resolved) const {
  auto literal = [&](const Token& t) -> std::string_view {
    return t.kind == Kind::Variable ? resolved[t.slot] : std::string_view(t.text);
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
  // The text is used up: only stars (and empty literals) may remain.
  for (; tk < n; ++tk, off = 0) {
    const Token& t = tokens_[tk];
    if (t.kind == Kind::Question || (isText(t) && off != literal(t).size())) return false;
  }
  return true;
}

ArnPattern::ArnPattern(std::string_view text) {
  std::vector<std::string_view> parts = splitArnPattern(text);
  if (parts.size() < 6) {
    if (parts.back().empty() || parts.back().back() != '*') return;
    parts.resize(6, "*");
  }
  for (std::size_t i = 0; i < 6; ++i) parts_[i] = Pattern(parts[i], true, true);
  valid_ = true;
}

bool ArnPattern::matches(const ArnParts& arn, const RequestContext& context) const {
  if (!valid_) return false;
  for (std::size_t i = 0; i < 6; ++i) {
    if (!parts_[i].matches(arn[i], false, &context)) return false;
  }
  return true;
}

ResourcePattern::ResourcePattern(std::string_view text)
    : whole_(text, true, true), everything_(text == "*") {
  if (text.substr(0, 4) == "arn:") arn_ = ArnPattern(text);
}

bool ResourcePattern::matches(const RequestContext& context) const {
  if (everything_) return true;
  const ArnParts* arn = context.resourceArn();
  if (arn != nullptr && arn_.valid()) return arn_.matches(*arn, context);
  return whole_.matches(context.request().resource, false, &context);
}

}  // namespace rootpol::eval
