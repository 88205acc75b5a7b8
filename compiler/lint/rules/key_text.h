#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "base/text.h"

// The texts the cover index (cover_index.h) files statements by, read fast: it lower-cases every
// action and hashes every action and resource head of a document, and hashes a prefix for each
// head it probes, so these go eight bytes at a time. The hashes only have to tell texts apart
// (two texts with one hash only add candidates to the index) and depend on the bytes of the view
// alone, never on what follows it in memory.
// Internal to the lint stage.
namespace rootpol::lint::facts {

// splitmix64's finaliser: every bit of x moves about half the bits of the result.
inline std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A text's hash, eight bytes at a time, then mixed.
inline std::uint64_t textHash(std::string_view text) {
  std::uint64_t h = text.size() * 0x9e3779b97f4a7c15ULL;
  const char* p = text.data();
  std::size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    h = std::rotl((h ^ word) * 0xbf58476d1ce4e5b9ULL, 31);
  }
  if (n > 0) {  // the last bytes, read in at most two loads (the bytes of a text of up to 3 all)
    std::uint64_t word;
    if (text.size() >= 8) {  // the 8 bytes that end the text, less those already hashed
      std::memcpy(&word, p + n - 8, 8);
      word >>= 8 * (8 - n);
    } else if (n >= 4) {  // two 4-byte halves, overlapping
      std::uint32_t first, last;
      std::memcpy(&first, p, 4);
      std::memcpy(&last, p + n - 4, 4);
      word = (static_cast<std::uint64_t>(last) << 32) | first;
    } else {
      auto byte = [&](std::size_t k) { return std::uint64_t{static_cast<unsigned char>(p[k])}; };
      word = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
    }
    h = std::rotl((h ^ word) * 0xbf58476d1ce4e5b9ULL, 31);
  }
  return mix(h);
}

// `text` with A-Z lower-cased, written to `out`, eight bytes at a time: a byte is an upper-case
// letter when it is ASCII, at least 'A' and at most 'Z' (each tested on its low seven bits, whose
// sums cannot carry into the next byte).
inline void lowerInto(std::string_view text, char* out) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  std::size_t k = 0;
  for (; k + 8 <= text.size(); k += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + k, 8);
    std::uint64_t low = word & ~kHigh;
    std::uint64_t atLeastA = low + kOnes * (0x80 - 'A');
    std::uint64_t aboveZ = low + kOnes * (0x80 - 'Z' - 1);
    std::uint64_t upper = atLeastA & ~aboveZ & ~word & kHigh;
    word |= upper >> 2;  // 0x80 >> 2 is 0x20, the case bit
    std::memcpy(out + k, &word, 8);
  }
  for (; k < text.size(); ++k) out[k] = asciiLower(text[k]);
}

}  // namespace rootpol::lint::facts
