// CLI tests as data: tests/cli/<case>/cmd is a shell script run in an empty temporary
// directory with $ROOTPOL (the binary) and $SRC (the repository) set; its stdout, stderr and
// exit status are compared with expected.stdout, expected.stderr and expected.exit beside it.
// UPDATE_GOLDEN=1 rewrites the expectations.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>

#include "test_paths.h"

namespace {

namespace fs = std::filesystem;
using rootpol::testing::readText;
using rootpol::testing::sourceDir;

struct RunResult {
  std::string out, err;
  int status = -1;
};

RunResult runCase(const fs::path& script, const fs::path& workDir) {
  fs::path outFile = workDir / ".stdout", errFile = workDir / ".stderr";
  std::string command = "cd '" + workDir.string() + "' && ROOTPOL='" + std::string(ROOTPOL_BINARY) + "' SRC='" +
                        sourceDir().string() + "' NO_COLOR=1 sh '" + script.string() + "' >.stdout 2>.stderr";
  int raw = std::system(command.c_str());
  RunResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = readText(outFile).value_or("");
  r.err = readText(errFile).value_or("");
  return r;
}

void check(const fs::path& expected, const std::string& actual) {
  if (rootpol::testing::updateGolden()) {
    rootpol::testing::writeText(expected, actual);
    return;
  }
  auto text = readText(expected);
  ASSERT_TRUE(text.has_value()) << "missing " << expected << " (run with UPDATE_GOLDEN=1)";
  EXPECT_EQ(*text, actual) << expected;
}

class CliTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(CliTest, Matches) {
  fs::path dir = GetParam();
  fs::path work = fs::temp_directory_path() / ("rootpol-cli-" + dir.filename().string() + "-" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  RunResult r = runCase(dir / "cmd", work);
  check(dir / "expected.stdout", r.out);
  check(dir / "expected.stderr", r.err);
  check(dir / "expected.exit", std::to_string(r.status) + "\n");
  fs::remove_all(work);
}

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(sourceDir() / "tests" / "cli")) {
    if (entry.is_directory() && fs::exists(entry.path() / "cmd")) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string caseName(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cli, CliTest, ::testing::ValuesIn(cases()), caseName);

}  // namespace
