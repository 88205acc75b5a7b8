// Indentation-driven recursive descent over lines. A compact entry (`- key: value`) is read by
// treating the rest of its line as a line of its own, indented to where the rest begins.
#include "lint/yaml_reader.h"

#include <fmt/format.h>

#include <vector>

#include "policy/json_string.h"

namespace rootpol::lint::yaml {
namespace {

using json::Kind;
using json::Node;

struct Line {
  std::uint32_t start = 0;   // offset of the line's first byte
  std::uint32_t indent = 0;  // column where the content begins
  std::uint32_t begin = 0;   // offset of the content (moves past `- ` for compact entries)
  std::uint32_t end = 0;     // offset after the content (trailing blanks and CR dropped)
};

bool isNumber(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == exp) return false;
  }
  return i == s.size();
}

// YAML 1.2 core schema resolution of a plain scalar.
void typePlain(Node& node, std::string_view text, json::TreeStorage& storage) {
  node.text = storage.keep(text);
  if (text == "null" || text == "Null" || text == "NULL" || text == "~") {
    node.kind = Kind::Null;
    node.text = "null";
  } else if (text == "true" || text == "True" || text == "TRUE") {
    node.kind = Kind::Bool;
    node.text = "true";
  } else if (text == "false" || text == "False" || text == "FALSE") {
    node.kind = Kind::Bool;
    node.text = "false";
  } else {
    node.kind = isNumber(text) ? Kind::Number : Kind::String;
  }
}

class Parser {
 public:
  Parser(std::string_view text, FileId file)
      : text_(text), file_(file), storage_(std::make_shared<json::TreeStorage>()) {}

  json::ParseResult run() {
    json::ParseResult result;
    Node root;
    if (splitLines() && parseNode(root, 0, 0) && li_ < lines_.size()) {
      fail(lines_[li_].begin, "unexpected indentation: this line belongs to no entry above");
    }
    if (error_) {
      result.error = std::move(error_);
    } else {
      result.value = root;
      result.storage = std::move(storage_);
    }
    return result;
  }

