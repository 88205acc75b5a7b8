// Atomic output: all files or none, old folders replaced whole, old output kept on failure.
#include "driver/output_writer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_paths.h"

namespace rootpol::driver {
namespace {

namespace fs = std::filesystem;
using rootpol::testing::readText;
using rootpol::testing::writeText;

class OutputWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rootpol-output-writer-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    ::chmod(dir_.c_str(), 0755);
    fs::remove_all(dir_);
  }

  // Every entry under `root`, relative and sorted: shows stray staging or backup folders.
  static std::vector<std::string> tree(const fs::path& root) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) out.push_back(fs::relative(e.path(), root).generic_string());
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path dir_;
};

TEST_F(OutputWriter, WritesEveryFileAndCreatesTheDirectory) {
  fs::path out = dir_ / "a" / "b";
  std::string error;
  ASSERT_TRUE(writeOutputsAtomically(out, {{"scp/one.json", "{\"x\":1}"}, {"scp/two.json", "2"}, {"report.json", "{}"}},
                                     error))
      << error;
  EXPECT_EQ(readText(out / "scp" / "one.json"), "{\"x\":1}");
  EXPECT_EQ(readText(out / "scp" / "two.json"), "2");
  EXPECT_EQ(readText(out / "report.json"), "{}");
  EXPECT_EQ(tree(out), (std::vector<std::string>{"report.json", "scp", "scp/one.json", "scp/two.json"}));
}

TEST_F(OutputWriter, ReplacesOldFoldersWholeAndLeavesOthers) {
  fs::create_directories(dir_ / "scp");
  fs::create_directories(dir_ / "terraform");
  writeText(dir_ / "scp" / "stale.json", "old");
  writeText(dir_ / "scp" / "kept-name.json", "old");
  writeText(dir_ / "terraform" / "main.tf.json", "tf");
  std::string error;
  ASSERT_TRUE(writeOutputsAtomically(dir_, {{"scp/kept-name.json", "new"}}, error)) << error;
  EXPECT_EQ(readText(dir_ / "scp" / "kept-name.json"), "new");
  EXPECT_FALSE(fs::exists(dir_ / "scp" / "stale.json"));
  EXPECT_EQ(readText(dir_ / "terraform" / "main.tf.json"), "tf");  // not produced this time: untouched
  EXPECT_EQ(tree(dir_), (std::vector<std::string>{"scp", "scp/kept-name.json", "terraform", "terraform/main.tf.json"}));
}

TEST_F(OutputWriter, FailureWhileStagingKeepsTheOldOutput) {
  fs::create_directories(dir_ / "scp");
  writeText(dir_ / "scp" / "keep.json", "old");
  std::string error;
  // `scp/a.json` is written as a file, then needed as a folder: the staging step fails.
  EXPECT_FALSE(writeOutputsAtomically(dir_, {{"scp/a.json", "1"}, {"scp/a.json/b.json", "2"}}, error));
  EXPECT_NE(error.find("cannot write"), std::string::npos) << error;
  EXPECT_EQ(readText(dir_ / "scp" / "keep.json"), "old");
  EXPECT_EQ(tree(dir_), (std::vector<std::string>{"scp", "scp/keep.json"}));
}

TEST_F(OutputWriter, FailureWhileSwappingRollsBackEveryFolder) {
  fs::create_directories(dir_ / "aaa");
  fs::create_directories(dir_ / "scp");
  writeText(dir_ / "aaa" / "old.txt", "old a");
  writeText(dir_ / "scp" / "old.json", "old scp");
  // The backup name of `scp` is taken by a non-empty folder: `aaa` is swapped first, then
  // `scp` cannot be moved aside, and `aaa` must come back.
  fs::path blocker = dir_ / (".rootpol-old-" + std::to_string(::getpid()) + "-scp");
  fs::create_directories(blocker);
  writeText(blocker / "x", "x");
  std::string error;
  EXPECT_FALSE(writeOutputsAtomically(dir_, {{"aaa/new.txt", "new a"}, {"scp/new.json", "new scp"}}, error));
  EXPECT_NE(error.find("cannot replace"), std::string::npos) << error;
  EXPECT_EQ(readText(dir_ / "aaa" / "old.txt"), "old a");
  EXPECT_FALSE(fs::exists(dir_ / "aaa" / "new.txt"));
  EXPECT_EQ(readText(dir_ / "scp" / "old.json"), "old scp");
  EXPECT_FALSE(fs::exists(dir_ / "scp" / "new.json"));
  fs::remove_all(blocker);
  EXPECT_EQ(tree(dir_), (std::vector<std::string>{"aaa", "aaa/old.txt", "scp", "scp/old.json"}));
}

TEST_F(OutputWriter, OutputPathThatIsAFile) {
  writeText(dir_ / "out", "a file");
  std::string error;
  EXPECT_FALSE(writeOutputsAtomically(dir_ / "out", {{"scp/a.json", "1"}}, error));
  EXPECT_NE(error.find("cannot create"), std::string::npos) << error;
  EXPECT_EQ(readText(dir_ / "out"), "a file");
}

TEST_F(OutputWriter, UnwritableTargetKeepsTheOldOutput) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  fs::create_directories(dir_ / "scp");
  writeText(dir_ / "scp" / "keep.json", "old");
  ASSERT_EQ(::chmod(dir_.c_str(), 0555), 0);
  std::string error;
  EXPECT_FALSE(writeOutputsAtomically(dir_, {{"scp/a.json", "1"}}, error));
  ::chmod(dir_.c_str(), 0755);
  EXPECT_EQ(readText(dir_ / "scp" / "keep.json"), "old");
  EXPECT_EQ(tree(dir_), (std::vector<std::string>{"scp", "scp/keep.json"}));
}

}  // namespace
}  // namespace rootpol::driver
