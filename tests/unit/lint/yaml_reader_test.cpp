// The YAML subset: block sequences and mappings (compact too), scalars typed by the core
// schema, quoted scalars, flow sequences, comments; and errors at the exact position for what
// the subset does not read.
#include "lint/yaml_reader.h"

#include <gtest/gtest.h>

namespace rootpol::lint::yaml {
namespace {

constexpr FileId kFile = 1;

std::string_view slice(std::string_view text, Span span) {
  return text.substr(span.begin, span.end - span.begin);
}

// "L:C message" of the error, or "ok".
std::string errorAt(std::string_view text) {
  json::ParseResult r = parse(text, kFile);
  if (!r.error) return "ok";
  SourceFile file(kFile, "t.yaml", std::string(text));
  LineCol lc = file.lineCol(r.error->offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + r.error->message;
}

TEST(YamlReader, StatementListWithCompactMappings) {
  std::string_view text =
      "# comment\n"
      "- sid: \"DenyA\"  # trailing comment\n"
      "  effect: Deny\n"
      "  actions:\n"
      "    - \"s3:GetObject\"\n"
      "    - 'it''s'\n"
      "  condition:\n"
      "  - test: Bool\n"
      "    values: [true, \"x\", 3]\n"
      "  empty:\n"
      "- [a, b]\n";
  json::ParseResult r = parse(text, kFile);
  ASSERT_TRUE(r.value) << r.error->message;
  const json::Node& root = *r.value;
  ASSERT_EQ(root.kind, json::Kind::Array);
  ASSERT_EQ(root.items.size(), 2u);
  const json::Node& st = root.items[0];
  ASSERT_EQ(st.kind, json::Kind::Object);
  ASSERT_EQ(st.members.size(), 5u);
  EXPECT_EQ(st.members[0].key, "sid");
  EXPECT_EQ(slice(text, st.members[0].keySpan), "sid");
  EXPECT_EQ(st.members[0].value.text, "DenyA");
  EXPECT_EQ(slice(text, st.members[0].value.span), "\"DenyA\"");
  EXPECT_EQ(st.members[1].value.text, "Deny");
  EXPECT_EQ(slice(text, st.members[1].value.span), "Deny");
  const json::Node& actions = st.members[2].value;
  ASSERT_EQ(actions.items.size(), 2u);
  EXPECT_EQ(actions.items[1].text, "it's");
  const json::Node& condition = st.members[3].value;
  ASSERT_EQ(condition.kind, json::Kind::Array);
  const json::Node& values = condition.items[0].members[1].value;
  ASSERT_EQ(values.items.size(), 3u);
  EXPECT_EQ(values.items[0].kind, json::Kind::Bool);
  EXPECT_EQ(values.items[1].kind, json::Kind::String);
  EXPECT_EQ(values.items[2].kind, json::Kind::Number);
  EXPECT_EQ(st.members[4].value.kind, json::Kind::Null);
  EXPECT_EQ(root.items[1].items.size(), 2u);
}

TEST(YamlReader, PlainScalarsAreTypedByTheCoreSchema) {
  json::ParseResult r = parse("[true, False, ~, null, -1.5e3, 0x1F, 12a, \"true\"]", kFile);
  ASSERT_TRUE(r.value);
  std::vector<json::Kind> kinds;
  for (const json::Node& n : r.value->items) kinds.push_back(n.kind);
  using K = json::Kind;
  EXPECT_EQ(kinds, (std::vector<K>{K::Bool, K::Bool, K::Null, K::Null, K::Number, K::String,
                                   K::String, K::String}));
  EXPECT_EQ(r.value->items[1].text, "false");
}

TEST(YamlReader, WhatTheSubsetDoesNotReadIsAnErrorAtItsPosition) {
  EXPECT_EQ(errorAt("- a: |\n    text\n"), "1:6 block scalars (`|`, `>`) are not supported");
  EXPECT_EQ(errorAt("- &x a\n"), "1:3 anchors, aliases and tags are not supported");
  EXPECT_EQ(errorAt("- a: {b: 1}\n"), "1:6 flow mappings (`{...}`) are not supported");
  EXPECT_EQ(errorAt("- a\n\t- b\n"), "2:1 a tab in the indentation: YAML indents with spaces");
  EXPECT_EQ(errorAt("- \"a\n  b\"\n"), "1:3 a quoted scalar over several lines is not supported");
  EXPECT_EQ(errorAt("- a: 1\n    b: 2\n"),
            "2:5 unexpected indentation (a scalar over several lines is not supported)");
  EXPECT_EQ(errorAt("a: 1\n---\nb: 2\n"), "2:1 several YAML documents in one file");
  EXPECT_EQ(errorAt("- [a, b\n"), "1:3 a flow sequence over several lines is not supported");
  EXPECT_EQ(errorAt("a: b: c\n"), "1:5 `: ` inside a plain scalar");
  EXPECT_EQ(errorAt("---\n- a\n"), "ok");
  EXPECT_EQ(errorAt(""), "ok");
}

TEST(YamlReader, NestingIsLimited) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "- ";
  deep += "x\n";
  EXPECT_NE(errorAt(deep), "ok");
  std::string flow(100000, '[');
  EXPECT_NE(errorAt(flow), "ok");
}

}  // namespace
}  // namespace rootpol::lint::yaml
