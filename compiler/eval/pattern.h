#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eval/request.h"

// Policy strings compiled once for matching: IAM wildcards, policy variables and ARNs.
// Written from the IAM User Guide (Resource element, Condition operators, Policy variables;
// aws-facts §1 and §3); matching never allocates.
namespace rootpol::eval {

// One policy string. With `wildcards`, `*` matches any run of characters (also empty, also
// across `:` and `/`) and `?` exactly one character; without, both are literal. With
// `variables`, `${key}` and `${key, 'default'}` take the request's value of `key` (a
// single-valued key; the default when the key is absent or multi-valued), and `${*}`, `${?}`,
// `${$}` stand for the literal characters; a `${` without a closing brace is literal text.
// A substituted value is literal text even if it holds `*` or `?`.
class Pattern {
 public:
  Pattern() = default;
  Pattern(std::string_view text, bool wildcards, bool variables);

  // Whether all of `text` matches. `ignoreCase` folds ASCII letters on both sides. A variable
  // that resolves to nothing makes the pattern match nothing (IAM: a policy variable without
  // a value does not match; negated operators therefore hold, see condition.h).
  bool matches(std::string_view text, bool ignoreCase, const RequestContext* context) const;

  bool matchesEverything() const { return everything_; }  // exactly `*`

 private:
  enum class Kind : std::uint8_t { Literal, Star, Question, Variable };
  struct Token {
    explicit Token(Kind k, std::string t = {}) : kind(k), text(std::move(t)) {}
    Kind kind = Kind::Literal;
    std::string text;  // the literal, or the variable's key
    std::string fallback;
    bool hasFallback = false;
    std::uint32_t slot = 0;  // a variable's index among the resolved values
    std::uint32_t hash = 0;  // keyHash of a variable's key
  };

  void appendLiteral(std::string_view text);
  bool appendVariable(std::string_view inner);
  bool matchesResolved(std::string_view text, bool ignoreCase, const RequestContext* context) const;
  bool glob(std::string_view text, bool ignoreCase, const std::string_view* resolved) const;

  std::vector<Token> tokens_;
  std::uint32_t variables_ = 0;
  bool everything_ = false;
};

// An ARN pattern matched part by part (ArnLike, and Resource): each of the six parts is its
// own Pattern, so a wildcard never crosses a `:` except inside the resource part, which keeps
// the rest of the text. A pattern with fewer than six parts whose last part ends in `*` is
// padded with `*` parts (IAM Resource element: a trailing `*` "can expand to match beyond the
// colon boundaries"); any other short pattern is invalid. Colons inside `${...}` do not split.
class ArnPattern {
 public:
  ArnPattern() = default;
  explicit ArnPattern(std::string_view text);

  bool valid() const { return valid_; }
  bool matches(const ArnParts& arn, const RequestContext& context) const;

 private:
  std::array<Pattern, 6> parts_;
  bool valid_ = false;
};

// One Resource/NotResource entry. `*` matches every resource. A pattern that starts with
// `arn:` is matched part-wise against a request resource that is an ARN; every other pairing
// (a non-ARN pattern, or a request resource such as "*" that is not an ARN) compares the whole
// strings with wildcards. Case-sensitive: ARNs are (IAM: "the IAM user name is case
// sensitive" in Resource).
class ResourcePattern {
 public:
  explicit ResourcePattern(std::string_view text);
  bool matches(const RequestContext& context) const;

 private:
  Pattern whole_;
  ArnPattern arn_;
  bool everything_ = false;
};

}  // namespace rootpol::eval