 private:
  bool fail(std::size_t offset, std::string message) {
    if (!error_)
      error_ = json::ParseError{static_cast<std::uint32_t>(offset), std::move(message), ""};
    return false;
  }
  Span span(std::size_t begin, std::size_t end) const {
    return Span{file_, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  }
  char at(std::size_t i) const { return i < text_.size() ? text_[i] : '\0'; }

  bool splitLines() {
    if (text_.size() >= 0xFFFFFFFFu) return fail(0, "the file is larger than 4 GiB");
    std::size_t start = text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (start < text_.size()) {
      std::size_t nl = text_.find('\n', start);
      std::size_t stop = nl == std::string_view::npos ? text_.size() : nl;
      if (!addLine(start, stop)) return false;
      start = stop + 1;
    }
    return true;
  }

  bool addLine(std::size_t start, std::size_t stop) {
    std::size_t begin = start;
    while (begin < stop && text_[begin] == ' ') ++begin;
    if (begin < stop && text_[begin] == '\t') {
      return fail(begin, "a tab in the indentation: YAML indents with spaces");
    }
    std::size_t end = stop;
    while (end > begin &&
           (text_[end - 1] == ' ' || text_[end - 1] == '\r' || text_[end - 1] == '\t'))
      --end;
    if (begin == end || text_[begin] == '#') return true;
    std::string_view content = text_.substr(begin, end - begin);
    if (begin == start && (content == "---" || content.starts_with("--- "))) {
      if (!lines_.empty()) return fail(begin, "several YAML documents in one file");
      return true;
    }
    if (begin == start && (content == "..." || content[0] == '%')) {
      return fail(begin, "YAML directives and document ends are not supported");
    }
    lines_.push_back(Line{static_cast<std::uint32_t>(start),
                          static_cast<std::uint32_t>(begin - start),
                          static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
    return true;
  }

  bool isSeqEntry(const Line& l) const {
    return at(l.begin) == '-' && (l.begin + 1 == l.end || at(l.begin + 1) == ' ');
  }

  // The offset of the `:` that ends a mapping key on line `l`, or npos.
  std::size_t keyColon(const Line& l) const {
    std::size_t i = l.begin;
    char q = at(i);
    if (q == '"' || q == '\'') {
      for (++i; i < l.end && text_[i] != q; ++i) {
        if (q == '"' && text_[i] == '\\') ++i;
      }
      for (++i; i < l.end && text_[i] == ' ';) ++i;
      return i < l.end && text_[i] == ':' && (i + 1 == l.end || text_[i + 1] == ' ')
                 ? i
                 : std::string_view::npos;
    }
    if (q == '[' || q == '{' || q == '#') return std::string_view::npos;
    for (; i < l.end; ++i) {
      if (text_[i] == '#' && text_[i - 1] == ' ') break;
      if (text_[i] == ':' && (i + 1 == l.end || text_[i + 1] == ' ')) return i;
    }
    return std::string_view::npos;
  }

  bool parseNode(Node& out, std::uint32_t minIndent, std::size_t depth) {
    if (depth > json::kMaxJsonDepth) {
      return fail(li_ < lines_.size() ? lines_[li_].begin : text_.size(),
                  fmt::format("the YAML nests deeper than {} levels", json::kMaxJsonDepth));
    }
    if (li_ >= lines_.size() || lines_[li_].indent < minIndent) {
      std::size_t here = li_ > 0 ? lines_[li_ - 1].end : 0;
      out.kind = Kind::Null;
      out.text = "null";
      out.span = span(here, here);
      return true;
    }
    Line& l = lines_[li_];
    if (isSeqEntry(l)) return parseSequence(out, l.indent, depth);
    if (keyColon(l) != std::string_view::npos) return parseMapping(out, l.indent, depth);
    std::size_t pos = l.begin;
    if (!parseInline(out, pos, l.end, depth) || !expectLineEnd(pos, l.end)) return false;
    ++li_;
    return true;
  }

  bool parseSequence(Node& out, std::uint32_t indent, std::size_t depth) {
    out.kind = Kind::Array;
    std::size_t begin = lines_[li_].begin;
    std::vector<Node> items;
    while (li_ < lines_.size() && lines_[li_].indent == indent && isSeqEntry(lines_[li_])) {
      Line& l = lines_[li_];
      std::size_t dash = l.begin;
      std::size_t rest = dash + 1;
      while (rest < l.end && text_[rest] == ' ') ++rest;
      Node item;
      if (rest >= l.end || text_[rest] == '#') {
        ++li_;
        if (!parseNode(item, indent + 1, depth + 1)) return false;
        if (item.kind == Kind::Null && item.span.begin == item.span.end)
          item.span = span(dash, dash + 1);
      } else {
        l.indent = static_cast<std::uint32_t>(rest - l.start);
        l.begin = static_cast<std::uint32_t>(rest);
        if (!parseNode(item, l.indent, depth + 1)) return false;
      }
      items.push_back(item);
    }
    out.items = storage_->keep(items);
    if (li_ < lines_.size() && lines_[li_].indent > indent) {
      return fail(lines_[li_].begin, "unexpected indentation");
    }
    out.span = span(begin, out.items.back().span.end);
    return true;
  }

  bool parseKey(json::Member& m, std::size_t& pos, std::size_t colon) {
    Node key;
    if (at(pos) == '"' || at(pos) == '\'') {
      if (!parseInline(key, pos, colon, 0)) return false;
    } else {
      std::size_t end = colon;
      while (end > pos && text_[end - 1] == ' ') --end;
      if (std::string_view("?&*!|>@`{[").find(at(pos)) != std::string_view::npos) {
        return fail(pos, fmt::format("a key starting with `{}` is not supported", at(pos)));
      }
      key.span = span(pos, end);
      key.text = storage_->keep(text_.substr(pos, end - pos));
    }
    m.key = key.text;
    m.keySpan = key.span;
    pos = colon + 1;
    return true;
  }

  bool parseMapping(Node& out, std::uint32_t indent, std::size_t depth) {
    out.kind = Kind::Object;
    std::size_t begin = lines_[li_].begin;
    std::vector<json::Member> members;
    while (li_ < lines_.size() && lines_[li_].indent == indent) {
      Line& l = lines_[li_];
      std::size_t colon = keyColon(l);
      if (colon == std::string_view::npos)
        return fail(l.begin, "expected `key: value` in a mapping");
      json::Member m;
      std::size_t pos = l.begin;
      if (!parseKey(m, pos, colon)) return false;
      while (pos < l.end && text_[pos] == ' ') ++pos;
      if (pos >= l.end || text_[pos] == '#') {
        ++li_;
        bool compactList =
            li_ < lines_.size() && lines_[li_].indent == indent && isSeqEntry(lines_[li_]);
        bool ok = compactList ? parseSequence(m.value, indent, depth + 1)
                              : parseNode(m.value, indent + 1, depth + 1);
        if (!ok) return false;
        if (m.value.kind == Kind::Null && m.value.span.begin == m.value.span.end) {
          m.value.span = span(colon + 1, colon + 1);
        }
      } else {
        if (!parseInline(m.value, pos, l.end, depth + 1) || !expectLineEnd(pos, l.end))
          return false;
        ++li_;
      }
      members.push_back(m);
      if (li_ < lines_.size() && lines_[li_].indent > indent) {
        return fail(lines_[li_].begin,
                    "unexpected indentation (a scalar over several lines is not supported)");
      }
    }
    out.members = storage_->keep(members);
    out.span = span(begin, out.members.back().value.span.end);
    return true;
  }

  bool expectLineEnd(std::size_t pos, std::size_t end) {
    while (pos < end && text_[pos] == ' ') ++pos;
    if (pos < end && text_[pos] != '#') return fail(pos, "unexpected text after the value");
    return true;
  }

  bool parseInline(Node& out, std::size_t& pos, std::size_t end, std::size_t depth) {
    char c = at(pos);
    if (c == '"') return parseDoubleQuoted(out, pos, end);
    if (c == '\'') return parseSingleQuoted(out, pos, end);
    if (c == '[') return parseFlowSequence(out, pos, end, depth);
    if (c == '{') {
      if (at(pos + 1) != '}') return fail(pos, "flow mappings (`{...}`) are not supported");
      out.kind = Kind::Object;
      out.span = span(pos, pos + 2);
      pos += 2;
      return true;
    }
    if (c == '|' || c == '>') return fail(pos, "block scalars (`|`, `>`) are not supported");
    if (c == '&' || c == '*' || c == '!')
      return fail(pos, "anchors, aliases and tags are not supported");
    if (c == '@' || c == '`') return fail(pos, fmt::format("`{}` cannot start a plain scalar", c));
    if (c == '-' && (at(pos + 1) == ' ' || pos + 1 == end))
      return fail(pos, "a sequence cannot start here");
    return parsePlain(out, pos, end, inFlow_);
  }

  bool parsePlain(Node& out, std::size_t& pos, std::size_t end, bool flow) {
    std::size_t begin = pos;
    for (; pos < end; ++pos) {
      char c = text_[pos];
      if (c == '#' && pos > begin && text_[pos - 1] == ' ') break;
      if (flow && (c == ',' || c == ']')) break;
      if (c == ':' && (pos + 1 == end || text_[pos + 1] == ' '))
        return fail(pos, "`: ` inside a plain scalar");
    }
    std::size_t stop = pos;
    while (stop > begin && text_[stop - 1] == ' ') --stop;
    out.span = span(begin, stop);
    typePlain(out, text_.substr(begin, stop - begin), *storage_);
    return true;
  }

  bool parseDoubleQuoted(Node& out, std::size_t& pos, std::size_t end) {
    // JSON's escapes are YAML's common ones; the decoder stops at the line's end.
    json::StringDecoder decoder(text_.substr(0, end), pos);
    out.kind = Kind::String;
    std::string decoded;
    if (!decoder.decode(decoded)) {
      if (decoder.errorOffset() >= end)
        return fail(pos, "a quoted scalar over several lines is not supported");
      return fail(decoder.errorOffset(), decoder.errorMessage());
    }
    out.text = storage_->keep(decoded);
    out.span = span(pos, decoder.end());
    pos = decoder.end();
    return true;
  }

  bool parseSingleQuoted(Node& out, std::size_t& pos, std::size_t end) {
    std::size_t begin = pos++;
    out.kind = Kind::String;
    for (;; ++pos) {
      if (pos >= end) return fail(begin, "a quoted scalar over several lines is not supported");
      if (text_[pos] != '\'') continue;
      if (at(pos + 1) != '\'' || pos + 1 >= end) break;
      ++pos;  // `''` is one quote
    }
    std::string unquoted;
    for (std::size_t i = begin + 1; i < pos; ++i) {
      unquoted += text_[i];
      if (text_[i] == '\'') ++i;
    }
    out.text = storage_->keep(unquoted);
    out.span = span(begin, ++pos);
    return true;
  }

  bool parseFlowSequence(Node& out, std::size_t& pos, std::size_t end, std::size_t depth) {
    if (depth > json::kMaxJsonDepth) return fail(pos, "the YAML nests too deeply");
    std::size_t begin = pos++;
    out.kind = Kind::Array;
    bool wasInFlow = inFlow_;
    inFlow_ = true;
    std::vector<Node> items;
    for (;;) {
      while (pos < end && text_[pos] == ' ') ++pos;
      if (pos >= end) return fail(begin, "a flow sequence over several lines is not supported");
      if (text_[pos] == ']') break;
      Node item;
      if (!parseInline(item, pos, end, depth + 1)) return false;
      items.push_back(item);
      while (pos < end && text_[pos] == ' ') ++pos;
      if (pos >= end) return fail(begin, "a flow sequence over several lines is not supported");
      if (at(pos) == ',') {
        ++pos;
      } else if (at(pos) != ']') {
        return fail(pos, "expected `,` or `]` in a flow sequence");
      }
    }
    inFlow_ = wasInFlow;
    out.items = storage_->keep(items);
    out.span = span(begin, ++pos);
    return true;
  }

  std::string_view text_;
  FileId file_;
  std::vector<Line> lines_;
  std::size_t li_ = 0;
  bool inFlow_ = false;
  std::optional<json::ParseError> error_;
  std::shared_ptr<json::TreeStorage> storage_;  // the tree's strings and children
};

}  // namespace

json::ParseResult parse(std::string_view text, FileId file) { return Parser(text, file).run(); }

}  // namespace rootpol::lint::yaml
