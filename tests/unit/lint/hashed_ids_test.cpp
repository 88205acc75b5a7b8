// The cover index's key table (lint/rules/hashed_ids.h): every key interned keeps its id
// through the table's growth, a key is created once, and absent keys are not found.
#include <gtest/gtest.h>

#include "lint/rules/hashed_ids.h"

namespace rootpol::lint::facts {
namespace {

TEST(HashedIds, KeepsEveryIdThroughGrowth) {
  HashedIds table;
  EXPECT_EQ(table.find(7), HashedIds::kNone);
  // Odd keys that collide in the low bits (multiples of 1024, plus one), then ordinary ones.
  auto key = [](std::uint32_t i) { return (static_cast<std::uint64_t>(i) << 10) | 1u; };
  for (std::uint32_t i = 0; i < 5000; ++i) {
    bool created = false;
    EXPECT_EQ(table.intern(key(i), i, created), i);
    EXPECT_TRUE(created);
  }
  for (std::uint32_t i = 0; i < 5000; ++i) {
    bool created = true;
    EXPECT_EQ(table.intern(key(i), 99999, created), i) << i;
    EXPECT_FALSE(created);
    EXPECT_EQ(table.find(key(i)), i);
  }
  EXPECT_EQ(table.find(key(5000)), HashedIds::kNone);
  EXPECT_EQ(table.find(3), HashedIds::kNone);
}

TEST(HashedIds, ReserveKeepsTheKeysAndRoomForMore) {
  HashedIds table;
  bool created = false;
  EXPECT_EQ(table.intern(5, 0, created), 0u);
  table.reserve(3000);  // rehashes the key already there
  EXPECT_EQ(table.find(5), 0u);
  for (std::uint32_t i = 1; i < 3000; ++i) {
    EXPECT_EQ(table.intern((static_cast<std::uint64_t>(i) << 12) | 1u, i, created), i);
    EXPECT_TRUE(created);
  }
  table.reserve(10);  // never shrinks
  for (std::uint32_t i = 1; i < 3000; ++i) EXPECT_EQ(table.find((static_cast<std::uint64_t>(i) << 12) | 1u), i);
  EXPECT_EQ(table.find(5), 0u);
  EXPECT_EQ(table.find(7), HashedIds::kNone);
}

// A slot keeps a 32-bit tag of its key, its halves folded: keys that share one half are still
// told apart, and a key whose halves cancel (tag 0, the empty slot's) is still found.
TEST(HashedIds, TellsApartKeysThatShareAHalf) {
  HashedIds table;
  bool created = false;
  std::uint64_t cancels = 0x0000000100000001ULL, high = 0x0000000200000001ULL, other = 0x0000000100000003ULL;
  EXPECT_EQ(table.intern(cancels, 1, created), 1u);
  EXPECT_TRUE(created);
  EXPECT_EQ(table.intern(high, 2, created), 2u);
  EXPECT_TRUE(created);
  EXPECT_EQ(table.intern(other, 3, created), 3u);
  EXPECT_TRUE(created);
  EXPECT_EQ(table.find(cancels), 1u);
  EXPECT_EQ(table.find(high), 2u);
  EXPECT_EQ(table.find(other), 3u);
  EXPECT_EQ(table.find(0x0000000400000001ULL), HashedIds::kNone);
  EXPECT_EQ(table.find(0x0000000100000009ULL), HashedIds::kNone);
}

// Two keys whose halves fold to one tag share an id: the cover index only gets more candidates.
TEST(HashedIds, KeysWithOneTagShareAnId) {
  HashedIds table;
  bool created = false;
  EXPECT_EQ(table.intern(0x0000000300000001ULL, 1, created), 1u);
  EXPECT_EQ(table.intern(0x0000000100000003ULL, 2, created), 1u);
  EXPECT_FALSE(created);
  EXPECT_EQ(table.find(0x0000000000000002ULL), 1u);
}

}  // namespace
}  // namespace rootpol::lint::facts
