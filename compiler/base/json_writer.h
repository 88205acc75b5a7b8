#pragma once

// Internal to base's renderers (render_json.cpp, render_sarif.cpp): JSON written directly,
// with the bytes of nlohmann's dump(2) (ensure_ascii off, invalid UTF-8 replaced) that the
// goldens hold. A tree of 100,000 findings cost more than the lint that found them.
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rootpol {

// Printable ASCII without `"` or `\`: written between quotes as it is.
inline bool plainJsonText(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void string(std::string_view text) {
    if (plainJsonText(text)) {
      out_ += '"';
      out_ += text;
      out_ += '"';
      return;
    }
    // Escapes, non-ASCII and invalid UTF-8 (file names come from the file system): the
    // library's own escaping, so that nothing differs from what it writes.
    out_ += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  void number(std::uint64_t n) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
    out_.append(digits, end);
  }
  // `"key": "text"` and `"key": n`, the common members.
  void member(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }
  void member(std::string_view name, std::uint64_t n) {
    key(name);
    number(n);
  }

  // `"key": ` on a new line of the current object (after a comma unless it is the first).
  void key(std::string_view name) {
    item();
    string(name);
    out_ += ": ";
  }
  // A new line for the next element of the current array or object.
  void item() {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '\n';
    out_.append(2 * depth_, ' ');
  }
  void open(char bracket) {
    out_ += bracket;
    ++depth_;
    first_ = true;
  }
  void close(char bracket) {
    --depth_;
    if (!first_) {  // an empty container stays `[]` / `{}`
      out_ += '\n';
      out_.append(2 * depth_, ' ');
    }
    out_ += bracket;
    first_ = false;
  }

 private:
  std::string& out_;
  std::size_t depth_ = 0;
  bool first_ = true;
};

}  // namespace rootpol
