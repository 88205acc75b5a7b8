// Every diagnostic in the registry is exercised by a golden test (its rendered form is in
// some tests/golden/**/*.diag), except the few listed below with where they are covered.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "base/diagnostic.h"
#include "test_paths.h"

namespace rootpol {
namespace {

namespace fs = std::filesystem;

struct Exempt {
  DiagCode code;
  const char* coveredBy;  // a test file or folder under the repository root
};

// Codes no golden input can show, and the test that covers each instead.
const Exempt kAllowList[] = {
    // input-too-large: the limit is 4 MiB; a golden file that size is not worth keeping.
    {DiagCode::RP0008, "tests/unit/syntax/parse_test.cpp"},
    // import-would-overwrite: a property of the output folder, not of an input.
    {DiagCode::RP0032, "tests/cli/import_writes"},
};

std::set<std::string> codesInGoldenDiags() {
  std::set<std::string> seen;
  const std::regex header(R"((?:error|warning|note)\[(RP[0-9]{4})\]: )");
  for (const fs::path& p : testing::filesUnder(testing::sourceDir() / "tests" / "golden", ".diag")) {
    std::string text = testing::readText(p).value_or("");
    for (std::sregex_iterator it(text.begin(), text.end(), header), end; it != end; ++it) seen.insert((*it)[1]);
  }
  return seen;
}

TEST(DiagnosticCoverage, EveryCodeAppearsInAGoldenDiag) {
  std::set<std::string> seen = codesInGoldenDiags();
  std::set<std::string> exempt;
  for (const Exempt& e : kAllowList) exempt.insert(std::string(diagInfo(e.code).code));
  for (DiagCode code : allDiagCodes()) {
    std::string name(diagInfo(code).code);
    if (exempt.count(name) > 0) continue;
    EXPECT_TRUE(seen.count(name) > 0) << name << " (" << diagInfo(code).name
                                      << ") appears in no tests/golden/**/*.diag; add a golden input that triggers it";
  }
}

TEST(DiagnosticCoverage, AllowListStaysTightAndPointsAtRealTests) {
  std::set<std::string> seen = codesInGoldenDiags();
  for (const Exempt& e : kAllowList) {
    std::string name(diagInfo(e.code).code);
    EXPECT_EQ(seen.count(name), 0u) << name << " is now in a golden .diag: take it off the allow-list";
    EXPECT_TRUE(fs::exists(testing::sourceDir() / e.coveredBy)) << name << ": " << e.coveredBy << " does not exist";
  }
}

TEST(DiagnosticRegistry, CodesAreUniqueOrderedAndWellFormed) {
  const std::regex form("RP[0-9]{4}");
  std::set<std::string_view> names;
  std::string_view previous;
  for (DiagCode code : allDiagCodes()) {
    const DiagInfo& info = diagInfo(code);
    EXPECT_TRUE(std::regex_match(std::string(info.code), form)) << info.code;
    EXPECT_LT(previous, info.code) << "codes must ascend in diagnostic_kinds.def";
    previous = info.code;
    EXPECT_TRUE(names.insert(info.name).second) << "duplicate name " << info.name;
    EXPECT_FALSE(info.doc.empty()) << info.code;
  }
  EXPECT_EQ(diagInfo(DiagCode::RP1016).severity, Severity::Warning);
  EXPECT_EQ(diagInfo(DiagCode::RP2005).severity, Severity::Warning);
  EXPECT_EQ(diagInfo(DiagCode::RP1001).severity, Severity::Error);
}

TEST(DiagnosticSink, SortsByPlaceAndDropsExactDuplicates) {
  DiagnosticSink sink;
  sink.report(DiagCode::RP1016, Span{1, 20, 25}, "later");
  sink.report(DiagCode::RP1001, Span{1, 5, 6}, "first");
  sink.report(DiagCode::RP1001, Span{1, 5, 6}, "first");  // duplicate
  sink.report(DiagCode::RP1004, Span{1, 5, 6}, "same place, higher code");
  sink.report(DiagCode::RP2001, std::nullopt, "no place");
  EXPECT_EQ(sink.errorCount(), 4u);
  EXPECT_EQ(sink.warningCount(), 1u);
  EXPECT_TRUE(sink.hasErrors());
  auto sorted = sink.sorted();
  ASSERT_EQ(sorted.size(), 4u);
  EXPECT_EQ(sorted[0].message, "no place");
  EXPECT_EQ(sorted[1].message, "first");
  EXPECT_EQ(sorted[2].message, "same place, higher code");
  EXPECT_EQ(sorted[3].message, "later");
}

}  // namespace
}  // namespace rootpol
