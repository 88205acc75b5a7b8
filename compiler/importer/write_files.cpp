#include "importer/write_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace rootpol::importer {
namespace fs = std::filesystem;
namespace {

// Creates `path` (never an existing file or link) with the umask's permissions and writes
// `text`; on failure sets `error` (about `shown`, the file the user asked for) and leaves no
// file behind.
bool writeNew(const fs::path& path, const fs::path& shown, const std::string& text,
              std::string& error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    error = fmt::format("cannot write `{}`: {}", shown.generic_string(), std::strerror(errno));
    return false;
  }
  int failure = 0;  // the errno of the first failing call
  for (std::size_t done = 0; failure == 0 && done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) failure = n < 0 ? errno : EIO;
    done += n > 0 ? static_cast<std::size_t>(n) : 0;
  }
  if (::close(fd) != 0 && failure == 0) failure = errno;
  const bool ok = failure == 0;
  if (!ok) {
    error = fmt::format("cannot write `{}`: {}", shown.generic_string(), std::strerror(failure));
    std::error_code ignore;
    fs::remove(path, ignore);
  }
  return ok;
}

struct Staged {
  fs::path temporary;
  fs::path target;
  bool existed = false;  // a file (or link) was at `target` before: renaming replaces it
};

void removeAll(const std::vector<Staged>& staged) {
  std::error_code ignore;
  for (const Staged& s : staged) fs::remove(s.temporary, ignore);
}

}  // namespace

bool writeFiles(const fs::path& dir, const std::vector<OutputFile>& files, std::string& error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    error = fmt::format("cannot create `{}`: {}", dir.generic_string(), ec.message());
    return false;
  }
  std::vector<Staged> staged;
  for (const OutputFile& file : files) {
    Staged s;
    s.temporary = dir / fmt::format(".{}.import-{}-{}", file.name, ::getpid(), staged.size());
    s.target = dir / file.name;
    const fs::file_status status = fs::symlink_status(s.target, ec);
    s.existed = fs::exists(status);
    std::string problem;
    if (fs::is_directory(status)) {
      problem =
          fmt::format("cannot replace `{}`: a folder is in the way", s.target.generic_string());
    }
    if (!problem.empty() || !writeNew(s.temporary, s.target, file.text, problem)) {
      removeAll(staged);
      error = problem + "; nothing written";
      return false;
    }
    staged.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < staged.size(); ++i) {
    fs::rename(staged[i].temporary, staged[i].target, ec);
    if (!ec) continue;
    error = fmt::format("cannot write `{}`: {}", staged[i].target.generic_string(), ec.message());
    std::string replaced;  // the old files already gone: a new one cannot be taken back
    std::error_code ignore;
    for (std::size_t j = 0; j < i; ++j) {
      if (!staged[j].existed) {
        fs::remove(staged[j].target, ignore);
        continue;
      }
      replaced +=
          fmt::format("{}`{}`", replaced.empty() ? "" : ", ", staged[j].target.generic_string());
    }
    removeAll(std::vector<Staged>(staged.begin() + static_cast<std::ptrdiff_t>(i), staged.end()));
    error += replaced.empty() ? "; nothing written" : "; already replaced: " + replaced;
    return false;
  }
  return true;
}

}  // namespace rootpol::importer
