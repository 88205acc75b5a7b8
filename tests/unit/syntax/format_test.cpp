// The formatter (compiler/syntax/format.cpp): over every parsing .rootpol of tests/golden/ and
// examples/ it is idempotent, keeps the AST, the tokens and the comments; fixture pairs under
// format_cases/ pin the layout (UPDATE_GOLDEN=1 rewrites the .out files); focused cases cover
// comments in odd places, blank lines, line ends and tabs; and a comment inserted into every
// gap between two tokens of a program must survive with the same guarantees.
#include "format_test_support.h"
#include "test_paths.h"

namespace rootpol::syntax {
namespace {

namespace fs = std::filesystem;
using fmt_test::astOf;
using fmt_test::expectFormatInvariants;
using fmt_test::format;

// --- Every parsing program of the repository --------------------------------------------------

std::vector<fs::path> corpus() {
  std::vector<fs::path> out;
  for (const char* dir : {"tests/golden", "examples"}) {
    for (const fs::path& p :
         rootpol::testing::filesUnder(rootpol::testing::sourceDir() / dir, ".rootpol")) {
      if (astOf(rootpol::testing::readText(p).value_or("")).has_value()) out.push_back(p);
    }
  }
  return out;
}

TEST(FormatCorpus, CoversTheGoldenAndExamplePrograms) {
  // 119 parse today; a drop means the listing broke, not that files were removed on purpose.
  EXPECT_GE(corpus().size(), 110u);
}

class FormatCorpusTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(FormatCorpusTest, IdempotentAndFaithful) {
  std::string name = fs::relative(GetParam(), rootpol::testing::sourceDir()).generic_string();
  expectFormatInvariants(*rootpol::testing::readText(GetParam()), name);
}

std::string testName(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = fs::relative(info.param, rootpol::testing::sourceDir()).generic_string();
  for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Repository, FormatCorpusTest, ::testing::ValuesIn(corpus()), testName);

// --- Fixture pairs: format_cases/NAME.in.rootpol -> NAME.out.rootpol --------------------------

fs::path casesDir() {
  return rootpol::testing::sourceDir() / "tests" / "unit" / "syntax" / "format_cases";
}

std::vector<fs::path> caseInputs() {
  std::vector<fs::path> out;
  for (const fs::path& p : rootpol::testing::filesUnder(casesDir(), ".rootpol")) {
    if (p.stem().extension() == ".in") out.push_back(p);
  }
  return out;
}

class FormatCaseTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(FormatCaseTest, MatchesAndIsAFixedPoint) {
  const fs::path input = GetParam();
  const std::string stem = input.stem().stem().string();
  const fs::path expectedPath = casesDir() / (stem + ".out.rootpol");
  std::string actual = expectFormatInvariants(*rootpol::testing::readText(input), stem);
  if (rootpol::testing::updateGolden()) {
    rootpol::testing::writeText(expectedPath, actual);
    return;
  }
  auto expected = rootpol::testing::readText(expectedPath);
  ASSERT_TRUE(expected.has_value()) << "missing " << expectedPath << " (run with UPDATE_GOLDEN=1)";
  EXPECT_EQ(actual, *expected) << expectedPath;
  EXPECT_EQ(format(*expected).value_or("<error>"), *expected)
      << expectedPath << " is not a fixed point";
}

TEST(FormatCases, Exist) { EXPECT_GE(caseInputs().size(), 6u); }

INSTANTIATE_TEST_SUITE_P(Cases, FormatCaseTest, ::testing::ValuesIn(caseInputs()), testName);

}  // namespace
}  // namespace rootpol::syntax
