#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace rootpol {

using FileId = std::uint32_t;

// A half-open byte range [begin, end) in one source file. Line and column are derived only
// when a diagnostic is rendered.
struct Span {
  FileId file = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool valid() const { return end >= begin && (end > 0 || begin > 0 || file > 0); }
  friend bool operator==(const Span&, const Span&) = default;
};

// Smallest span covering both (same file assumed).
Span cover(Span a, Span b);

struct LineCol {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in characters (UTF-8 code points) of the line
};

// One loaded source text with its line index. The index is made the first time a line or column
// is asked (under a once-flag: that may be from several threads): a file read without a
// finding to show never pays for it, and lint reads files of tens of megabytes.
class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text);

  FileId id() const { return id_; }
  // The path as the user should read it in diagnostics (relative where possible).
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  LineCol lineCol(std::uint32_t offset) const;
  // The text of 1-based line `line`, without its line terminator.
  std::string_view lineText(std::uint32_t line) const;
  std::uint32_t lineCount() const { return static_cast<std::uint32_t>(lineStarts().size()); }

 private:
  FileId id_;
  std::string path_;
  std::string text_;
  // The index, made by makeIndex() on first use; read it through lineStarts().
  mutable std::once_flag indexed_;
  mutable std::vector<std::uint32_t> lineStarts_;
  // Code points before every kStride-th byte, so that a column costs at most two short scans
  // (a file with thousands of diagnostics on one long line must not be quadratic).
  static constexpr std::uint32_t kStride = 256;
  mutable std::vector<std::uint32_t> codePointsAt_;
  void makeIndex() const;
  const std::vector<std::uint32_t>& lineStarts() const {
    std::call_once(indexed_, [this] { makeIndex(); });
    return lineStarts_;
  }
  std::uint32_t codePointsBefore(std::uint32_t offset) const;
  std::uint32_t lineOf(std::uint32_t offset) const;
  // The line of the last offset asked about: findings are rendered in text order, so the next
  // answer is usually that line or one of the next few, without a search of the whole index
  // (lint of a 1.4-million-line file renders a hundred thousand findings). Atomic: lineCol is
  // const and may be asked from several threads.
  mutable std::atomic<std::uint32_t> lastLine_{1};
};

// Owns every source text of a compilation; file ids index into it (id 0 is reserved so a
// default Span never names a real file).
class SourceManager {
 public:
  SourceManager();
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  bool has(FileId id) const { return id > 0 && id < files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace rootpol
