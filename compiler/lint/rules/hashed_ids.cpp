#include "lint/rules/hashed_ids.h"

#include <algorithm>
#include <bit>

namespace rootpol::lint::facts {

std::uint32_t HashedIds::find(std::uint64_t key) const {
  if (slots_.empty()) return kNone;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t at = key & mask;; at = (at + 1) & mask) {
    std::uint64_t held = slots_[at].key();
    if (held == key) return slots_[at].id;
    if (held == 0) return kNone;
  }
}

std::uint32_t HashedIds::intern(std::uint64_t key, std::uint32_t fresh, bool& created) {
  if (2 * (size_ + 1) > slots_.size()) grow();  // at most half full
  std::size_t mask = slots_.size() - 1;
  std::size_t at = key & mask;
  while (slots_[at].key() != 0 && slots_[at].key() != key) at = (at + 1) & mask;
  Slot& slot = slots_[at];
  created = slot.key() == 0;
  if (created) {
    slot = {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32), fresh};
    ++size_;
  }
  return slot.id;
}

void HashedIds::grow() { rehash(std::max<std::size_t>(64, 2 * slots_.size())); }

void HashedIds::reserve(std::size_t count) {
  std::size_t slots = std::bit_ceil(std::max<std::size_t>(64, 2 * count));  // at most half full
  if (slots > slots_.size()) rehash(slots);
}

void HashedIds::rehash(std::size_t count) {
  std::vector<Slot> slots(count);
  std::size_t mask = slots.size() - 1;
  for (const Slot& slot : slots_) {
    if (slot.key() == 0) continue;
    std::size_t at = slot.key() & mask;
    while (slots[at].key() != 0) at = (at + 1) & mask;
    slots[at] = slot;
  }
  slots_.swap(slots);
}

}  // namespace rootpol::lint::facts
