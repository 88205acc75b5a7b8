#pragma once

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/source.h"

// A small JSON reader that keeps what a linter needs and nlohmann throws away: the byte span of
// every value and key, object members in the order written with duplicates kept, and numbers
// as the text written. It never throws on bad input and never recurses deeper than
// kMaxJsonDepth, so any file is safe to read.
namespace rootpol::policy::json {

inline constexpr std::size_t kMaxJsonDepth = 256;

enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };

struct Member;

// A run of `T` kept by a tree's storage (TreeStorage): what a vector would give a reader,
// without owning the elements (a tree's arrays and objects live in one arena, not one
// allocation each).
template <typename T>
class Slice {
 public:
  Slice() = default;
  Slice(const T* data, std::size_t size) : data_(data), size_(size) {}
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::reverse_iterator<const T*> rbegin() const { return std::reverse_iterator<const T*>(end()); }
  std::reverse_iterator<const T*> rend() const { return std::reverse_iterator<const T*>(begin()); }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

// One JSON value and the byte range it was written at. Its text and children live in the
// TreeStorage of the ParseResult it came from, and are valid as long as that.
struct Node {
  Kind kind = Kind::Null;
  Span span;  // the value as written; a string's span includes its quotes
  // String: the decoded UTF-8 text; Number: as written ("1e3"); Bool: "true"/"false"; Null: "null".
  std::string_view text;
  Slice<Node> items;      // Array: the elements in order
  Slice<Member> members;  // Object: the members in order, duplicates included

  bool isScalar() const { return kind != Kind::Array && kind != Kind::Object; }
  // The last member named `key` (the one most JSON readers keep), or nullptr.
  const Member* find(std::string_view key) const;
};

struct Member {
  std::string_view key;  // decoded
  Span keySpan;          // the key as written, quotes included
  Node value;
};

// Where a tree keeps its decoded strings and the elements of its arrays and objects: a few
// large blocks instead of an allocation per string and per container (reading a policy of
// 10,000 statements made a million of them). What it keeps never moves.
class TreeStorage {
 public:
  // Room for `bytes` of text in one block (a JSON file decodes to at most its own size).
  void reserveText(std::size_t bytes);
  std::string_view keep(std::string_view text);
  // Keeps `other` alive as long as this storage: a tree read in two parts (parseOnTwoThreads)
  // points into both.
  void adopt(std::shared_ptr<TreeStorage> other) { adopted_.push_back(std::move(other)); }
  Slice<Node> keep(const std::vector<Node>& nodes) { return keepIn(nodes, nodes_); }
  Slice<Member> keep(const std::vector<Member>& members) { return keepIn(members, members_); }

 private:
  template <typename T>
  static Slice<T> keepIn(const std::vector<T>& from, std::vector<std::vector<T>>& blocks) {
    if (from.empty()) return {};
    // A block is never grown past its capacity, so what it holds stays where it is.
    if (blocks.empty() || blocks.back().capacity() - blocks.back().size() < from.size()) {
      blocks.emplace_back().reserve(std::max<std::size_t>(from.size(), kBlockElements));
    }
    std::vector<T>& block = blocks.back();
    const T* first = block.data() + block.size();
    block.insert(block.end(), from.begin(), from.end());
    return Slice<T>(first, from.size());
  }
  static constexpr std::size_t kBlockElements = 4096;
  static constexpr std::size_t kTextBlock = 64 * 1024;
  struct TextBlock {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
    std::size_t used = 0;
  };
  std::vector<TextBlock> text_;
  std::vector<std::vector<Node>> nodes_;
  std::vector<std::vector<Member>> members_;
  std::vector<std::shared_ptr<TreeStorage>> adopted_;
};

struct ParseError {
  std::uint32_t offset = 0;  // where the reader stopped: the first byte that does not fit
  std::string message;       // lowercase, no final period
  std::string help;          // set when the fix is obvious (a trailing comma, a comment)
};

// What parse() read: a value or an error, never both.
struct ParseResult {
  std::optional<Node> value;
  std::optional<ParseError> error;
  // Offset of the first non-blank byte after the value, when there is one (a second document
  // or garbage); the caller decides what that means.
  std::optional<std::uint32_t> trailing;
  // The whitespace bytes outside strings within the value: its span's size less these is
  // minifiedSize() of the span, counted while reading instead of in a second pass.
  std::uint32_t blanks = 0;
  // Whether a string or key of the value, as written, may hold one of `$ % { [ <` (what a
  // template placeholder starts with): false says none does, so lint need not look for
  // placeholders. A reader that does not track it leaves it true.
  bool mayHoldPlaceholders = true;
  // Whether an object of the value has a key written twice: false says none has, so lint need
  // not look for them (RP4014). A reader that does not track it leaves it true.
  bool mayHaveDuplicateKeys = true;
  // What the value's strings and children are kept in (shared: a copy of the result keeps
  // them alive too).
  std::shared_ptr<TreeStorage> storage;
};

// Whether two trees hold the same values at the same places: kinds, spans, texts, and their
// elements and members (keys and key spans) in order. parseOnTwoThreads is held to parse by it.
bool sameTree(const Node& a, const Node& b);

// "an object", "a number", "null": a JSON kind as messages name it.
std::string_view kindName(Kind kind);

// For each member of an object, whether it is the last with its key: the one that counts
// when a key is written twice (as most JSON readers, and IAM, keep the last). Every statement,
// condition and operator is asked: an object of up to 64 members allocates nothing.
class LastOfTheirKey {
 public:
  explicit LastOfTheirKey(const Node& object);
  bool operator[](std::size_t i) const { return large_.empty() ? (shadowed_ >> i & 1u) == 0 : large_[i]; }

