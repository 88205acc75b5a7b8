#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/render.h"
#include "test_paths.h"

// What every golden test does with an actual output: compare it with the file beside the input,
// or rewrite that file under UPDATE_GOLDEN=1.
namespace rootpol::testing {

inline void expectOrUpdate(const std::filesystem::path& expectedPath, const std::string& actual) {
  if (updateGolden()) {
    writeText(expectedPath, actual);
    return;
  }
  auto expected = readText(expectedPath);
  ASSERT_TRUE(expected.has_value()) << "missing golden " << expectedPath << " (run with UPDATE_GOLDEN=1)";
  EXPECT_EQ(*expected, actual) << "golden mismatch: " << expectedPath;
}

// Diagnostics as a `.diag` golden holds them: human rendering, no colour, a blank line after each.
inline std::string renderAll(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += renderHuman(sources, d, {}) + "\n";
  return out;
}

}  // namespace rootpol::testing
