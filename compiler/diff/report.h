#pragma once

#include <string>
#include <vector>

#include "diff/diff.h"

// The three renderings of a diff (spec 10.4). Text and markdown group related witnesses: one
// line per set of actions that changed the same way, for the same principal and keys, in the
// same accounts; JSON lists every account's change with its witness.
namespace rootpol::diff {

std::string renderText(const Result& result, std::size_t accountCount);
std::string renderMarkdown(const Result& result, std::size_t accountCount);
std::string renderJson(const Result& result);
// A self-contained page (no network): the markdown's table, for a browser or an artefact.
std::string renderHtml(const Result& result, std::size_t accountCount);

}  // namespace rootpol::diff
