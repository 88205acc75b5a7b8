#pragma once

// Shared by the formatter's tests: formatting and parsing a text, an independent lexer, and
// every guarantee formatSource makes, checked on one input.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast_printer.h"
#include "syntax/format.h"
#include "syntax/parse.h"

namespace rootpol::syntax::fmt_test {

inline std::optional<std::string> format(const std::string& text, std::size_t* errors = nullptr) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("t.rootpol", text);
  auto out = formatSource(sources.file(id), sink);
  if (errors != nullptr) *errors = sink.errorCount();
  return out;
}

// The AST dump, or nullopt when the text does not parse.
inline std::optional<std::string> astOf(const std::string& text) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("t.rootpol", text);
  auto module = parse(sources.file(id), sink);
  if (sink.hasErrors()) return std::nullopt;
  return ast::printModule(*module);
}

// A lexer independent of the grammar's: words (names, numbers, action pieces), strings,
// operators and punctuation, and the comments (line ends and trailing blanks normalised).
struct Lexed {
  std::vector<std::string> tokens;
  std::vector<std::size_t> ends;  // the offset after each token
  std::vector<std::string> comments;
};

inline std::string normalizeComment(std::string text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    }
    out += text[i];
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

inline Lexed lex(const std::string& s) {
  Lexed out;
  auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  };
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i + 1;
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    if (s.compare(i, 2, "//") == 0 || s.compare(i, 2, "/*") == 0) {
      j = s[i + 1] == '/' ? s.find('\n', i) : s.find("*/", i + 2) + 2;
      j = std::min(j, s.size());
      out.comments.push_back(normalizeComment(s.substr(i, j - i)));
      i = j;
      continue;
    }
    if (s[i] == '"') {
      while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
      ++j;
    } else if (word(s[i])) {
      while (j < s.size() && word(s[j])) ++j;
    } else if (j < s.size() && s[j] == '=' &&
               std::string_view("=!<>").find(s[i]) != std::string_view::npos) {
      ++j;  // ==, !=, <=, >=
    }
    out.tokens.push_back(s.substr(i, j - i));
    out.ends.push_back(j);
    i = j;
  }
  return out;
}

// Every guarantee of formatSource for one parsing input; returns the formatted text.
inline std::string expectFormatInvariants(const std::string& input, const std::string& name) {
  auto once = format(input);
  EXPECT_TRUE(once.has_value()) << name;
  if (!once) return "";
  auto twice = format(*once);
  EXPECT_EQ(twice.value_or("<error>"), *once) << name << ": formatting is not idempotent";
  EXPECT_EQ(astOf(*once), astOf(input)) << name << ": the AST changed\n" << *once;
  Lexed before = lex(input), after = lex(*once);
  EXPECT_EQ(after.tokens, before.tokens) << name << ": the tokens changed\n" << *once;
  EXPECT_EQ(after.comments, before.comments) << name << ": the comments changed\n" << *once;
  std::size_t start = 0;
  for (std::size_t end = once->find('\n'); end != std::string::npos;
       end = once->find('\n', start)) {
    std::string_view line(once->data() + start, end - start);
    EXPECT_TRUE(line.empty() || (line.back() != ' ' && line.back() != '\t'))
        << name << ": `" << line << "`";
    start = end + 1;
  }
  EXPECT_EQ(once->find('\r'), std::string::npos) << name;
  EXPECT_EQ(once->find("\n\n\n"), std::string::npos) << name << ": more than one blank line";
  return *once;
}

}  // namespace rootpol::syntax::fmt_test
