// Goldens of what rootpol reads (tests/golden/input/): each case lays out a tree that git cannot
// hold (symbolic links out of it, a link to /proc, a FIFO) in a temporary directory, runs lint
// or the compiler there, and compares the rendered diagnostics with `<case>.diag`. The input
// `empty_program.rootpol` is compiled as `compile` does (RP2008); its expectation is
// `empty_program.compile.diag` (golden_test.cpp compiles it as `check` does: no diagnostic).
// UPDATE_GOLDEN=1 rewrites the expectations.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/render.h"
#include "driver/compilation.h"
#include "driver/lint_session.h"
#include "golden_support.h"
#include "test_paths.h"

namespace rootpol {
namespace {

namespace fs = std::filesystem;

using testing::expectOrUpdate;
using testing::renderAll;

fs::path inputDir() { return testing::sourceDir() / "tests" / "golden" / "input"; }

// A scratch directory that is the working directory while the test runs, so that diagnostics
// name short relative paths.
class InputGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_ = fs::current_path();
    dir_ = fs::temp_directory_path() / ("rootpol-input-golden-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "outside");
    ASSERT_EQ(::chdir(dir_.c_str()), 0);
    testing::writeText("outside/credentials.json", "{\"AWS_SECRET_ACCESS_KEY\": \"do-not-print\"}\n");
  }
  void TearDown() override {
    fs::current_path(previous_);
    fs::remove_all(dir_);
  }

  static std::string lint(const std::vector<std::string>& paths) {
    lint::LintOptions options;
    options.paths = paths;
    driver::LintSession run(options, /*limits=*/"");
    EXPECT_TRUE(run.run()) << run.toolError().value_or("");
    return renderAll(run.sources(), run.findings());
  }

  fs::path previous_, dir_;
};

TEST_F(InputGolden, WalkSkipsLinksOutAndSpecialFiles) {
  fs::create_directories("policies");
  fs::create_symlink("../outside/credentials.json", "policies/credentials.json");
  fs::create_symlink("/proc/self/environ", "policies/environ.json");
  ASSERT_EQ(::mkfifo("policies/pipe.json", 0600), 0);
  testing::writeText("policies/ok.rootpol", "policy p {\n  deny iam:CreateAccessKey for root\n}\n");
  std::string actual = lint({"policies"});
  EXPECT_EQ(actual.find("do-not-print"), std::string::npos);
  expectOrUpdate(inputDir() / "walk_skips.diag", actual);
}

TEST_F(InputGolden, ExplicitSpecialFilesAreRefused) {
  ASSERT_EQ(::mkfifo("pipe.json", 0600), 0);
  fs::create_symlink("/proc/self/environ", "environ.rootpol");
  std::string actual = lint({"pipe.json", "environ.rootpol"});
  expectOrUpdate(inputDir() / "explicit_refused.diag", actual);
}

TEST_F(InputGolden, CompileRefusesAnEmptyProgram) {
  fs::current_path(testing::sourceDir());  // the input is in the repository
  driver::Options options;
  options.inputs = {"tests/golden/input/empty_program.rootpol"};
  options.requireContent = true;
  driver::Compilation compilation(options);
  ASSERT_TRUE(compilation.run()) << compilation.toolError().value_or("");
  EXPECT_TRUE(compilation.diagnostics().hasErrors());
  expectOrUpdate(inputDir() / "empty_program.compile.diag",
                 renderAll(compilation.sources(), compilation.diagnostics().sorted()));
}

}  // namespace
}  // namespace rootpol
