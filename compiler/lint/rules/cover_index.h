#pragma once

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "policy/document.h"

// Which statements of a document may cover a given one (facts::statementCovers), found through
// indexes instead of trying every pair, so that the redundancy and shadowing rules are linear in
// practice. A statement is filed by condition, then by action, then by resource:
//   - by condition: under the signature (operator, key, values) of its first condition entry,
//     or among those without conditions; a statement that covers another has all its entries
//     among the other's, so only those groups are looked in;
//   - by action, then by resource: a statement is filed under each concrete action it lists
//     (lower-cased) and under the literal head of each wildcard pattern (the text before its
//     first `*` or `?`), and within that under its resources the same way (case-sensitive);
//     a pattern can only cover `a` if it is `a` itself or its head is a prefix of a's head.
// NotAction and
// NotResource statements are only compared with their own kind (and `*`), as statementCovers
// only ever finds coverage there. The candidates are a superset of the covering statements.
// Internal to the lint stage.
namespace rootpol::lint::facts {

class CoverIndex {
 public:
  explicit CoverIndex(const std::vector<policy::Statement>& statements);

  // The statements other than `i` that may cover statement `i`, ascending.
  std::vector<std::uint32_t> candidates(std::size_t i) const;
  // The same, one at a time, until `visit(j)` returns true (merged from the index's sorted
  // lists, so a rule that stops at the first covering statement does not pay for the others).
  // Returns whether some visit returned true.
  template <typename Visit>
  bool forEachCandidate(std::size_t i, Visit visit) const;

 private:
  using Ids = std::vector<std::uint32_t>;
  using Lists = std::unordered_map<std::string, Ids>;
  // Statements filed by resource: exact ARNs, literal heads of wildcard ones, the statements
  // without `Resource` (every resource) and the NotResource ones.
  struct ByResource {
    Lists exact;
    Lists heads;
    std::vector<bool> headLengths;  // [k]: some head has k characters (lookups skip the others)
    Ids all;
    Ids negated;
    std::size_t count = 0;  // statements filed here
  };
  // Statements filed by action (exact, or the head of a pattern), then by resource within.
  struct ByAction {
    std::unordered_map<std::string, ByResource> exact;
    std::unordered_map<std::string, ByResource> heads;
    // The head lengths there are, so that lookups only probe those: of the heads without a
    // colon (`*`, `s3*`), and of the others by their service (a head `s3:Get` can only be a
    // prefix of an action of `s3`).
    std::vector<bool> shortHeadLengths;
    std::unordered_map<std::string, std::vector<bool>> headLengthsByService;
    ByResource negated;  // NotAction statements
  };

  void file(ByAction& index, std::uint32_t j);
  // The action groups that hold every statement that may cover statement i's actions.
  void actionGroups(std::size_t i, std::vector<const ByResource*>& out) const;
  // Within those groups, the lists that may also cover its resources.
  void resourceLists(std::size_t i, const std::vector<const ByResource*>& groups,
                     std::vector<const Ids*>& out) const;
  std::vector<const ByAction*> conditionParts(std::size_t i) const;
  std::vector<const Ids*> candidateLists(std::size_t i) const;

  const std::vector<policy::Statement>& statements_;
  // The statements without conditions, and the others by the signature of their first
  // condition entry: a statement is only covered by statements whose every entry it has.
  ByAction unconditional_;
  std::unordered_map<std::string, ByAction> byCondition_;
};

template <typename Visit>
bool CoverIndex::forEachCandidate(std::size_t i, Visit visit) const {
  struct Cursor {
    const Ids* list;
    std::size_t at;
  };
  std::vector<Cursor> heap;  // min-heap on the current value of each list
  for (const Ids* list : candidateLists(i)) {
    if (!list->empty()) heap.push_back({list, 0});
  }
  auto later = [](const Cursor& a, const Cursor& b) { return (*a.list)[a.at] > (*b.list)[b.at]; };
  std::make_heap(heap.begin(), heap.end(), later);
  std::uint32_t last = static_cast<std::uint32_t>(-1);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    Cursor& top = heap.back();
    std::uint32_t j = (*top.list)[top.at];
    if (++top.at < top.list->size()) {
      std::push_heap(heap.begin(), heap.end(), later);
    } else {
      heap.pop_back();
    }
    if (j == last || j == i) continue;
    last = j;
    if (visit(j)) return true;
  }
  return false;
}

}  // namespace rootpol::lint::facts
