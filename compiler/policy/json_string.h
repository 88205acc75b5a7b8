#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// Internal to the JSON reader: decoding of one string literal, and the byte scans of runs
// (plain string bytes, blanks), kept apart so the grammar in json_reader.cpp stays readable.
namespace rootpol::policy::json {

// The end of the run of printable ASCII other than `"` and `\\` at text[from...]: a string's
// bytes that decode to themselves.
std::size_t plainAsciiEnd(std::string_view text, std::size_t from);
// The same, also setting `placeholderStart` (never clearing it) when the run holds one of
// `$ % { [ <`, the bytes a template placeholder or a bracketed name (`[ACCOUNT_ID]`) starts
// with: the reader tells lint whether a tree's strings need its placeholder scan at all.
std::size_t plainAsciiEnd(std::string_view text, std::size_t from, bool& placeholderStart);
// Whether `text` holds one of those bytes (also lint's first test of a string, before it looks
// for placeholders byte by byte).
bool holdsPlaceholderStart(std::string_view text);

// `$ % { [ <`: the bytes a template placeholder (`${...}`, `%{...}`, `{{...}}`) or a bracketed
// name (`[ACCOUNT_ID]`, `<ROLE>`) starts with. The reader and lint's placeholder scans share it.
inline constexpr std::array<bool, 256> kPlaceholderStart = [] {
  std::array<bool, 256> out{};
  for (unsigned char c : std::string_view("$%{[<")) out[c] = true;
  return out;
}();

// The blanks JSON allows between tokens: space, tab, line feed, carriage return.
inline constexpr std::array<bool, 256> kJsonBlank = [] {
  std::array<bool, 256> out{};
  for (unsigned char c : std::string_view(" \t\n\r")) out[c] = true;
  return out;
}();

// The end of the run of JSON blanks at text[from...]. Inline, one table load a byte: runs are
// short (a newline and an indent, the space after `:`) and the reader asks for a quarter of
// a million of them in a policy of 10,000 statements.
inline std::size_t blankRunEnd(std::string_view text, std::size_t from) {
  const std::size_t size = text.size();
  const char* bytes = text.data();
  while (from < size && kJsonBlank[static_cast<unsigned char>(bytes[from])]) ++from;
  return from;
}

// Bytes of the UTF-8 sequence starting at text[at] (1 for a stray or truncated byte).
std::size_t utf8Length(std::string_view text, std::size_t at);

// Decodes the string literal whose opening quote is at text[begin]: every JSON escape, UTF-16
// surrogate pairs joined into one code point, the input checked to be well-formed UTF-8.
class StringDecoder {
 public:
  StringDecoder(std::string_view text, std::size_t begin) : text_(text), pos_(begin) {}

  // Appends the decoded text to `out`; false on an error (see the accessors).
  bool decode(std::string& out);
  std::size_t end() const { return pos_; }  // just after the closing quote
  std::size_t errorOffset() const { return errorOffset_; }
  const std::string& errorMessage() const { return errorMessage_; }
  const std::string& errorHelp() const { return errorHelp_; }

 private:
  bool fail(std::size_t offset, std::string message, std::string help = "");
  bool decodeEscape(std::string& out);
  bool readHex4(std::size_t at, std::uint32_t& value);
  bool copyUtf8(std::string& out);

  std::string_view text_;
  std::size_t pos_;
  std::size_t errorOffset_ = 0;
  std::string errorMessage_;
  std::string errorHelp_;
};

// Appends code point `cp` (at most U+10FFFF, not a surrogate) to `out` as UTF-8.
void appendUtf8(std::string& out, std::uint32_t cp);

}  // namespace rootpol::policy::json
