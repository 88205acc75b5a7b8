// Writing the imported programs (importer/write_files.h): all files or none, temporaries
// never left behind, links replaced and never written through.
#include "importer/write_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "test_paths.h"

namespace rootpol::importer {
namespace {

namespace fs = std::filesystem;
using rootpol::testing::readText;
using rootpol::testing::writeText;

class WriteFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rootpol-import-write-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "out");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Every entry of `out`, sorted: shows stray temporaries.
  std::vector<std::string> tree() const {
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir_ / "out"))
      names.push_back(fs::relative(e.path(), dir_ / "out").generic_string());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

TEST_F(WriteFiles, WritesEveryFileWithTheUmasksPermissions) {
  const mode_t old = ::umask(022);
  std::string error;
  const bool ok = writeFiles(dir_ / "new" / "dir", {{"a.rootpol", "A"}, {"b.rootpol", "B"}}, error);
  ::umask(old);
  ASSERT_TRUE(ok) << error;
  EXPECT_EQ(readText(dir_ / "new" / "dir" / "a.rootpol"), "A");
  EXPECT_EQ(readText(dir_ / "new" / "dir" / "b.rootpol"), "B");
  EXPECT_EQ(fs::status(dir_ / "new" / "dir" / "a.rootpol").permissions(),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                fs::perms::others_read);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "new" / "dir"), fs::directory_iterator()),
            2);
}

TEST_F(WriteFiles, ReplacesWhatIsThere) {
  writeText(dir_ / "out" / "a.rootpol", "old");
  std::string error;
  ASSERT_TRUE(writeFiles(dir_ / "out", {{"a.rootpol", "new"}}, error)) << error;
  EXPECT_EQ(readText(dir_ / "out" / "a.rootpol"), "new");
  EXPECT_EQ(tree(), std::vector<std::string>{"a.rootpol"});
}

// The second of three files cannot be written: the first is not left behind, and the old
// file the third would have replaced is untouched.
TEST_F(WriteFiles, AFailureHalfWayWritesNothing) {
  writeText(dir_ / "out" / "c.rootpol", "old");
  std::string error;
  EXPECT_FALSE(writeFiles(
      dir_ / "out", {{"a.rootpol", "A"}, {"no-such-folder/b.rootpol", "B"}, {"c.rootpol", "C"}},
      error));
  EXPECT_NE(error.find("nothing written"), std::string::npos) << error;
  EXPECT_EQ(tree(), std::vector<std::string>{"c.rootpol"});
  EXPECT_EQ(readText(dir_ / "out" / "c.rootpol"), "old");
}

TEST_F(WriteFiles, AFolderInTheWayWritesNothing) {
  fs::create_directories(dir_ / "out" / "b.rootpol");
  std::string error;
  EXPECT_FALSE(writeFiles(dir_ / "out", {{"a.rootpol", "A"}, {"b.rootpol", "B"}}, error));
  EXPECT_NE(
      error.find("`" + (dir_ / "out" / "b.rootpol").generic_string() + "`: a folder is in the way"),
      std::string::npos)
      << error;
  EXPECT_EQ(tree(), std::vector<std::string>{"b.rootpol"});
}

TEST_F(WriteFiles, ALinkIsReplacedNotWrittenThrough) {
  writeText(dir_ / "target", "theirs");
  fs::create_symlink(dir_ / "target", dir_ / "out" / "a.rootpol");
  std::string error;
  ASSERT_TRUE(writeFiles(dir_ / "out", {{"a.rootpol", "A"}}, error)) << error;
  EXPECT_FALSE(fs::is_symlink(dir_ / "out" / "a.rootpol"));
  EXPECT_EQ(readText(dir_ / "out" / "a.rootpol"), "A");
  EXPECT_EQ(readText(dir_ / "target"), "theirs");
}

// Someone who can write into the output folder plants a link under the temporary name: the
// temporary is created exclusively, so the write fails instead of going through the link.
TEST_F(WriteFiles, ALinkUnderTheTemporaryNameIsNotWrittenThrough) {
  writeText(dir_ / "target", "theirs");
  const std::string temporary = ".a.rootpol.import-" + std::to_string(::getpid()) + "-0";
  fs::create_symlink(dir_ / "target", dir_ / "out" / temporary);
  std::string error;
  EXPECT_FALSE(writeFiles(dir_ / "out", {{"a.rootpol", "A"}}, error));
  EXPECT_EQ(readText(dir_ / "target"), "theirs");
  EXPECT_FALSE(fs::exists(dir_ / "out" / "a.rootpol"));
}

}  // namespace
}  // namespace rootpol::importer
