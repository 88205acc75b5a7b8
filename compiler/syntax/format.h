#pragma once

#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "base/source.h"

namespace rootpol::syntax {

// The canonical layout of `file`, or nullopt after reporting syntax errors into `sink` (a file
// that does not parse is never reformatted). Comments are preserved (line and block, own-line
// and trailing); the result parses to the same AST (printModule equal) and formatting it again
// gives the same text. Only white space changes: the tokens and comments are the same, in the
// same order (checked before returning; a violation throws std::logic_error).
std::optional<std::string> formatSource(const SourceFile& file, DiagnosticSink& sink);

// The width the layout aims at (a line is longer only where a token or comment is).
inline constexpr int kFormatWidth = 100;

}  // namespace rootpol::syntax
