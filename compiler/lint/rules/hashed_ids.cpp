#include "lint/rules/hashed_ids.h"

#include <algorithm>
#include <bit>

namespace rootpol::lint::facts {

std::uint32_t HashedIds::find(std::uint64_t key) const {
  if (keys_.empty()) return kNone;
  std::size_t mask = keys_.size() - 1;
  for (std::size_t at = key & mask;; at = (at + 1) & mask) {
    if (keys_[at] == key) return ids_[at];
    if (keys_[at] == 0) return kNone;
  }
}

std::uint32_t HashedIds::intern(std::uint64_t key, std::uint32_t fresh, bool& created) {
  if (2 * (size_ + 1) > keys_.size()) grow();  // at most half full
  std::size_t mask = keys_.size() - 1;
  std::size_t at = key & mask;
  while (keys_[at] != 0 && keys_[at] != key) at = (at + 1) & mask;
  created = keys_[at] == 0;
  if (created) {
    keys_[at] = key;
    ids_[at] = fresh;
    ++size_;
  }
  return ids_[at];
}

void HashedIds::grow() { rehash(std::max<std::size_t>(64, 2 * keys_.size())); }

void HashedIds::reserve(std::size_t count) {
  std::size_t slots = std::bit_ceil(std::max<std::size_t>(64, 2 * count));  // at most half full
  if (slots > keys_.size()) rehash(slots);
}

void HashedIds::rehash(std::size_t slots) {
  std::vector<std::uint64_t> keys(slots, 0);
  std::vector<std::uint32_t> ids(keys.size(), kNone);
  std::size_t mask = keys.size() - 1;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == 0) continue;
    std::size_t at = keys_[i] & mask;
    while (keys[at] != 0) at = (at + 1) & mask;
    keys[at] = keys_[i];
    ids[at] = ids_[i];
  }
  keys_.swap(keys);
  ids_.swap(ids);
}

}  // namespace rootpol::lint::facts
