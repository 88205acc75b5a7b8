#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/hashed_ids.h"
#include "policy/document.h"

// Which statements of a document may cover a given one (facts::statementCovers), found through
// indexes instead of trying every pair, so that the redundancy and shadowing rules are linear in
// practice. A statement is filed by condition, then by action, then by resource:
//   - by principal and condition (a "part"): under its principal's class (none, `*`, a
//     NotPrincipal, one other element: only `*` covers another class) and the signature
//     (operator, key, values) of its first condition entry, or none; a statement that covers
//     another has all its entries among the other's, so only those parts are looked in;
//   - by action, then by resource: a statement is filed under each concrete action it lists
//     (lower-cased) and under the literal head of each wildcard pattern (the text before its
//     first `*` or `?`), and within that (a "group") under its resources the same way
//     (case-sensitive); a pattern can only cover `a` if it is `a` itself or its head is a
//     prefix of a's head.
// NotAction and NotResource statements are only compared with their own kind (and `*`), as
// statementCovers only ever finds coverage there; a NotResource statement only with those of
// the same NotResource list. A NotAction statement covers another when
// each of its patterns is covered by one of the other's, so it is filed under one of them (the
// one with the longest literal head) in a sorted list of heads per part; a pattern with head h
// only covers patterns whose heads start with h, so the other's patterns each probe a range.
//
// Every key is a 64-bit hash of what it stands for, in one open-addressing table, and the
// statements of each list are stored in one flat array: building and probing allocate nothing
// per key. Two keys with the same hash share their list, which only adds candidates: the
// candidates are a superset of the covering statements either way.
// Internal to the lint stage.
namespace rootpol::lint::facts {

class CoverIndex {
 public:
  explicit CoverIndex(const std::vector<policy::Statement>& statements);

  // The statements other than `i` that may cover statement `i`, ascending.
  std::vector<std::uint32_t> candidates(std::size_t i) const;
  // The same, one at a time, until `visit(j)` returns true (merged from the index's sorted
  // lists, so a rule that stops at the first covering statement does not pay for the others).
  // Returns whether some visit returned true. `visit` must not probe this index itself: the
  // probes share one set of buffers.
  template <typename Visit>
  bool forEachCandidate(std::size_t i, Visit visit) const;

 private:
  using List = std::span<const std::uint32_t>;
  static constexpr std::uint32_t kNone = HashedIds::kNone;

  using KeyTable = HashedIds;

  // A text the index files and probes by (an action, lower-cased, or a resource), read once:
  // the length of its literal head, the hash of that head (of the whole text when it has no
  // wildcard), and for an action the hash of its service, the text before a colon in its head.
  struct Text {
    std::string_view text;
    std::uint32_t head = 0;
    bool hasService = false;
    std::uint64_t headHash = 0;
    std::uint64_t serviceHash = 0;
    bool exact() const { return head == text.size(); }
  };
  // The head lengths of the patterns filed under one key: bit k for k < kLongHead, the longer
  // ones (rare) listed.
  static constexpr std::size_t kLongHead = 63;
  struct LengthSet {
    std::uint64_t bits = 0;
    std::vector<std::uint32_t> longer;
  };
  // The statements filed under one (part, action) key, by resource.
  struct Group {
    std::uint32_t all = kNone;      // list: the statements without `Resource` (every resource)
    std::uint32_t resourceHeads = kNone;  // length set of the resource heads filed here
    std::uint32_t count = 0;              // statements filed here (an estimate, for choosing)
  };
  // A part: the statements of one principal class without conditions, or with one first entry.
  struct Part {
    std::uint32_t shortHeads = kNone;  // length set of the action heads without a colon
    // Whether a pattern with a colon (`s3:Get*`) is filed here: most parts have none, and then
    // the probe of a service's length set is skipped.
    bool serviceHeads = false;
    std::uint32_t negatedEvery = kNone;  // group of the NotAction statements listing nothing
    // The NotAction statements' filed heads (lower-cased), sorted, with their groups.
    std::vector<std::pair<std::string, std::uint32_t>> negatedHeads;
  };

