#include "syntax/string_literal.h"

namespace rootpol::syntax {

DecodedString decodeString(std::string_view token) {
  DecodedString out;
  // INVARIANT: the lexer only produces STRING tokens that start and end with a quote.
  std::string_view body = token.substr(1, token.size() >= 2 ? token.size() - 2 : 0);
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\') {
      out.value += c;
      continue;
    }
    char next = i + 1 < body.size() ? body[i + 1] : '\0';
    if (next == '"' || next == '\\') {
      out.value += next;
    } else if (!out.badEscape) {
      out.badEscape = i + 1;  // +1 for the opening quote
    }
    ++i;
  }
  return out;
}

}  // namespace rootpol::syntax
