// Recursive descent over the JSON grammar (RFC 8259). Recursion is bounded by kMaxJsonDepth,
// so a hostile file of a million `[` costs one error, not a stack overflow.
#include "policy/json_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <functional>
#include <iterator>
#include <limits>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "policy/json_string.h"

namespace rootpol::policy::json {

const Member* Node::find(std::string_view key) const {
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

void TreeStorage::reserveText(std::size_t bytes) {
  if (bytes == 0) return;
  // Not zeroed: only the bytes kept are read, and a file's worth of zeros cost a memset of the
  // whole file on every read.
  text_.push_back(TextBlock{std::make_unique_for_overwrite<char[]>(bytes), bytes, 0});
}

std::string_view TreeStorage::keep(std::string_view text) {
  if (text.empty()) return {};
  if (text_.empty() || text_.back().size - text_.back().used < text.size()) {
    reserveText(std::max<std::size_t>(text.size(), kTextBlock));
  }
  TextBlock& block = text_.back();
  char* at = block.bytes.get() + block.used;
  std::memcpy(at, text.data(), text.size());
  block.used += text.size();
  return std::string_view(at, text.size());
}

namespace {

bool isBlank(char c) { return kJsonBlank[static_cast<unsigned char>(c)]; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
}
bool startsValue(char c) {
  return c == '{' || c == '[' || c == '"' || c == '-' || isDigit(c) || c == 't' || c == 'f' ||
         c == 'n';
}

// What the second thread of parseOnTwoThreads read: the elements of an array, from the first
// one's start to the array's `]`, at the depth it assumed for them.
struct ElementRun {
  std::size_t start = 0;  // the first element's first byte
  std::size_t depth = 0;  // the depth of the array whose elements they are
  std::vector<Node> items;
  std::size_t end = 0;  // the `]`
  std::size_t blanks = 0;
  bool placeholderStart = false;
  bool duplicateKeys = false;
  std::shared_ptr<TreeStorage> storage;
  bool ok = false;  // read to the `]` without an error
};

class Parser {
 public:
  // `reserve`: bytes of decoded text to reserve (at most the text it reads) when the strings
  // are copied; views need room only for the few strings with escapes.
  Parser(std::string_view text, FileId file, std::size_t reserve, Strings strings)
      : text_(text), file_(file), copied_(strings == Strings::Copied), storage_(std::make_shared<TreeStorage>()) {
    if (copied_) storage_->reserveText(reserve);
  }

  // The first thread of parseOnTwoThreads: `run` is what the second reads; `wait` returns once
  // it has.
  void expect(ElementRun& run, std::function<void()> wait) {
    handoff_ = &run;
    waitForHandoff_ = std::move(wait);
  }

  // The second thread: the elements of the array from run.start to its `]`, at run.depth.
  void readElements(ElementRun& run) {
    pos_ = run.start;
    depth_ = run.depth;
    for (;;) {
      if (!startsValue(peek()) && !isWordChar(peek())) return;
      if (!parseValue(run.items.emplace_back(), "a value")) return;
      skipBlanks();
      if (peek() == ']') break;
      if (peek() != ',') return;
      ++pos_;
      skipBlanks();
    }
    run.end = pos_;
    run.blanks = blanks_;
    run.placeholderStart = placeholderStart_;
    run.duplicateKeys = duplicateKeys_;
    run.storage = storage_;
    run.ok = true;
  }

  ParseResult run(std::uint32_t offset) {
    ParseResult result;
    pos_ = offset;
    if (pos_ == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    if (text_.size() >= std::numeric_limits<std::uint32_t>::max()) {
      result.error = ParseError{0, "the file is larger than 4 GiB", ""};
      return result;
    }
    pos_ = blankRunEnd(text_, pos_);
    Node node;
    if (!parseValue(node, "a value")) {
      result.error = std::move(error_);
      return result;
    }
    pos_ = blankRunEnd(text_, pos_);
    if (pos_ < text_.size()) result.trailing = static_cast<std::uint32_t>(pos_);
    result.blanks = static_cast<std::uint32_t>(blanks_);
    result.mayHoldPlaceholders = placeholderStart_;
    result.mayHaveDuplicateKeys = duplicateKeys_;
    result.value = node;
    result.storage = std::move(storage_);
    return result;
  }

 private:
  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return atEnd() ? '\0' : text_[pos_]; }
  // Blanks inside the value, counted (run() skips those around it without).
  void skipBlanks() {
    const std::size_t end = blankRunEnd(text_, pos_);
    blanks_ += end - pos_;
    pos_ = end;
  }
  Span spanFrom(std::size_t begin) const {
    return Span{file_, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(pos_)};
  }

  bool fail(std::size_t offset, std::string message, std::string help = "") {
    if (!error_) {
      error_ = ParseError{static_cast<std::uint32_t>(offset), std::move(message), std::move(help)};
    }
    return false;
  }

  // What the reader found at `pos_`, for "unexpected ..." messages.
  std::string describeHere() const {
    if (atEnd()) return "end of input";
    char c = text_[pos_];
    if (c == '"') return "string";
    if (c == '-' || isDigit(c)) return "number";
    if (isWordChar(c)) {
      std::size_t end = pos_;
      while (end < text_.size() && end - pos_ < 24 && isWordChar(text_[end])) ++end;
      return fmt::format("`{}`", text_.substr(pos_, end - pos_));
    }
    if (static_cast<unsigned char>(c) < 0x20) return fmt::format("U+{:04X}", static_cast<int>(c));
    return fmt::format("`{}`", text_.substr(pos_, utf8Length(text_, pos_)));
  }

  // The usual reason a value or separator is missing, when the text shows it.
  std::string helpHere(bool afterComma) const {
    char c = peek();
    if (c == '/' && (text_.substr(pos_, 2) == "//" || text_.substr(pos_, 2) == "/*")) {
      return "JSON has no comments: remove the comment";
    }
    if (c == '\'') return "JSON strings are written in double quotes";
    if (afterComma && (c == ']' || c == '}')) return "remove the trailing comma";
    return "";
  }

  bool unexpected(std::string_view context, std::string_view expected, bool afterComma = false) {
    return fail(pos_,
                fmt::format("unexpected {} while parsing {}; expected {}", describeHere(), context,
                            expected),
                helpHere(afterComma));
  }

  bool parseValue(Node& node, std::string_view expected) {
    std::size_t begin = pos_;
    switch (peek()) {
      case '{':
        return parseObject(node);
      case '[':
        return parseArray(node);
      case '"':
        node.kind = Kind::String;
        if (!parseString(node.text)) return false;
        node.span = spanFrom(begin);
        return true;
      default:
        break;
    }
    if (peek() == '-' || isDigit(peek())) return parseNumber(node);
    if (isWordChar(peek())) return parseLiteral(node);
    return unexpected("a value", expected);
  }

  bool enter() {
    if (++depth_ <= kMaxJsonDepth) return true;
    return fail(pos_, fmt::format("the JSON nests deeper than {} levels", kMaxJsonDepth));
  }

  bool parseObject(Node& node) {
    std::size_t begin = pos_;
    node.kind = Kind::Object;
    if (!enter()) return false;
    ++pos_;
    skipBlanks();
    if (peek() == '}') return closeContainer(node, begin);
    bool afterComma = false;
    std::vector<Member>& members = scratch(memberScratch_);
    for (;;) {
      if (peek() != '"') {
        return unexpected("an object", "a string (a member's key)", afterComma);
      }
      Member& member = members.emplace_back();
      std::size_t keyBegin = pos_;
      if (!parseString(member.key)) return false;
      member.keySpan = spanFrom(keyBegin);
      skipBlanks();
      if (peek() != ':') return unexpected("an object", "`:` after the key");
      ++pos_;
      skipBlanks();
      if (!parseValue(member.value, "a value")) return false;
      skipBlanks();
      if (peek() == '}') {
        node.members = settle(members);
        if (!duplicateKeys_) {
          forEachDuplicateKey(node, [&](const Member&, const Member&, const Member&) {
            duplicateKeys_ = true;
            return true;  // one is enough
          });
        }
        return closeContainer(node, begin);
      }
      if (peek() != ',') return missingSeparator("an object", "`,` or `}`");
      ++pos_;
      skipBlanks();
      afterComma = true;
    }
  }

  bool parseArray(Node& node) {
    std::size_t begin = pos_;
    node.kind = Kind::Array;
    if (!enter()) return false;
    ++pos_;
    skipBlanks();
    if (peek() == ']') return closeContainer(node, begin);
    std::vector<Node>& items = scratch(itemScratch_);
    for (;;) {
      if (handoff_ != nullptr && pos_ == handoff_->start && depth_ == handoff_->depth && takeHandoff(items)) {
        node.items = settle(items);
        return closeContainer(node, begin);
      }
      if (!startsValue(peek()) && !isWordChar(peek())) {
        return unexpected("an array", "a value", !items.empty());
      }
      if (!parseValue(items.emplace_back(), "a value")) return false;
      skipBlanks();
      if (peek() == ']') {
        node.items = settle(items);
        return closeContainer(node, begin);
      }
      if (peek() != ',') return missingSeparator("an array", "`,` or `]`");
      ++pos_;
      skipBlanks();
    }
  }

  // At the place the second thread started, as the start of an element at the depth it
  // assumed: its elements, when it read them all without an error, are this array's rest, and
  // reading goes on at its `]`. Otherwise (false) this thread reads them itself.
  bool takeHandoff(std::vector<Node>& items) {
    ElementRun& run = *handoff_;
    handoff_ = nullptr;  // one place, met once
    waitForHandoff_();
    if (!run.ok) return false;
    items.insert(items.end(), run.items.begin(), run.items.end());
    pos_ = run.end;
    blanks_ += run.blanks;
    placeholderStart_ = placeholderStart_ || run.placeholderStart;
    duplicateKeys_ = duplicateKeys_ || run.duplicateKeys;
    storage_->adopt(std::move(run.storage));
    return true;
  }

  // The container being read at the current depth collects its children in a vector kept
  // from one container to the next, then hands them to the tree's storage in one piece.
  template <typename T>
  std::vector<T>& scratch(std::deque<std::vector<T>>& byDepth) {
    // A deque: growing it leaves the vectors of the enclosing containers where they are.
    while (byDepth.size() < depth_) byDepth.emplace_back();
    std::vector<T>& out = byDepth[depth_ - 1];
    out.clear();
    return out;
  }
  template <typename T>
  Slice<T> settle(std::vector<T>& from) {
    Slice<T> kept = storage_->keep(from);
    from.clear();
    return kept;
  }

  bool missingSeparator(std::string_view context, std::string_view expected) {
    unexpected(context, expected);
    if (!atEnd() && startsValue(peek()) && error_->help.empty()) {
      error_->help = "a `,` is missing before it";
    }
    return false;
  }

  bool closeContainer(Node& node, std::size_t begin) {
    ++pos_;
    --depth_;
    node.span = spanFrom(begin);
    return true;
  }

  bool parseString(std::string_view& out) {
    // Most strings have no escape and no byte outside printable ASCII: kept as written.
    if (std::size_t end = plainAsciiEnd(text_, pos_ + 1, placeholderStart_);
        end < text_.size() && text_[end] == '"') {
      out = asWritten(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return true;
    }
    return decodeString(out);
  }

  // A string with escapes or bytes outside printable ASCII. Apart from parseString, whose
  // plain strings (nearly all) then need no room for the decoder on their way.
  [[gnu::noinline]] bool decodeString(std::string_view& out) {
    StringDecoder decoder(text_, pos_);
    decoded_.clear();
    if (!decoder.decode(decoded_)) {
      return fail(decoder.errorOffset(), decoder.errorMessage(), decoder.errorHelp());
    }
    // The whole string as written, escapes included: what lint's placeholder scan reads.
    placeholderStart_ = placeholderStart_ || holdsPlaceholderStart(text_.substr(pos_ + 1, decoder.end() - pos_ - 2));
    pos_ = decoder.end();
    out = storage_->keep(decoded_);
    return true;
  }

  bool parseNumber(Node& node) {
    std::size_t begin = pos_;
    node.kind = Kind::Number;
    if (peek() == '-') ++pos_;
    if (!isDigit(peek())) return fail(pos_, "invalid number: expected a digit after `-`");
    if (peek() == '0' && pos_ + 1 < text_.size() && isDigit(text_[pos_ + 1])) {
      return fail(pos_, "invalid number: a number cannot start with `0`",
                  "write the number without leading zeros, or as a string");
    }
    while (isDigit(peek())) ++pos_;
    if (peek() == '.') {
      ++pos_;
      if (!isDigit(peek())) return fail(pos_, "invalid number: expected a digit after `.`");
      while (isDigit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!isDigit(peek())) return fail(pos_, "invalid number: expected a digit in the exponent");
      while (isDigit(peek())) ++pos_;
    }
    node.span = spanFrom(begin);
    node.text = asWritten(text_.substr(begin, pos_ - begin));
    return true;
  }

  // Text kept as written (a plain string, a number): a copy, or the view itself.
  std::string_view asWritten(std::string_view written) { return copied_ ? storage_->keep(written) : written; }

  bool parseLiteral(Node& node) {
    std::size_t begin = pos_;
    while (isWordChar(peek())) ++pos_;
    std::string_view word = text_.substr(begin, pos_ - begin);
    if (word == "true" || word == "false") {
      node.kind = Kind::Bool;
      node.text = word == "true" ? std::string_view("true") : std::string_view("false");
    } else if (word == "null") {
      node.kind = Kind::Null;
      node.text = "null";
    } else {
      std::string lower;
      for (char c : word) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      bool literal = lower == "true" || lower == "false" || lower == "null";
      return fail(begin, fmt::format("invalid literal `{}`", word.substr(0, 24)),
                  literal ? fmt::format("JSON literals are lowercase: write `{}`", lower)
                          : "strings are written in double quotes");
    }
    node.span = spanFrom(begin);
    return true;
  }

  std::string_view text_;
  FileId file_;
  bool copied_ = true;  // Strings::Copied
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  std::size_t blanks_ = 0;
  bool placeholderStart_ = false;  // ParseResult::mayHoldPlaceholders
  bool duplicateKeys_ = false;     // ParseResult::mayHaveDuplicateKeys
  std::optional<ParseError> error_;
  std::shared_ptr<TreeStorage> storage_;
  std::string decoded_;  // the string being decoded, before the storage keeps it
  std::deque<std::vector<Member>> memberScratch_;  // [depth - 1]
  std::deque<std::vector<Node>> itemScratch_;
  ElementRun* handoff_ = nullptr;  // parseOnTwoThreads: what the second thread reads
  std::function<void()> waitForHandoff_;
};

// The first byte of a `{` at or after `from` that follows `}` and `,` with only blanks between
// them (the next statement of a `Statement` array, in any layout), or npos. Looked for within
// a window: a text without such a place is read on one thread.
std::size_t elementStartNear(std::string_view text, std::size_t from) {
  constexpr std::size_t kWindow = 1 << 20;
  const std::size_t stop = std::min(text.size(), from + kWindow);
  for (std::size_t comma = from; comma < stop; ++comma) {
    const void* found = std::memchr(text.data() + comma, ',', stop - comma);
    if (found == nullptr) return std::string_view::npos;
    comma = static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
    std::size_t before = comma;
    while (before > 0 && isBlank(text[before - 1])) --before;
    if (before == 0 || text[before - 1] != '}') continue;
    const std::size_t after = blankRunEnd(text, comma + 1);
    if (after < text.size() && text[after] == '{') return after;
  }
  return std::string_view::npos;
}

}  // namespace

ParseResult parse(std::string_view text, FileId file, std::uint32_t offset, Strings strings) {
  return Parser(text, file, text.size(), strings).run(offset);
}

ParseResult parseOnTwoThreads(std::string_view text, FileId file, std::size_t fromBytes, Strings strings) {
  // Below `fromBytes`, starting a second thread costs more than it saves.
  const std::size_t start = text.size() < fromBytes ? std::string_view::npos : elementStartNear(text, text.size() / 2);
  if (start == std::string_view::npos) return parse(text, file, 0, strings);
  ElementRun run;
  run.start = start;
  run.depth = 2;  // an element of an array that is a member of the top-level object: `Statement`
  std::thread second;
  try {
    second = std::thread([&] {
      try {
        Parser(text, file, text.size() - start, strings).readElements(run);
      } catch (...) {
        run.ok = false;  // out of memory, say: the first thread reads on alone
      }
    });
  } catch (const std::system_error&) {
    return parse(text, file, 0, strings);  // no thread to be had
  }
  auto join = [&] {
    if (second.joinable()) second.join();
  };
  Parser first(text, file, text.size(), strings);
  first.expect(run, join);
  ParseResult result;
  try {
    result = first.run(0);
  } catch (...) {
    join();
    throw;
  }
  join();
  return result;
}

bool sameTree(const Node& a, const Node& b) {
  if (a.kind != b.kind || a.span != b.span || a.text != b.text || a.items.size() != b.items.size() ||
      a.members.size() != b.members.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!sameTree(a.items[i], b.items[i])) return false;
  }
  for (std::size_t i = 0; i < a.members.size(); ++i) {
    const Member& x = a.members[i];
    const Member& y = b.members[i];
    if (x.key != y.key || x.keySpan != y.keySpan || !sameTree(x.value, y.value)) return false;
  }
  return true;
}

LastOfTheirKey::LastOfTheirKey(const Node& object) {
  if (object.members.size() > 64) large_.assign(object.members.size(), true);
  forEachDuplicateKey(object, [&](const Member&, const Member& previous, const Member&) {
    const auto i = static_cast<std::size_t>(&previous - object.members.data());  // a later twin follows it
    if (large_.empty()) {
      shadowed_ |= std::uint64_t{1} << i;
    } else {
      large_[i] = false;
    }
    return false;
  });
}

namespace {

// Calls keep(run) for the runs of text[begin, end) that stay once whitespace outside strings
// is dropped: each string whole (escapes skipped over), and the text between blanks.
template <typename Keep>
void forEachKeptRun(std::string_view text, std::uint32_t begin, std::uint32_t end, Keep keep) {
  std::size_t stop = std::min<std::size_t>(end, text.size());
  std::size_t i = begin;
  while (i < stop) {
    std::size_t j = i;
    if (text[i] == '"') {
      for (j = i + 1; j < stop && text[j] != '"'; ++j) {
        if (text[j] == '\\') ++j;  // the escaped byte, whatever it is
      }
      j = std::min(j + 1, stop);  // the closing quote
    } else if (isBlank(text[i])) {
      ++i;
      continue;
    } else {
      while (j < stop && text[j] != '"' && !isBlank(text[j])) ++j;
    }
    keep(text.substr(i, j - i));
    i = j;
  }
}

}  // namespace

std::string minified(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  std::string out;
  forEachKeptRun(text, begin, end, [&](std::string_view run) { out += run; });
  return out;
}

std::size_t minifiedSize(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  std::size_t n = 0;  // counted, not built: lint sizes whole files
  forEachKeptRun(text, begin, end, [&](std::string_view run) { n += run.size(); });
  return n;
}

std::string_view kindName(Kind kind) {
  switch (kind) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return "a boolean";
    case Kind::Number:
      return "a number";
    case Kind::String:
      return "a string";
    case Kind::Array:
      return "an array";
    case Kind::Object:
      return "an object";
  }
  return "a value";
}

}  // namespace rootpol::policy::json