 private:
  std::uint64_t shadowed_ = 0;  // bit i: member i has a later twin (objects of up to 64 members)
  std::vector<bool> large_;     // larger objects: whether member i is the last
};
inline LastOfTheirKey lastOfTheirKey(const Node& object) { return LastOfTheirKey(object); }

// Calls visit(first, previous, later) for each member `later` of `object` whose key an earlier
// member has, in order, with the first and the closest earlier member of that key, until visit
// returns true. Lint reports each such key at its first (RP4014), its configuration file refuses
// the first repeat, and LastOfTheirKey marks each previous one. Keys are the same when `same`
// says so: exactly, or in any case for condition keys (with a `hash` that agrees).
template <typename Visit, typename Hash = std::hash<std::string_view>, typename Same = std::equal_to<std::string_view>>
void forEachDuplicateKey(const Node& object, Visit visit, Hash hash = {}, Same same = {}) {
  const Slice<Member>& members = object.members;
  // Objects are small: comparing pairs allocates nothing (and every scalar and array of a tree
  // is asked too: no map is made for them). A large one gets a map of each key's first and
  // latest member.
  if (members.size() <= 16) {
    for (std::size_t j = 1; j < members.size(); ++j) {
      const Member* first = nullptr;
      const Member* previous = nullptr;
      for (std::size_t i = 0; i < j; ++i) {
        if (!same(members[i].key, members[j].key)) continue;
        if (first == nullptr) first = &members[i];
        previous = &members[i];
      }
      if (first != nullptr && visit(*first, *previous, members[j])) return;
    }
    return;
  }
  std::unordered_map<std::string_view, std::pair<const Member*, const Member*>, Hash, Same> seen(0, hash, same);
  for (const Member& member : members) {
    auto [it, inserted] = seen.try_emplace(member.key, &member, &member);
    if (inserted) continue;
    const Member* first = it->second.first;
    const Member* previous = it->second.second;
    it->second.second = &member;
    if (visit(*first, *previous, member)) return;
  }
}

// Where a tree's strings and numbers live. Copied: in the tree's storage, so the tree may
// outlive `text`. ViewsOfText: those written without escapes (nearly all) are views of `text`
// itself, which the caller then keeps alive as long as the tree; a string with escapes is
// decoded into the storage either way. Lint keeps every file it reads for its findings: its
// large documents are read without copying their text a second time.
enum class Strings : std::uint8_t { Copied, ViewsOfText };

// Reads one JSON value from text[offset...]. Leading whitespace is skipped, and a UTF-8
// byte-order mark at offset 0. Spans name `file`.
ParseResult parse(std::string_view text, FileId file, std::uint32_t offset = 0, Strings strings = Strings::Copied);

// parse(text, file), the same result to the byte, read on two threads when the text is large
// (lint's policies of thousands of statements). A second thread starts reading at a place
// half-way that looks like the start of an array element (`}`, `,`, `{` with blanks between:
// the next statement of a `Statement` array) and reads that array's elements to its `]`. The
// first thread reads from the start; when it meets that place as the start of an element of an
// array at the depth the second one assumed, it takes the second thread's elements and goes on
// after them. When it never does (the place was inside a string, say) or the second thread
// met an error, the first reads on alone, so every error and every node is what parse() gives.
// A text under `fromBytes` (128 KiB unless a test says otherwise) is read on one thread.
inline constexpr std::size_t kTwoThreadsFromBytes = 128 * 1024;
ParseResult parseOnTwoThreads(std::string_view text, FileId file, std::size_t fromBytes = kTwoThreadsFromBytes,
                              Strings strings = Strings::Copied);

// The bytes of text[begin, end) once whitespace outside strings is removed: what the AWS
// console keeps of a policy (it drops whitespace outside quotes). String escapes are
// counted as written (`\u00e9` stays six bytes): whether AWS re-encodes them is not
// documented, and as written is the larger, safer count. Precondition: the range holds valid
// JSON.
std::size_t minifiedSize(std::string_view text, std::uint32_t begin, std::uint32_t end);
// Those bytes themselves.
std::string minified(std::string_view text, std::uint32_t begin, std::uint32_t end);

}  // namespace rootpol::policy::json
