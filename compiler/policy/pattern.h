#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A policy string compiled once and matched against many texts: IAM wildcards and policy
// variables (policy/variables.h), as the evaluator reads Action, Resource and the String and
// Arn condition operators. Matching never allocates.
namespace rootpol::policy {

// What a policy variable stands for in one request: called with the variable's key, it gives
// the value, or nullopt when the key has none IAM substitutes (absent, several values). The
// hub knows nothing of requests; the evaluator passes its request context (eval/request.h).
template <typename F>
concept VariableResolver = requires(const F& resolve, std::string_view key) {
  { resolve(key) } -> std::convertible_to<std::optional<std::string_view>>;
};

// The resolver of a match without a request: no variable has a value.
struct NoVariables {
  std::optional<std::string_view> operator()(std::string_view) const { return std::nullopt; }
};

// One policy string. With `wildcards`, `*` matches any run of characters (also empty, also
// across `:` and `/`) and `?` exactly one character; without, both are literal. With
// `variables`, `${key}` and `${key, 'default'}` take the resolver's value of `key` (the default
// when it has none), and `${*}`, `${?}`, `${$}` stand for the literal characters. A
// substituted value is literal text even if it holds `*` or `?`.
class Pattern {
 public:
  Pattern() = default;
  Pattern(std::string_view text, bool wildcards, bool variables);

  // Whether all of `text` matches. `ignoreCase` folds ASCII letters on both sides. A variable
  // without a value and without a default makes the pattern match nothing (IAM: a policy
  // variable without a value does not match; negated operators therefore hold).
  template <VariableResolver Resolve>
  bool matches(std::string_view text, bool ignoreCase, const Resolve& resolve) const;
  bool matches(std::string_view text, bool ignoreCase) const {
    return matches(text, ignoreCase, NoVariables{});
  }

  bool matchesEverything() const { return form_ == Form::Everything; }  // exactly `*`
  bool hasVariables() const { return variables_ != 0; }

 private:
  // Everything: `*`. Literal: one token whose text is compared whole. Glob: one token whose
  // text is a plain IAM glob. Tokens: variables, or an escaped `*`/`?` among wildcards.
  enum class Form : std::uint8_t { Literal, Everything, Glob, Tokens };
  enum class Kind : std::uint8_t { Literal, Star, Question, Variable };
  struct Token {
    Kind kind = Kind::Literal;
    std::string text;                     // the literal, or the variable's key
    std::optional<std::string> fallback;  // a variable's default
    std::uint32_t slot = 0;               // a variable's index among the resolved values
  };
  // Variables are few (one or two in practice); more than this many make a pattern that
  // matches nothing rather than a heap allocation per match.
  static constexpr std::size_t kMaxVariables = 16;

  bool matchesResolved(std::string_view text, bool ignoreCase,
                       const std::string_view* values) const;
  bool matchTokens(std::string_view text, bool ignoreCase, const std::string_view* values) const;

  // As small as the evaluator's compiled form was before the hub had it: a policy compiles
  // many of these (six per ARN pattern).
  std::vector<Token> tokens_;
  std::uint32_t variables_ = 0;
  Form form_ = Form::Literal;
};

template <VariableResolver Resolve>
bool Pattern::matches(std::string_view text, bool ignoreCase, const Resolve& resolve) const {
  if (variables_ == 0) return matchesResolved(text, ignoreCase, nullptr);
  if (variables_ > kMaxVariables) return false;
  std::array<std::string_view, kMaxVariables> values;
  for (const Token& token : tokens_) {
    if (token.kind != Kind::Variable) continue;
    std::optional<std::string_view> value = resolve(std::string_view(token.text));
    if (!value && !token.fallback) return false;
    values[token.slot] = value ? *value : std::string_view(*token.fallback);
  }
  return matchesResolved(text, ignoreCase, values.data());
}

}  // namespace rootpol::policy
