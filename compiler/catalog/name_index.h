#pragma once

// Internal to the catalog library: a case-insensitive hash index over a list of names the
// caller keeps (service prefixes, action names, condition keys). Built once, when the catalog
// loads or a service block is scanned; read-only afterwards, so any number of threads may look
// up at once. A lookup lowers and hashes the name once and compares one candidate, where a
// binary search compared about log2(n) names case-insensitively.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "catalog/catalog_format.h"

namespace rootpol::catalog {

// A hash of the ASCII-lowercased text: equal for two texts that equalsIgnoreCase() calls equal.
// Eight bytes at a time (forEachWord: the size is hashed too, so the words' overlap is the same
// for two texts that can be equal).
inline std::uint64_t lowerHash(std::string_view text) {
  auto mix = [](std::uint64_t h, std::uint64_t word) {
    h ^= word;
    h *= 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 29);
  };
  std::uint64_t h = 0x243f6a8885a308d3ull ^ text.size();
  forEachWord(text, [&](std::uint64_t word) { h = mix(h, lowerWord(word)); });
  return h;
}

class NameIndex {
 public:
  // Indexes names 0..count-1 (nameAt(i) gives name i). Of names equal but for case, the first
  // is found.
  template <typename NameAt>
  void build(std::uint32_t count, NameAt nameAt) {
    std::size_t size = 4;
    while (size < 2 * static_cast<std::size_t>(count)) size *= 2;
    entries_.assign(size, Entry{});
    mask_ = size - 1;
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::string_view name = nameAt(i);
      const std::uint64_t h = lowerHash(name);
      std::size_t at = h & mask_;
      bool duplicate = false;
      while (entries_[at].position != 0) {
        const Entry& e = entries_[at];
        if (e.hash == static_cast<std::uint32_t>(h >> 32) && equalsIgnoreCase(nameAt(e.position - 1), name)) {
          duplicate = true;
          break;
        }
        at = (at + 1) & mask_;
      }
      if (!duplicate) entries_[at] = {static_cast<std::uint32_t>(h >> 32), i + 1};
    }
  }

  // The position of the name equal to `name` but for case, if any.
  template <typename NameAt>
  std::optional<std::uint32_t> find(std::string_view name, NameAt nameAt) const {
    if (entries_.empty()) return std::nullopt;
    const std::uint64_t h = lowerHash(name);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
      const Entry& e = entries_[at];
      if (e.position == 0) return std::nullopt;
      if (e.hash == tag && equalsIgnoreCase(nameAt(e.position - 1), name)) return e.position - 1;
    }
  }

 private:
  struct Entry {
    std::uint32_t hash = 0;      // the hash's high half: most misses end without a compare
    std::uint32_t position = 0;  // index + 1; 0 is an empty entry
  };
  std::vector<Entry> entries_;
  std::size_t mask_ = 0;
};

}  // namespace rootpol::catalog
