// Lint goldens: every file under tests/golden/lint/ (JSON policies, templates, YAML, .rootpol
// programs, anything else) is linted on its own and its findings compared with x.diag beside
// it. A sidecar `x.lintconfig.json` is passed as --config. UPDATE_GOLDEN=1 rewrites them.
#include <gtest/gtest.h>
#include <unistd.h>

#include "base/render.h"
#include "driver/lint_session.h"
#include "test_paths.h"

namespace rootpol {
namespace {

namespace fs = std::filesystem;
using testing::sourceDir;

fs::path lintDir() { return sourceDir() / "tests" / "golden" / "lint"; }

bool isSidecar(const fs::path& p) {
  std::string name = p.filename().string();
  return p.extension() == ".diag" ||
         (name.size() > 16 && name.compare(name.size() - 16, 16, ".lintconfig.json") == 0);
}

std::vector<fs::path> lintInputs() {
  std::vector<fs::path> out;
  if (!fs::exists(lintDir())) return out;
  for (const auto& entry : fs::directory_iterator(lintDir())) {
    if (entry.is_regular_file() && !isSidecar(entry.path())) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class LintGoldenTest : public ::testing::TestWithParam<fs::path> {
 protected:
  void SetUp() override { ASSERT_EQ(::chdir(sourceDir().c_str()), 0); }
};

TEST_P(LintGoldenTest, Matches) {
  const fs::path input = GetParam();
  std::string stem = (input.parent_path() /
                      input.filename().string().substr(0, input.filename().string().find('.')))
                         .string();
  lint::LintOptions options;
  options.paths = {fs::relative(input, sourceDir()).generic_string()};
  fs::path config = stem + ".lintconfig.json";
  if (fs::exists(config)) options.configFile = fs::relative(config, sourceDir()).generic_string();
  driver::LintSession run(options, /*limits=*/"");
  ASSERT_TRUE(run.run()) << run.toolError().value_or("");
  std::string actual;
  for (const Diagnostic& d : run.findings()) {
    ASSERT_TRUE(d.span.has_value()) << "a finding without a position: " << d.message;
    actual += renderHuman(run.sources(), d, {}) + "\n";
  }
  fs::path expectedPath = input.string() + ".diag";
  if (testing::updateGolden()) {
    testing::writeText(expectedPath, actual);
    return;
  }
  auto expected = testing::readText(expectedPath);
  ASSERT_TRUE(expected.has_value())
      << "missing golden " << expectedPath << " (run with UPDATE_GOLDEN=1)";
  EXPECT_EQ(*expected, actual) << "golden mismatch: " << expectedPath;
}

std::string testName(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Lint, LintGoldenTest, ::testing::ValuesIn(lintInputs()), testName);

}  // namespace
}  // namespace rootpol
