// `rootpol fmt [--check] PATHS...`: rewrites .rootpol files in the canonical layout
// (compiler/syntax/format.cpp), or with --check prints what would change as a unified diff.
// Every file is read before any is written, so an unreadable path changes nothing. `-` reads
// standard input and writes the formatted text to standard output. A UTF-8 byte-order mark is
// dropped: the formatted file is written without it.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "base/file_input.h"
#include "base/render.h"
#include "cli/commands.h"
#include "driver/source_loader.h"
#include "syntax/format.h"

namespace rootpol::cli {
namespace {

namespace fs = std::filesystem;

// --- A line diff: LCS on what is left between the common prefix and suffix -------------------

enum class Op : char { Keep = ' ', Remove = '-', Add = '+' };

constexpr std::size_t kMaxCells = std::size_t{1} << 22;  // 16 MB of LCS table

struct Edit {
  Op op;
  std::size_t a;  // line index in the old text (for Add: the old lines before it)
  std::size_t b;  // line index in the new text (for Remove: the new lines before it)
};

// The lines of `text`, each with its `\n` (the last one may lack it).
std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

std::vector<Edit> diffLines(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
  // lcs[i][j]: the longest common subsequence of the middle parts from a[i] and b[j] on. Past
  // kMaxCells the table would cost too much memory: the middle is then replaced as a whole,
  // a correct diff if not a minimal one.
  const bool small = (n + 1) * (m + 1) <= kMaxCells;
  std::vector<std::uint32_t> lcs(small ? (n + 1) * (m + 1) : 1, 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = small ? n : 0; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1
                                                : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<Edit> edits;
  for (std::size_t k = 0; k < prefix; ++k) edits.push_back({Op::Keep, k, k});
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (small && i < n && j < m && a[prefix + i] == b[prefix + j]) {
      edits.push_back({Op::Keep, prefix + i++, prefix + j++});
    } else if (j == m || (i < n && (!small || at(i + 1, j) >= at(i, j + 1)))) {
      edits.push_back({Op::Remove, prefix + i++, prefix + j});
    } else {
      edits.push_back({Op::Add, prefix + i, prefix + j++});
    }
  }
  for (std::size_t k = 0; k < suffix; ++k)
    edits.push_back({Op::Keep, prefix + n + k, prefix + m + k});
  return edits;
}

// A hunk header range as diff -u writes it: `start,count`, `start` alone for one line, and the
// line before for none.
std::string range(std::size_t first, std::size_t count) {
  if (count == 1) return std::to_string(first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

constexpr std::size_t kContext = 3;

std::string unifiedDiff(const std::string& path, const std::string& before,
                        const std::string& after) {
  const std::vector<std::string> a = splitLines(before), b = splitLines(after);
  const std::vector<Edit> edits = diffLines(a, b);
  std::string out = fmt::format("--- {}\n+++ {} (formatted)\n", path, path);
  std::size_t k = 0;
  while (k < edits.size()) {
    if (edits[k].op == Op::Keep) {
      ++k;
      continue;
    }
    // A hunk runs until more than twice the context of unchanged lines separates two changes.
    std::size_t last = k;
    for (std::size_t next = k + 1; next < edits.size() && next <= last + 2 * kContext + 1; ++next) {
      if (edits[next].op != Op::Keep) last = next;
    }
    const std::size_t first = k > kContext ? k - kContext : 0;
    const std::size_t end = std::min(edits.size(), last + 1 + kContext);
    std::size_t aCount = 0, bCount = 0;
    std::string body;
    for (std::size_t e = first; e < end; ++e) {
      const Edit& edit = edits[e];
      const std::string& text = edit.op == Op::Add ? b[edit.b] : a[edit.a];
      aCount += edit.op != Op::Add;
      bCount += edit.op != Op::Remove;
      body += static_cast<char>(edit.op) + text;
      if (text.empty() || text.back() != '\n') body += "\n\\ No newline at end of file\n";
    }
    out += fmt::format("@@ -{} +{} @@\n", range(edits[first].a, aCount),
                       range(edits[first].b, bCount));
    out += body;
    k = end;
  }
  return out;
}

// --- Files ---------------------------------------------------------------------------------------

// Writes a temporary file beside `path` and renames it over `path`, so that a reader (or a
// crash) never sees half a file; the file keeps its permissions.
bool writeAtomically(const fs::path& shown, const std::string& text, std::string& error) {
  std::error_code ec;
  const fs::path path = fs::is_symlink(shown, ec) ? fs::canonical(shown, ec) : shown;
  std::string pattern =
      (path.parent_path() / ("." + path.filename().string() + ".fmt-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    error = fmt::format("cannot write `{}`: {}", shown.generic_string(), std::strerror(errno));
    return false;
  }
  const fs::perms perms = fs::status(path, ec).permissions() & fs::perms::mask;
  bool ok = !ec && ::fchmod(fd, static_cast<mode_t>(perms)) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    ok = n > 0;
    done += ok ? static_cast<std::size_t>(n) : 0;
  }
  ok = ::close(fd) == 0 && ok;
  if (ok) fs::rename(pattern, path, ec);
  if (!ok || ec) {
    error = fmt::format("cannot write `{}`: {}", shown.generic_string(),
                        ec ? ec.message() : std::string(std::strerror(errno)));
    fs::remove(pattern, ec);
    return false;
  }
  return true;
}

bool useColor() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr &&
         !(term != nullptr && std::string(term) == "dumb");
}

struct Input {
  fs::path path;  // `-`: standard input, formatted to standard output
  FileId id;
  bool byteOrderMark = false;  // dropped: a formatted file never has one
};

void printHuman(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                std::size_t& errors, std::size_t& warnings) {
  writeHuman(std::cerr, sources, diagnostics, HumanRenderOptions{useColor()});
  for (const Diagnostic& d : diagnostics) {
    errors += d.severity == Severity::Error;
    warnings += d.severity == Severity::Warning;
  }
}

// Expands directories and reads every file; nullopt after printing why not. Skipped and
// refused paths (RP0011-RP0013) are printed here.
std::optional<std::vector<Input>> readInputs(const std::vector<std::string>& paths,
                                             SourceManager& sources, std::size_t& errors,
                                             std::size_t& warnings) {
  DiagnosticSink sink;
  driver::SourceLoader loader(sources, sink, std::nullopt);
  std::vector<fs::path> files;
  std::string error;
  bool expanded = loader.expandInputs(paths, files, error);
  printHuman(sources, sink.sorted(), errors, warnings);
  if (!expanded) {
    std::cerr << "rootpol: " << error << "\n";
    errors = 0;  // nothing could be read at all: a usage error (exit 2), as for `check`
    return std::nullopt;
  }
  std::vector<Input> inputs;
  std::set<fs::path> seen;  // a file named twice (or also through its directory) is done once
  for (const fs::path& file : files) {
    std::error_code ec;
    bool fromStdin = file == input::kStdinArg;
    if (!seen.insert(fromStdin ? file : fs::weakly_canonical(file, ec)).second) continue;
    input::ReadResult read = fromStdin ? input::readStdin() : input::readFile(file);
    if (!read.text) {
      std::string name = fromStdin ? std::string(input::kStdinName) : file.generic_string();
      std::cerr << "rootpol: " << input::describe(read.problem, name, read.detail) << "\n";
      return std::nullopt;
    }
    std::string name = fromStdin ? std::string(input::kStdinName) : file.generic_string();
    inputs.push_back({file, sources.add(name, std::move(*read.text)), read.hadByteOrderMark});
  }
  if (sink.hasErrors()) return std::nullopt;  // a refused input: change nothing
  return inputs;
}

}  // namespace

int runFmt(const std::vector<std::string>& paths, bool check) {
  SourceManager sources;
  std::size_t errors = 0, warnings = 0;
  std::optional<std::vector<Input>> inputs = readInputs(paths, sources, errors, warnings);
  if (!inputs) return errors > 0 ? kExitInputErrors : kExitToolFailure;
  int status = kExitOk;
  for (const Input& input : *inputs) {
    const SourceFile& file = sources.file(input.id);
    const bool toStdout = input.path == input::kStdinArg;
    DiagnosticSink sink;
    std::optional<std::string> formatted = syntax::formatSource(file, sink);
    if (!formatted) {
      printHuman(sources, sink.sorted(), errors, warnings);
      status = kExitInputErrors;
      continue;
    }
    if (toStdout && !check) {
      std::cout << *formatted;
      continue;
    }
    if (*formatted == file.text() && !input.byteOrderMark) continue;
    if (check) {
      // The diff is against the bytes on disk, so a byte-order mark shows as a changed line.
      std::string before = (input.byteOrderMark ? "\xEF\xBB\xBF" : "") + file.text();
      std::cout << unifiedDiff(file.path(), before, *formatted);
      status = kExitInputErrors;
      continue;
    }
    std::string error;
    if (!writeAtomically(input.path, *formatted, error)) {
      std::cerr << "rootpol: " << error << "\n";
      return kExitToolFailure;
    }
    std::cout << "formatted " << file.path() << "\n";
  }
  std::string summary = renderSummary(errors, warnings);
  if (!summary.empty()) std::cerr << summary << "\n";
  return status;
}

}  // namespace rootpol::cli
