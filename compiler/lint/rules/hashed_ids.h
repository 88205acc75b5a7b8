#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

// A map from 64-bit keys to 32-bit ids, for the cover index (cover_index.h): open addressing
// with linear probing in two flat arrays, kept at most half full, so that building and
// probing allocate nothing per key. Key 0 marks an empty slot: callers make their hashes odd.
// Internal to the lint stage.
namespace rootpol::lint::facts {

class HashedIds {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  std::uint32_t find(std::uint64_t key) const;  // kNone when absent
  // The id of `key`; when it is new, `fresh` becomes its id and `created` is set.
  std::uint32_t intern(std::uint64_t key, std::uint32_t fresh, bool& created);
  // Room for `count` keys without growing (a table that grows rehashes every key it holds).
  void reserve(std::size_t count);

 private:
  void grow();
  void rehash(std::size_t slots);
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> ids_;
  std::size_t size_ = 0;
};

}  // namespace rootpol::lint::facts
