// Output: all files or none, only the files rootpol wrote (the manifest) replaced or removed,
// the old output kept on failure.
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
  EXPECT_EQ(tree(out), (std::vector<std::string>{".rootpol-manifest.json", "report.json", "scp", "scp/one.json",
                                                 "scp/two.json"}));
}

TEST_F(OutputWriter, ManifestIsSortedAndTheSameWhateverTheOrder) {
  std::string error;
  ASSERT_TRUE(writeOutputsAtomically(dir_ / "x", {{"scp/b.json", "b"}, {"report.json", "r"}, {"scp/a.json", "a"}}, error));
  ASSERT_TRUE(writeOutputsAtomically(dir_ / "y", {{"scp/a.json", "a"}, {"scp/b.json", "b"}, {"report.json", "r"}}, error));
  auto x = readText(dir_ / "x" / ".rootpol-manifest.json");
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(x, readText(dir_ / "y" / ".rootpol-manifest.json"));
  EXPECT_LT(x->find("\"report.json\""), x->find("\"scp/a.json\""));
  EXPECT_LT(x->find("\"scp/a.json\""), x->find("\"scp/b.json\""));
}

TEST_F(OutputWriter, ReplacesAndRemovesOnlyTheFilesItWrote) {
  std::string error;
  ASSERT_TRUE(writeOutputsAtomically(dir_, {{"scp/kept.json", "old"}, {"scp/stale.json", "old"}, {"cfct/policies/x.json", "x"},
                                            {"terraform/main.tf.json", "tf"}},
                                     error))
      << error;
  writeText(dir_ / "terraform" / "backend.tf", "backend");
  fs::create_directories(dir_ / "terraform" / ".terraform" / "providers");
  writeText(dir_ / "terraform" / ".terraform" / "terraform.tfstate", "state");
  writeText(dir_ / "scp" / "mine.json", "mine");
  writeText(dir_ / "README.md", "readme");
  ASSERT_TRUE(writeOutputsAtomically(dir_, {{"scp/kept.json", "new"}, {"terraform/main.tf.json", "tf2"}}, error)) << error;
  EXPECT_EQ(readText(dir_ / "scp" / "kept.json"), "new");
  EXPECT_EQ(readText(dir_ / "terraform" / "main.tf.json"), "tf2");
  EXPECT_EQ(tree(dir_), (std::vector<std::string>{".rootpol-manifest.json", "README.md", "scp", "scp/kept.json",
                                                  "scp/mine.json", "terraform", "terraform/.terraform",
                                                  "terraform/.terraform/providers",
                                                  "terraform/.terraform/terraform.tfstate", "terraform/backend.tf",
                                                  "terraform/main.tf.json"}));
}

TEST_F(OutputWriter, WithoutAManifestNothingIsRemoved) {
  // An OUT from a rootpol before manifests: which files it wrote is unknown, so none is deleted.
  fs::create_directories(dir_ / "scp");
  writeText(dir_ / "scp" / "removed-policy.json", "old");
  writeText(dir_ / "scp" / "kept.json", "old");
  std::string error;
  ASSERT_TRUE(writeOutputsAtomically(dir_, {{"scp/kept.json", "new"}}, error)) << error;
  EXPECT_EQ(readText(dir_ / "scp" / "kept.json"), "new");
  EXPECT_EQ(readText(dir_ / "scp" / "removed-policy.json"), "old");
  // From now on the manifest tracks what was written.
  ASSERT_TRUE(writeOutputsAtomically(dir_, {{"scp/other.json", "o"}}, error)) << error;
  EXPECT_FALSE(fs::exists(dir_ / "scp" / "kept.json"));
  EXPECT_EQ(readText(dir_ / "scp" / "removed-policy.json"), "old");
}

TEST_F(OutputWriter, ManifestEntriesOutsideTheFolderAreIgnored) {
  fs::create_directories(dir_ / "out");
  writeText(dir_ / "precious.txt", "precious");
  writeText(dir_ / "out" / ".rootpol-manifest.json",
            "{\"files\": [\"../precious.txt\", \"scp/../../precious.txt\", \"" + (dir_ / "precious.txt").string() +
                "\", \"scp/old.json\"]}");
  writeText(dir_ / "out" / "old.json", "not under scp");
  std::string error;
  ASSERT_TRUE(writeOutputsAtomically(dir_ / "out", {{"scp/new.json", "n"}}, error)) << error;
  EXPECT_EQ(readText(dir_ / "precious.txt"), "precious");
  EXPECT_EQ(readText(dir_ / "out" / "old.json"), "not under scp");
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

TEST_F(OutputWriter, AFolderInTheWayFailsBeforeAnythingMoves) {
  fs::create_directories(dir_ / "scp" / "a.json");
  writeText(dir_ / "report.json", "old");
  std::string error;
  EXPECT_FALSE(writeOutputsAtomically(dir_, {{"report.json", "new"}, {"scp/a.json", "1"}}, error));
  EXPECT_NE(error.find("a folder is in the way"), std::string::npos) << error;
  EXPECT_EQ(readText(dir_ / "report.json"), "old");
  EXPECT_EQ(tree(dir_), (std::vector<std::string>{"report.json", "scp", "scp/a.json"}));
}

TEST_F(OutputWriter, FailureWhileMovingInRollsEveryFileBack) {
  std::string error;
  ASSERT_TRUE(writeOutputsAtomically(dir_, {{"aaa.json", "old a"}, {"scp/old.json", "old scp"}}, error)) << error;
  auto manifest = readText(dir_ / ".rootpol-manifest.json");
  // `zzz` is a file the user put there: `aaa.json` is moved in first, then `zzz/new.json`
  // cannot be, and everything must come back.
  writeText(dir_ / "zzz", "user file");
  EXPECT_FALSE(writeOutputsAtomically(dir_, {{"aaa.json", "new a"}, {"zzz/new.json", "new"}}, error));
  EXPECT_NE(error.find("cannot replace"), std::string::npos) << error;
  EXPECT_EQ(readText(dir_ / "aaa.json"), "old a");
  EXPECT_EQ(readText(dir_ / "scp" / "old.json"), "old scp");
  EXPECT_EQ(readText(dir_ / "zzz"), "user file");
  EXPECT_EQ(readText(dir_ / ".rootpol-manifest.json"), manifest);
  EXPECT_EQ(tree(dir_), (std::vector<std::string>{".rootpol-manifest.json", "aaa.json", "scp", "scp/old.json", "zzz"}));
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
