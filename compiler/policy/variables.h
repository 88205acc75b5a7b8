#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// How IAM reads a policy string: literal text, the wildcards `*` and `?` (where the operator or
// element takes them), and policy variables (IAM User Guide, "Policy variables"; only in
// documents of Version 2012-10-17, see policy::variablesApply). The one tokeniser of policy
// strings: the compiled patterns (policy/pattern.h) and whoever asks which keys a string
// substitutes read strings through it.
namespace rootpol::policy {

// One piece of a policy string; views into the string it was cut from.
struct PatternPiece {
  enum class Kind : std::uint8_t { Literal, Star, Question, Variable };
  Kind kind = Kind::Literal;
  std::string_view text;                     // Literal: its characters; Variable: the key
  std::optional<std::string_view> fallback;  // Variable: the default, without its quotes
  std::string_view written;                  // the piece as written: `${aws:username}`
};

// The pieces of `text`, in order. With `wildcards`, `*` and `?` are Star and Question; without,
// they are literal. With `variables`, `${key}` and `${key, 'default'}` are Variables (spaces
// around the key and the default are dropped; a default not in single quotes is no default),
// and `${*}`, `${?}`, `${$}` are the literal characters; a `${` without a closing brace or
// without a key is literal text. Consecutive literal characters may come as several pieces.
std::vector<PatternPiece> patternPieces(std::string_view text, bool wildcards, bool variables);

// The keys of the variables `text` substitutes, in order (repeats kept): `home/${aws:username}`
// gives `aws:username`.
std::vector<std::string> variableKeys(std::string_view text);

}  // namespace rootpol::policy