  // Building: the (list, statement) pairs, in statement order, before they are laid out flat.
  struct Filing {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> members;
    std::vector<std::uint32_t> lastAdded;  // [list]: the statement added last
    void add(std::uint32_t list, std::uint32_t j);
  };
  void readStatements();
  void file(std::uint32_t part, std::uint32_t j, Filing& filing);
  void fileNegated(std::uint32_t part, std::uint32_t j, Filing& filing);
  void negatedGroups(std::size_t i, std::vector<std::uint32_t>& out) const;
  void fileResources(std::uint32_t group, std::uint32_t j, Filing& filing);
  std::uint32_t partFor(std::uint64_t key);
  std::uint32_t groupFor(std::uint64_t key);
  std::uint32_t listFor(std::uint64_t key);
  std::uint32_t newGroup();
  std::uint32_t newList() { return listCount_++; }
  std::uint32_t newLengthSet();
  void markLength(std::uint32_t set, std::size_t length);
  void layOut(const Filing& filing);

  // Probing, into the buffers of scratch_ (reused from one statement to the next).
  struct Cursor {
    List list;
    std::size_t at;
  };
  struct Scratch {
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> parts, groups, trialGroups;
    std::vector<List> lists, trialLists, bestLists;
    std::vector<Cursor> heap;
  };
  List list(std::uint32_t id) const;
  void conditionParts(std::size_t i, std::vector<std::uint32_t>& out) const;
  // The groups that hold every statement that may cover statement i's actions.
  void actionGroups(std::size_t i, std::vector<std::uint32_t>& out) const;
  // Within those groups, the lists that may also cover its resources.
  void resourceLists(std::size_t i, const std::vector<std::uint32_t>& groups,
                     std::vector<List>& out) const;
  void listsFor(const Text& resource, const std::vector<std::uint32_t>& groups,
                std::vector<List>& out) const;
  // Calls visit(id) for each key `tag(parent, text[0, k))` present, for every k of the length
  // set `lengths` with k <= the length of text's head.
  template <typename Visit>
  void probeHeads(const KeyTable& table, std::uint64_t tag, std::uint32_t parent,
                  std::uint32_t lengths, const Text& text, Visit visit) const;
  const std::vector<List>& candidateLists(std::size_t i) const;

  const std::vector<policy::Statement>& statements_;
  // Each statement's actions, lower-cased once (IAM compares action names in any case), as
  // views of one text: statement j's are actions_[actionStart_[j], actionStart_[j + 1]); its
  // resources likewise.
  std::span<const Text> actionsOf(std::size_t j) const {
    return {actions_.data() + actionStart_[j], actionStart_[j + 1] - actionStart_[j]};
  }
  std::span<const Text> resourcesOf(std::size_t j) const {
    return {resources_.data() + resourceStart_[j], resourceStart_[j + 1] - resourceStart_[j]};
  }
  std::string loweredActions_;
  std::vector<Text> actions_, resources_;
  std::vector<std::uint32_t> actionStart_, resourceStart_;
  // Each statement's principal class and condition entry signatures, hashed once: statement j's
  // entries are entryHash_[entryStart_[j], entryStart_[j + 1]).
  std::vector<std::uint64_t> classHash_;
  std::vector<std::uint64_t> entryHash_;
  std::vector<std::uint32_t> entryStart_;
  // Each statement's kind: the hash of its NotResource list (0: it lists Resource), NotAction.
  std::vector<std::uint64_t> notResourceHash_;
  std::vector<std::uint8_t> notAction_;
  // One table per kind of id, so that two keys with one hash share an id of the same kind.
  KeyTable partKeys_, groupKeys_, listKeys_, lengthSetKeys_;
  std::vector<Part> parts_;
  std::vector<Group> groups_;
  std::vector<LengthSet> lengthSets_;
  std::uint32_t listCount_ = 0;
  // List l holds members_[listStart_[l], listStart_[l + 1]), ascending.
  std::vector<std::uint32_t> listStart_;
  std::vector<std::uint32_t> members_;
  mutable Scratch scratch_;
};

template <typename Visit>
bool CoverIndex::forEachCandidate(std::size_t i, Visit visit) const {
  std::vector<Cursor>& heap = scratch_.heap;  // min-heap on the current value of each list
  heap.clear();
  for (List list : candidateLists(i)) {
    if (!list.empty()) heap.push_back({list, 0});
  }
  auto later = [](const Cursor& a, const Cursor& b) { return a.list[a.at] > b.list[b.at]; };
  std::make_heap(heap.begin(), heap.end(), later);
  std::uint32_t last = kNone;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    Cursor& top = heap.back();
    std::uint32_t j = top.list[top.at];
    if (++top.at < top.list.size()) {
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
