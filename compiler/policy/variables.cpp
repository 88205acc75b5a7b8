#include "policy/variables.h"

namespace rootpol::policy {
namespace {

std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The piece `${inner}` stands for, or nullopt when it is literal text (no key).
std::optional<PatternPiece> variablePiece(std::string_view inner) {
  using Kind = PatternPiece::Kind;
  if (inner == "*" || inner == "?" || inner == "$")
    return PatternPiece{Kind::Literal, inner, {}, {}};
  const std::size_t comma = inner.find(',');
  PatternPiece piece{Kind::Variable, trimSpaces(inner.substr(0, comma)), {}, {}};
  if (piece.text.empty()) return std::nullopt;
  if (comma != std::string_view::npos) {
    std::string_view fallback = trimSpaces(inner.substr(comma + 1));
    if (fallback.size() >= 2 && fallback.front() == '\'' && fallback.back() == '\'') {
      piece.fallback = fallback.substr(1, fallback.size() - 2);
    }
  }
  return piece;
}

}  // namespace

std::vector<PatternPiece> patternPieces(std::string_view text, bool wildcards, bool variables) {
  using Kind = PatternPiece::Kind;
  std::vector<PatternPiece> out;
  auto special = [&](char c) {
    return (wildcards && (c == '*' || c == '?')) || (variables && c == '$');
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (wildcards && (c == '*' || c == '?')) {
      out.push_back(PatternPiece{
          c == '*' ? Kind::Star : Kind::Question, text.substr(i, 1), {}, text.substr(i, 1)});
      ++i;
      continue;
    }
    if (variables && c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const std::size_t close = text.find('}', i + 2);
      if (close != std::string_view::npos) {
        if (std::optional<PatternPiece> piece = variablePiece(text.substr(i + 2, close - i - 2))) {
          piece->written = text.substr(i, close + 1 - i);
          out.push_back(*piece);
          i = close + 1;
          continue;
        }
      }
    }
    // The run up to the next character that may start another piece is one literal.
    std::size_t end = i + 1;
    while (end < text.size() && !special(text[end])) ++end;
    out.push_back(
        PatternPiece{Kind::Literal, text.substr(i, end - i), {}, text.substr(i, end - i)});
    i = end;
  }
  return out;
}

std::vector<std::string> variableKeys(std::string_view text) {
  std::vector<std::string> keys;
  for (const PatternPiece& piece : patternPieces(text, false, true)) {
    if (piece.kind == PatternPiece::Kind::Variable) keys.emplace_back(piece.text);
  }
  return keys;
}

}  // namespace rootpol::policy
