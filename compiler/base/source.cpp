#include "base/source.h"

#include <algorithm>
#include <cstring>

namespace rootpol {

Span cover(Span a, Span b) {
  if (!a.valid()) return b;
  if (!b.valid()) return a;
  return Span{a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {}

void SourceFile::makeIndex() const {
  lineStarts_.push_back(0);
  const char* data = text_.data();
  const std::size_t size = text_.size();
  for (const char* at = data; (at = static_cast<const char*>(std::memchr(at, '\n', size - (at - data))));
       ++at) {
    lineStarts_.push_back(static_cast<std::uint32_t>(at - data + 1));
  }
  // Code points before each stride: every byte but UTF-8 continuation bytes (a loop per block
  // that the compiler vectorises; lint reads files of tens of megabytes).
  codePointsAt_.reserve(size / kStride + 1);
  std::uint32_t codePoints = 0;
  for (std::size_t block = 0; block < size; block += kStride) {
    codePointsAt_.push_back(codePoints);
    std::size_t end = std::min(size, block + kStride);
    for (std::size_t i = block; i < end; ++i) {
      codePoints += (static_cast<unsigned char>(data[i]) & 0xC0) != 0x80 ? 1u : 0u;
    }
  }
}

std::uint32_t SourceFile::codePointsBefore(std::uint32_t offset) const {
  if (codePointsAt_.empty()) return 0;
  std::uint32_t block = std::min<std::uint32_t>(offset / kStride, static_cast<std::uint32_t>(codePointsAt_.size() - 1));
  std::uint32_t count = codePointsAt_[block];
  for (std::uint32_t i = block * kStride; i < offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::uint32_t SourceFile::lineOf(std::uint32_t offset) const {
  const std::vector<std::uint32_t>& starts = lineStarts();  // the index, made on first use
  const auto lines = static_cast<std::uint32_t>(starts.size());
  const std::uint32_t hint = std::min(lastLine_.load(std::memory_order_relaxed), lines);
  // The line is the number of line starts at or before `offset`: an upper bound in [from, to).
  std::uint32_t from = 0, to = lines;
  if (starts[hint - 1] <= offset) {
    // At or after the line asked last, as findings are in source order: gallop from it (a
    // binary search over a file's millions of lines misses the cache at every step).
    from = hint;
    for (std::uint32_t step = 1; from < lines; step *= 2) {
      const std::uint32_t probe = std::min(lines - 1, from + step - 1);
      if (starts[probe] > offset) {
        to = probe;
        break;
      }
      from = probe + 1;
    }
  }
  auto it = std::upper_bound(starts.begin() + from, starts.begin() + to, offset);
  const auto line = static_cast<std::uint32_t>(it - starts.begin());
  lastLine_.store(line, std::memory_order_relaxed);
  return line;
}

LineCol SourceFile::lineCol(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const std::uint32_t line = lineOf(offset);
  std::uint32_t start = lineStarts_[line - 1];  // lineOf made the index
  if (offset - start <= kStride) {
    // A line of a pretty-printed file: counting its bytes is cheaper than two stride scans.
    std::uint32_t column = 1;
    for (std::uint32_t i = start; i < offset; ++i) column += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80 ? 1u : 0u;
    return LineCol{line, column};
  }
  return LineCol{line, codePointsBefore(offset) - codePointsBefore(start) + 1};
}

std::string_view SourceFile::lineText(std::uint32_t line) const {
  lineStarts();  // the index, made on first use
  if (line == 0 || line > lineStarts_.size()) return {};
  std::uint32_t start = lineStarts_[line - 1];
  std::uint32_t end = line < lineStarts_.size() ? lineStarts_[line] - 1
                                                : static_cast<std::uint32_t>(text_.size());
  std::string_view view(text_.data() + start, end - start);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

SourceManager::SourceManager() { files_.push_back(nullptr); }

FileId SourceManager::add(std::string path, std::string text) {
  auto id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  return id;
}

}  // namespace rootpol
