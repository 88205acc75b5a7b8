// json::parseOnTwoThreads must give what json::parse gives, to the byte: the same tree, error,
// trailing offset, blank count and flags, whether or not the second thread's part is used.
#include <gtest/gtest.h>

#include <string>

#include "policy/json_reader.h"

namespace rootpol::policy::json {
namespace {

void expectSameAsParse(const std::string& text, const std::string& what) {
  SCOPED_TRACE(what);
  const ParseResult one = parse(text, 1);
  const ParseResult two = parseOnTwoThreads(text, 1, /*fromBytes=*/0);
  ASSERT_EQ(one.value.has_value(), two.value.has_value());
  if (one.value) {
    EXPECT_TRUE(sameTree(*one.value, *two.value));
  }
  ASSERT_EQ(one.error.has_value(), two.error.has_value());
  if (one.error) {
    EXPECT_EQ(one.error->offset, two.error->offset);
    EXPECT_EQ(one.error->message, two.error->message);
    EXPECT_EQ(one.error->help, two.error->help);
  }
  EXPECT_EQ(one.trailing, two.trailing);
  EXPECT_EQ(one.blanks, two.blanks);
  EXPECT_EQ(one.mayHoldPlaceholders, two.mayHoldPlaceholders);
  EXPECT_EQ(one.mayHaveDuplicateKeys, two.mayHaveDuplicateKeys);
}

// `n` statements; `at(i)` may replace statement i's text.
template <typename At>
std::string statements(int n, At at) {
  std::string json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n";
  for (int i = 0; i < n; ++i) {
    if (i > 0) json += (i % 3 == 0) ? ",\n    " : " , ";
    std::string s = at(i);
    if (s.empty()) {
      const std::string k = std::to_string(i);
      s = "{\"Sid\": \"S" + k + "\", \"Effect\": \"Deny\", \"Action\": [\"s3:GetObject\", \"ec2:Run" + k +
          "\"], \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/t\": [\"a\", \"b" + k + "\"]}}}";
    }
    json += s;
  }
  return json + "\n  ],\n  \"Id\": \"x\"\n}\n";
}

TEST(JsonTwoThreads, AStatementArrayIsSplitAndJoined) {
  expectSameAsParse(statements(400, [](int) { return std::string(); }), "plain");
  // The one a second thread would start at is known to be used: its statements are in the tree.
  const std::string text = statements(400, [](int) { return std::string(); });
  const ParseResult two = parseOnTwoThreads(text, 1, 0);
  ASSERT_TRUE(two.value);
  EXPECT_EQ(two.value->find("Statement")->value.items.size(), 400u);
}

TEST(JsonTwoThreads, PlacesThatOnlyLookLikeAStatementStart) {
  // Every statement's Sid holds `}, {`: the second thread may start inside a string.
  expectSameAsParse(statements(400, [](int i) {
                      return "{\"Sid\": \"a}, {\\\"b" + std::to_string(i) + "\", \"Effect\": \"Deny\", \"Action\": \"*\"}";
                    }),
                    "inside strings");
  // Deeper arrays of objects: the place may be an element deeper than the Statement array.
  expectSameAsParse(statements(400, [](int) {
                      return std::string("{\"Effect\": \"Deny\", \"Action\": \"*\", \"X\": [[{\"a\": 1}, {\"b\": 2}], [{}, {}, {}]]}");
                    }),
                    "deeper");
  // No Statement array at all: a long top-level array of objects.
  std::string array = "[";
  for (int i = 0; i < 2000; ++i) array += (i ? "},{" : "{") + std::string("\"a\":") + std::to_string(i);
  expectSameAsParse(array + "}]", "top-level array");
}

TEST(JsonTwoThreads, ErrorsAndFlagsInEitherHalf) {
  for (int bad : {10, 200, 390}) {
    const std::string k = std::to_string(bad);
    expectSameAsParse(statements(400, [&](int i) { return i == bad ? std::string("{\"Effect\": \"Deny\",}") : std::string(); }),
                      "trailing comma in statement " + k);
    expectSameAsParse(statements(400, [&](int i) { return i == bad ? std::string("{\"Effect\": tru}") : std::string(); }),
                      "bad literal in statement " + k);
    expectSameAsParse(statements(400, [&](int i) { return i == bad ? std::string(300, '[') : std::string(); }),
                      "too deep in statement " + k);
    expectSameAsParse(statements(400, [&](int i) { return i == bad ? std::string("{\"Sid\": \"a\", \"Sid\": \"b\"}") : std::string(); }),
                      "duplicate key in statement " + k);
    expectSameAsParse(statements(400, [&](int i) { return i == bad ? std::string("{\"Sid\": \"${aws:username}\"}") : std::string(); }),
                      "placeholder in statement " + k);
    expectSameAsParse(statements(400, [&](int i) { return i == bad ? std::string("{\"Sid\": \"caf\\u00e9\\n\"}") : std::string(); }),
                      "escapes in statement " + k);
  }
  std::string unclosed = statements(400, [](int) { return std::string(); });
  expectSameAsParse(unclosed.substr(0, unclosed.size() - 12), "cut short");
  expectSameAsParse(statements(400, [](int) { return std::string(); }) + "{\"second\": 1}", "a second value");
}

}  // namespace
}  // namespace rootpol::policy::json
