#include "base/file_input.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace rootpol::input {
namespace fs = std::filesystem;
namespace {

// Pseudo file systems whose "files" are kernel state: they report themselves as regular files
// of size 0 and can hold secrets (/proc/self/environ) or block on read.
bool isKernelFileSystem(const struct statfs& info) {
  switch (static_cast<unsigned long>(info.f_type)) {
    case PROC_SUPER_MAGIC:
    case SYSFS_MAGIC:
    case DEBUGFS_MAGIC:
    case TRACEFS_MAGIC:
    case SECURITYFS_MAGIC:
    case CGROUP_SUPER_MAGIC:
    case CGROUP2_SUPER_MAGIC:
    case EFIVARFS_MAGIC:
      return true;
    default:
      return false;
  }
}

// The same decision by name, for a path that cannot be opened (and for a clear message).
bool isKernelPath(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(path, ec), ec);
  auto first = canonical.begin();
  if (first == canonical.end() || ++first == canonical.end()) return false;
  return *first == "proc" || *first == "sys";
}

bool isInside(const fs::path& path, const fs::path& root) {
  fs::path rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != ".." && !rel.is_absolute();
}

// Reads `fd` to its end, at most kMaxInputBytes (+1 to notice more). `expected`: the size a
// regular file had when it was opened, reserved at once (a 27 MB policy grown by appending was
// copied into ever larger buffers, each page-faulted anew); the file may still have changed.
ReadResult readAll(int fd, std::size_t expected = 0) {
  ReadResult result;
  std::string text;
  text.reserve(std::min(expected, kMaxInputBytes) + 1);
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result.problem = Problem::Unreadable;
      result.detail = std::strerror(errno);
      return result;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > kMaxInputBytes) {
      result.problem = Problem::TooLarge;
      return result;
    }
  }
  result.hadByteOrderMark = stripByteOrderMark(text);
  result.text = std::move(text);
  return result;
}

ReadResult failed(Problem problem, std::string detail = {}) {
  ReadResult result;
  result.problem = problem;
  result.detail = std::move(detail);
  return result;
}

}  // namespace

bool stripByteOrderMark(std::string& text) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") != 0) return false;
  text.erase(0, 3);
  return true;
}

ReadResult readFile(const fs::path& path) {
  if (isKernelPath(path)) return failed(Problem::Proc);
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting forever.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return failed(Problem::Missing);
    if (errno == ENXIO) return failed(Problem::Special);  // a socket
    return failed(Problem::Unreadable, std::strerror(errno));
  }
  // Checked on the descriptor, not the name, so nothing can be swapped in between.
  struct stat st {};
  struct statfs fsInfo {};
  ReadResult result;
  if (::fstat(fd, &st) != 0 || ::fstatfs(fd, &fsInfo) != 0) {
    result = failed(Problem::Unreadable, std::strerror(errno));
  } else if (S_ISDIR(st.st_mode)) {
    result = failed(Problem::Directory);
  } else if (!S_ISREG(st.st_mode)) {
    result = failed(Problem::Special);
  } else if (isKernelFileSystem(fsInfo)) {
    result = failed(Problem::Proc);
  } else if (static_cast<std::size_t>(st.st_size) > kMaxInputBytes) {
    result = failed(Problem::TooLarge);
  } else {
    result = readAll(fd, static_cast<std::size_t>(st.st_size));
  }
  ::close(fd);
  return result;
}

ReadResult readStdin() { return readAll(STDIN_FILENO); }

Problem classify(const fs::path& path, bool& isDirectory) {
  isDirectory = false;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return errno == ENOENT || errno == ENOTDIR ? Problem::Missing : Problem::Unreadable;
  if (isKernelPath(path)) return Problem::Proc;
  struct statfs fsInfo {};
  if (::statfs(path.c_str(), &fsInfo) == 0 && isKernelFileSystem(fsInfo)) return Problem::Proc;
  isDirectory = S_ISDIR(st.st_mode);
  return isDirectory || S_ISREG(st.st_mode) ? Problem::None : Problem::Special;
}

std::string describe(Problem problem, std::string_view path, std::string_view detail) {
  switch (problem) {
    case Problem::None:
      break;
    case Problem::Missing:
      return fmt::format("cannot read `{}`: no such file or directory", path);
    case Problem::Directory:
      return fmt::format("cannot read `{}`: it is a directory", path);
    case Problem::Special:
      return fmt::format("`{}`: a FIFO, socket or device, not a regular file", path);
    case Problem::Proc:
      return fmt::format("`{}`: kernel state (/proc or /sys), not a regular file", path);
    case Problem::OutsideLink:
      return fmt::format("`{}`: a symbolic link that leads outside the directory given", path);
    case Problem::TooLarge:
      return fmt::format("cannot read `{}`: larger than {} MiB", path, kMaxInputBytes >> 20);
    case Problem::Unreadable:
      return fmt::format("cannot read `{}`: {}", path, detail);
  }
  return fmt::format("cannot read `{}`", path);
}

namespace {

void walkInto(const fs::path& dir, const fs::path& root, const WalkOptions& options,
              std::vector<fs::path>& files, std::vector<Skipped>& skipped) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    entries.push_back(it->path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    const bool wanted = options.wanted(p);
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) continue;
    if (S_ISLNK(st.st_mode)) {
      fs::path target = fs::canonical(p, ec);
      if (ec) continue;  // dangling: there is nothing to read
      if (!isInside(target, root)) {
        if (wanted) skipped.push_back({p, Problem::OutsideLink});
        continue;
      }
      if (::stat(target.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) continue;
    }
    if (S_ISDIR(st.st_mode)) {
      std::string name = p.filename().string();
      bool hidden = name.rfind('.', 0) == 0 || name == "node_modules";
      if (!(options.skipHiddenDirectories && hidden)) walkInto(p, root, options, files, skipped);
    } else if (!wanted) {
      continue;
    } else if (S_ISREG(st.st_mode)) {
      files.push_back(p);
    } else {
      skipped.push_back({p, Problem::Special});
    }
  }
}

}  // namespace

void walkDirectory(const fs::path& dir, const WalkOptions& options, std::vector<fs::path>& files,
                   std::vector<Skipped>& skipped) {
  std::error_code ec;
  fs::path root = fs::canonical(dir, ec);
  if (ec) return;
  walkInto(dir, root, options, files, skipped);
}

}  // namespace rootpol::input
