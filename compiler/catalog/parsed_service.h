#pragma once

// Internal to the catalog library: one service block after its scan, with its `r` and `a` lines
// read into numbers and its names indexed, so that a lookup neither parses a line nor allocates.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "catalog/catalog_format.h"
#include "catalog/name_index.h"

namespace rootpol::catalog {

// An `r` line, as read (its numbers are in ParsedService::refs).
struct ResRec {
  std::string_view name;
  std::string_view arns;  // `,`-separated, or "-"
  std::span<const std::uint32_t> keys;
};

// An `a` line, as read.
struct ActRec {
  std::string_view name;
  unsigned access = 0;
  std::span<const std::uint32_t> resources;  // (resource index << 1) | required
  std::span<const std::uint32_t> keys;
};

// Where a line's numbers are in ParsedService::refs: [first, middle) and [middle, end) (an
// action's resources and keys; a resource's keys are [middle, end)). `ok` is false for a line
// that does not read: a lookup of it then reports the problem and answers as for no line.
struct LineRefs {
  std::uint32_t first = 0, middle = 0, end = 0;
  unsigned access = 0;     // an action's AccessLevel bits
  std::string_view arns;   // a resource's ARN templates
  bool ok = false;
};

// Reads `r NAME ARNS KEYS`, appending its key numbers (each below keyCount) to refs.
inline LineRefs readResourceLine(std::string_view line, std::size_t keyCount, std::vector<std::uint32_t>& refs) {
  LineRefs out;
  out.first = out.middle = static_cast<std::uint32_t>(refs.size());
  std::array<std::string_view, 4> f;
  out.ok = splitFields(line, f) && f[0] == "r" && parseRefs(f[3], keyCount, false, refs);
  if (!out.ok) refs.resize(out.first);
  out.end = static_cast<std::uint32_t>(refs.size());
  out.arns = out.ok ? f[2] : std::string_view();
  return out;
}

// Reads `a NAME ACCESS RESOURCES KEYS`, appending its resource numbers (each below
// resourceCount, `*` for required) and then its key numbers (each below keyCount) to refs.
inline LineRefs readActionLine(std::string_view line, std::size_t resourceCount, std::size_t keyCount,
                               std::vector<std::uint32_t>& refs) {
  LineRefs out;
  out.first = static_cast<std::uint32_t>(refs.size());
  std::array<std::string_view, 5> f;
  out.ok = splitFields(line, f) && f[0] == "a" && parseRefs(f[3], resourceCount, true, refs);
  out.middle = static_cast<std::uint32_t>(refs.size());
  out.ok = out.ok && parseRefs(f[4], keyCount, false, refs);
  if (out.ok) {
    static constexpr std::string_view kLetters = "LRWPT";
    for (char c : f[2]) {
      const std::size_t bit = kLetters.find(c);
      if (bit == std::string_view::npos) {
        out.ok = false;
      } else {
        out.access |= 1u << bit;
      }
    }
  }
  if (!out.ok) {
    refs.resize(out.first);
    out.middle = out.first;
    out.access = 0;
  }
  out.end = static_cast<std::uint32_t>(refs.size());
  return out;
}

// A service block after its scan. Lines are kept as offsets into the text; the `k` lines are
// parsed, and the numbers of the `r` and `a` lines read, once.
struct ParsedService {
  bool ok = false;
  std::string_view prefix;
  std::string_view name;
  std::vector<KeyRec> keys;
  std::vector<std::uint32_t> templatedKeys;  // indices into keys
  // Line starts: resources are lines [resBegin, actBegin), actions [actBegin, size - 1); the
  // last entry is the end of the block (one past its final newline).
  std::vector<std::uint32_t> lines;
  std::uint32_t resBegin = 0, actBegin = 0;
  // The first field of each line from resBegin (resource and action names), read once.
  std::vector<std::string_view> names;
  // Each resource line, then each action line, read (see LineRefs).
  std::vector<LineRefs> read;
  std::vector<std::uint32_t> refs;
  NameIndex keyIndex, resourceIndex, actionIndex;

  std::span<const std::string_view> resourceNames() const { return {names.data(), resourceCount()}; }
  std::span<const std::string_view> actionNames() const { return {names.data() + resourceCount(), actionCount()}; }
  const LineRefs& resourceLine(std::uint32_t r) const { return read[r]; }
  const LineRefs& actionLine(std::uint32_t a) const { return read[resourceCount() + a]; }
  std::span<const std::uint32_t> refsIn(std::uint32_t begin, std::uint32_t end) const {
    return {refs.data() + begin, end - begin};
  }

  std::uint32_t resourceCount() const { return actBegin - resBegin; }
  std::uint32_t actionCount() const {
    return static_cast<std::uint32_t>(lines.size()) - 1 - actBegin;
  }

  // Reads the names and numbers of the `r` and `a` lines and indexes the names; `lineAt(i)`
  // is line i of the block. Called once, before the service is shared.
  template <typename LineAt>
  void readLines(LineAt lineAt) {
    const auto total = static_cast<std::uint32_t>(lines.size() - 1);
    names.reserve(total - resBegin);
    read.reserve(total - resBegin);
    for (std::uint32_t i = resBegin; i < total; ++i) {
      const std::string_view line = lineAt(i);
      names.push_back(firstField(line));
      read.push_back(i < actBegin ? readResourceLine(line, keys.size(), refs)
                                  : readActionLine(line, resourceCount(), keys.size(), refs));
    }
    keyIndex.build(static_cast<std::uint32_t>(keys.size()), [&](std::uint32_t i) { return keys[i].name; });
    resourceIndex.build(resourceCount(), [&](std::uint32_t i) { return resourceNames()[i]; });
    actionIndex.build(actionCount(), [&](std::uint32_t i) { return actionNames()[i]; });
  }
};

}  // namespace rootpol::catalog
