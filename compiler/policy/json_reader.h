#pragma once

#include <cstddef>
#include <cstdint>
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

// One JSON value and the byte range it was written at.
struct Node {
  Kind kind = Kind::Null;
  Span span;  // the value as written; a string's span includes its quotes
  // String: the decoded UTF-8 text; Number: as written ("1e3"); Bool: "true"/"false"; Null: "null".
  std::string text;
  std::vector<Node> items;      // Array: the elements in order
  std::vector<Member> members;  // Object: the members in order, duplicates included

  bool isScalar() const { return kind != Kind::Array && kind != Kind::Object; }
  // The last member named `key` (the one most JSON readers keep), or nullptr.
  const Member* find(std::string_view key) const;
};

struct Member {
  std::string key;  // decoded
  Span keySpan;     // the key as written, quotes included
  Node value;
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
};

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
// the first repeat, and LastOfTheirKey marks each previous one.
template <typename Visit>
void forEachDuplicateKey(const Node& object, Visit visit) {
  const std::vector<Member>& members = object.members;
  // Objects are small: comparing pairs allocates nothing. A large one gets a map of each key's
  // first and latest member.
  std::unordered_map<std::string_view, std::pair<const Member*, const Member*>> seen;
  for (std::size_t j = 0; j < members.size(); ++j) {
    const Member* first = nullptr;
    const Member* previous = nullptr;
    if (members.size() <= 16) {
      for (std::size_t i = 0; i < j; ++i) {
        if (members[i].key != members[j].key) continue;
        if (first == nullptr) first = &members[i];
        previous = &members[i];
      }
    } else if (auto [it, inserted] = seen.try_emplace(members[j].key, &members[j], &members[j]); !inserted) {
      first = it->second.first;
      previous = it->second.second;
      it->second.second = &members[j];
    }
    if (first != nullptr && visit(*first, *previous, members[j])) return;
  }
}

// Reads one JSON value from text[offset...]. Leading whitespace is skipped, and a UTF-8
// byte-order mark at offset 0. Spans name `file`.
ParseResult parse(std::string_view text, FileId file, std::uint32_t offset = 0);

// The bytes of text[begin, end) once whitespace outside strings is removed: what the AWS
// console keeps of a policy (it drops whitespace outside quotes). String escapes are
// counted as written (`\u00e9` stays six bytes): whether AWS re-encodes them is not
// documented, and as written is the larger, safer count. Precondition: the range holds valid
// JSON.
std::size_t minifiedSize(std::string_view text, std::uint32_t begin, std::uint32_t end);
// Those bytes themselves.
std::string minified(std::string_view text, std::uint32_t begin, std::uint32_t end);

}  // namespace rootpol::policy::json
