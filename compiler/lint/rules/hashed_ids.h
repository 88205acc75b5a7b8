#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

// A map from 64-bit keys to 32-bit ids, for the cover index (cover_index.h): open addressing
// with linear probing in one flat array, kept at most half full, so that building and probing
// allocate nothing per key. A slot holds a 32-bit tag of its key (the key's two halves folded
// together) and its id side by side in 8 bytes: a probe of a table larger than the cache costs
// one miss, not one for the key and another for the id, eight slots share a cache line and none
// straddles two. Two keys with one tag share an id (the cover index's keys are hashes already,
// and a shared id only adds candidates there); the slot is chosen by the tag too, so that the
// table can grow without the keys. Tag 0 marks an empty slot.
// Internal to the lint stage.
namespace rootpol::lint::facts {

class HashedIds {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  // kNone when absent. Inline: the cover index calls it a few dozen times per statement.
  std::uint32_t find(std::uint64_t key) const {
    if (slots_.empty()) return kNone;
    std::uint32_t tag = tagOf(key);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t at = tag & mask;; at = (at + 1) & mask) {
      std::uint32_t held = slots_[at].tag;
      if (held == tag) return slots_[at].id;
      if (held == 0) return kNone;
    }
  }
  // Starts loading the slot where a find of `key` begins, so that the cache misses of several
  // finds (a large document's table is larger than the cache) overlap instead of queueing.
  void prefetch(std::uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[tagOf(key) & (slots_.size() - 1)]);
  }
  // The id of `key`; when it is new, `fresh` becomes its id and `created` is set.
  std::uint32_t intern(std::uint64_t key, std::uint32_t fresh, bool& created);
  // Room for `count` keys without growing (a table that grows rehashes every key it holds).
  void reserve(std::size_t count);

 private:
  // The key's two halves folded, never 0 (the empty slot's tag).
  static std::uint32_t tagOf(std::uint64_t key) {
    std::uint32_t tag = static_cast<std::uint32_t>(key) ^ static_cast<std::uint32_t>(key >> 32);
    return tag != 0 ? tag : 0x9e3779b9u;
  }
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t id = kNone;
  };
  void grow();
  void rehash(std::size_t slots);
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace rootpol::lint::facts
