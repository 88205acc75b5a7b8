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

}  // namespace
}  // namespace rootpol::lint::facts
