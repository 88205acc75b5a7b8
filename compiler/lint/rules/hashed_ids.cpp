#include "lint/rules/hashed_ids.h"

#include <algorithm>
#include <bit>

namespace rootpol::lint::facts {

std::uint32_t HashedIds::intern(std::uint64_t key, std::uint32_t fresh, bool& created) {
  if (2 * (size_ + 1) > slots_.size()) grow();  // at most half full
  std::uint32_t tag = tagOf(key);
  std::size_t mask = slots_.size() - 1;
  std::size_t at = tag & mask;
  while (slots_[at].tag != 0 && slots_[at].tag != tag) at = (at + 1) & mask;
  Slot& slot = slots_[at];
  created = slot.tag == 0;
  if (created) {
    slot = {tag, fresh};
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
    if (slot.tag == 0) continue;
    std::size_t at = slot.tag & mask;
    while (slots[at].tag != 0) at = (at + 1) & mask;
    slots[at] = slot;
  }
  slots_.swap(slots);
}

}  // namespace rootpol::lint::facts
