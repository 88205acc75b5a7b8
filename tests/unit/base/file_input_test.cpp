// Reading user paths: only regular files, never blocking, a byte-order mark dropped, walks
// that do not leave the directory given.
#include "base/file_input.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_paths.h"

namespace rootpol::input {
namespace {

namespace fs = std::filesystem;
using rootpol::testing::writeText;

class FileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rootpol-file-input-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FileInput, ReadsARegularFileAndDropsTheByteOrderMark) {
  writeText(dir_ / "a.rootpol", "\xEF\xBB\xBFpolicy p {}\n");
  ReadResult r = readFile(dir_ / "a.rootpol");
  ASSERT_TRUE(r.text.has_value());
  EXPECT_EQ(*r.text, "policy p {}\n");
  EXPECT_TRUE(r.hadByteOrderMark);
  writeText(dir_ / "b.rootpol", "policy p {}\n\xEF\xBB\xBF");  // only a leading mark is one
  r = readFile(dir_ / "b.rootpol");
  EXPECT_EQ(r.text, "policy p {}\n\xEF\xBB\xBF");
  EXPECT_FALSE(r.hadByteOrderMark);
}

TEST_F(FileInput, AFifoIsRefusedWithoutWaitingForAWriter) {
  ASSERT_EQ(::mkfifo((dir_ / "pipe").c_str(), 0600), 0);
  ReadResult r = readFile(dir_ / "pipe");  // would block forever without O_NONBLOCK
  EXPECT_FALSE(r.text.has_value());
  EXPECT_EQ(r.problem, Problem::Special);
  bool isDirectory = true;
  EXPECT_EQ(classify(dir_ / "pipe", isDirectory), Problem::Special);
  EXPECT_FALSE(isDirectory);
}

TEST_F(FileInput, KernelFilesAndDevicesAreRefused) {
  EXPECT_EQ(readFile("/proc/self/environ").problem, Problem::Proc);
  fs::create_symlink("/proc/self/environ", dir_ / "environ.json");
  EXPECT_EQ(readFile(dir_ / "environ.json").problem, Problem::Proc);
  bool isDirectory = false;
  EXPECT_EQ(classify(dir_ / "environ.json", isDirectory), Problem::Proc);
  EXPECT_EQ(classify("/proc", isDirectory), Problem::Proc);
  EXPECT_EQ(readFile("/dev/null").problem, Problem::Special);
  EXPECT_EQ(readFile("/dev/zero").problem, Problem::Special);
}

TEST_F(FileInput, MissingAndDirectory) {
  EXPECT_EQ(readFile(dir_ / "nope").problem, Problem::Missing);
  EXPECT_EQ(readFile(dir_).problem, Problem::Directory);
  bool isDirectory = false;
  EXPECT_EQ(classify(dir_, isDirectory), Problem::None);
  EXPECT_TRUE(isDirectory);
}

TEST_F(FileInput, DescriptionsNameThePathNeverTheContent) {
  EXPECT_EQ(describe(Problem::Special, "x.json"), "`x.json`: a FIFO, socket or device, not a regular file");
  EXPECT_EQ(describe(Problem::OutsideLink, "p/x.json"),
            "`p/x.json`: a symbolic link that leads outside the directory given");
  EXPECT_EQ(describe(Problem::Missing, "m"), "cannot read `m`: no such file or directory");
}

TEST_F(FileInput, WalkStaysInsideAndReportsWhatItSkips) {
  fs::path tree = dir_ / "tree";
  fs::create_directories(tree / "sub");
  fs::create_directories(tree / ".hidden");
  fs::create_directories(dir_ / "outside");
  writeText(dir_ / "outside" / "secret.json", "secret");
  writeText(tree / "a.json", "a");
  writeText(tree / "sub" / "b.json", "b");
  writeText(tree / ".hidden" / "c.json", "c");
  writeText(tree / "notes.txt", "not wanted");
  fs::create_symlink("../outside/secret.json", tree / "secret.json");
  fs::create_symlink("a.json", tree / "alias.json");             // inside: read
  fs::create_symlink("/proc/self/environ", tree / "env.json");  // outside
  fs::create_symlink("..", tree / "up");                         // a directory link: not entered
  fs::create_symlink("missing.json", tree / "dangling.json");    // nothing to read
  ASSERT_EQ(::mkfifo((tree / "pipe.json").c_str(), 0600), 0);
  ASSERT_EQ(::mkfifo((tree / "pipe.txt").c_str(), 0600), 0);  // not wanted: not reported

  WalkOptions options;
  options.wanted = [](const fs::path& p) { return p.extension() == ".json"; };
  options.skipHiddenDirectories = true;
  std::vector<fs::path> files;
  std::vector<Skipped> skipped;
  walkDirectory(tree, options, files, skipped);
  std::vector<std::string> names, reasons;
  for (const fs::path& f : files) names.push_back(f.lexically_relative(tree).generic_string());
  for (const Skipped& s : skipped)
    reasons.push_back(s.path.lexically_relative(tree).generic_string() + (s.problem == Problem::OutsideLink ? " link" : " special"));
  EXPECT_EQ(names, (std::vector<std::string>{"a.json", "alias.json", "sub/b.json"}));
  EXPECT_EQ(reasons, (std::vector<std::string>{"env.json link", "pipe.json special", "secret.json link"}));

  options.skipHiddenDirectories = false;
  files.clear();
  skipped.clear();
  walkDirectory(tree, options, files, skipped);
  EXPECT_EQ(files.size(), 4u);  // .hidden/c.json too
}

}  // namespace
}  // namespace rootpol::input
