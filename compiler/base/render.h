#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"

namespace rootpol {

struct HumanRenderOptions {
  bool color = false;
};

// Renders like a modern compiler: `error[RP1004]: message`, `--> file:line:col`, the source
// line and a caret underline, then labels, notes and help.
std::string renderHuman(const SourceManager& sources, const Diagnostic& diagnostic,
                        const HumanRenderOptions& options);

// "2 errors, 1 warning" style summary line (empty when there is nothing to say).
std::string renderSummary(std::size_t errors, std::size_t warnings);

// A JSON array of diagnostics with code, severity, message, file, line, column, end.
std::string renderJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics);

}  // namespace rootpol
