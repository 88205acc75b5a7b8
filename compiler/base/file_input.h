#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Reading the files a user names, and only those: every command that reads user paths
// (check, compile, lint, fmt, test, explain, imports) goes through here. The point is that a
// hostile tree (a pull request in CI) cannot make rootpol read, hang on, or echo back anything
// but the regular files under the paths it was given:
// - a file is opened with O_NONBLOCK (opening a FIFO never waits for a writer) and checked
//   with fstat/fstatfs on the open descriptor, so a FIFO, device or /proc file swapped in
//   after a check is still refused;
// - walking a directory skips symlinks that lead outside it, devices, FIFOs and sockets
//   (reported by the caller, never read);
// - a UTF-8 byte-order mark is dropped, so every reader sees the same text and columns;
// - size is bounded.
namespace rootpol::input {

// `-` on the command line means standard input; diagnostics call it `<stdin>`.
inline constexpr std::string_view kStdinArg = "-";
inline constexpr std::string_view kStdinName = "<stdin>";
// Larger inputs are refused before they are read (the parser's own limit, RP0008, is lower).
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

enum class Problem {
  None,
  Missing,      // does not exist
  Directory,    // a directory where a file was expected
  Special,      // a FIFO, socket or device
  Proc,         // on /proc or /sys: kernel state that looks like a file
  OutsideLink,  // (walking only) a symlink that leads outside the walked directory
  TooLarge,     // over kMaxInputBytes
  Unreadable,   // permissions, I/O error
};

struct ReadResult {
  std::optional<std::string> text;  // set when problem == None; without a byte-order mark
  Problem problem = Problem::None;
  std::string detail;  // for Unreadable: the system's reason
  bool hadByteOrderMark = false;  // the file began with one (fmt rewrites it without)
};

// Reads a regular file, following symlinks (a path given on the command line or an import
// is the user's choice), refusing what is not a regular file of a disk file system.
ReadResult readFile(const std::filesystem::path& path);
// Reads standard input to its end (bounded like a file).
ReadResult readStdin();

// Drops a leading UTF-8 byte-order mark; returns whether there was one.
bool stripByteOrderMark(std::string& text);

// What a path is, without opening it: Problem::None for a regular file or a directory (see
// isDirectory). Follows symlinks. Used to refuse an explicit path before anything is read.
Problem classify(const std::filesystem::path& path, bool& isDirectory);

// "cannot read `path`: ..." for Missing/Directory/TooLarge/Unreadable, and "`path`: a FIFO,
// socket or device, not a regular file" for what callers prefix with "skipped"/"not reading":
// the path and the reason, never the content.
std::string describe(Problem problem, std::string_view path, std::string_view detail = {});

struct Skipped {
  std::filesystem::path path;
  Problem problem;  // Special, Proc or OutsideLink
};

struct WalkOptions {
  // Whether a file (by its name) is one the caller reads; skipped entries are reported only
  // for such names, so a socket or a link named `x.sock` in the tree stays silent.
  std::function<bool(const std::filesystem::path&)> wanted;
  bool skipHiddenDirectories = false;  // `.git`, `.terraform`, ... and node_modules
};

// Walks `dir` recursively in sorted order. Regular files (and symlinks to regular files
// inside `dir`) that are wanted go to `files`; wanted entries that are devices, FIFOs,
// sockets, on /proc, or symlinks leading outside `dir` go to `skipped`. Symlinked directories
// are not entered (a link to a parent would loop).
void walkDirectory(const std::filesystem::path& dir, const WalkOptions& options,
                   std::vector<std::filesystem::path>& files, std::vector<Skipped>& skipped);

}  // namespace rootpol::input
