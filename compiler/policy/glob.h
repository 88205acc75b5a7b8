#pragma once

#include <string_view>

// IAM wildcard patterns on plain text, without policy variables: matching one text, and whether
// one pattern covers another. Compiled patterns with variables are policy/pattern.h, which
// takes this path for a pattern without them. The reference interpreter keeps its own,
// independent matcher (interp/glob.h) on purpose: it is a test oracle for this one.
namespace rootpol::policy {

// Whether all of `text` matches `pattern`: `*` is any run of characters (also empty, also
// across `:` and `/`), `?` exactly one character; IAM patterns have no escapes. `ignoreCase`
// folds ASCII letters on both sides. Linear in practice; allocates nothing.
bool globMatch(std::string_view pattern, std::string_view text, bool ignoreCase = false);

// Every text `narrow` matches is matched by `wide` (both IAM globs; `*` any run, `?` one
// character). Exact for the cases rules need; never claims coverage it cannot show.
// `narrow`'s wildcards are characters that only a `*` of `wide` may absorb (a `?` of `narrow`
// is also taken by a `?` of `wide`), so `s3:?et*` does not cover `s3:*et`. `ignoreCase` folds
// ASCII letters. Allocates nothing.
bool patternCovers(std::string_view wide, std::string_view narrow, bool ignoreCase);

}  // namespace rootpol::policy
