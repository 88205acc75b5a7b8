#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <type_traits>
#include <vector>

#include "policy/read_document.h"

// readPolicy's hooks: lint's checks run as the reader meets each element, in reading order,
// over a tree the caller parsed; the text hook decides the text values are kept as.
namespace rootpol::policy {
namespace {

constexpr std::string_view kPolicy = R"({"Version":"2012-10-17","Statement":[
  {"Sid":"One","Effect":"Deny","Action":["s3:Get*","ec2:Run"],"Resource":"*",
   "Condition":{"StringEquals":{"aws:Foo":"a","aws:Bar":{"x":1}}}},
  {"Sid":"Two","Effect":"Deny","NotAction":"iam:*"}]})";

TEST(ReadHooks, ElementsAreMetInReadingOrderIncludingDroppedConditionEntries) {
  DiagnosticSink sink;
  std::vector<std::string> met;
  ReadOptions options;
  options.onSid = [&](const json::Node& n) { met.push_back("sid " + std::string(n.text)); };
  options.onAction = [&](const json::Node& n) { met.push_back("action " + std::string(n.text)); };
  options.onOperator = [&](const json::Member& op) { met.push_back("op " + std::string(op.key)); };
  options.onConditionKey = [&](const json::Member& op, const json::Member& key) {
    met.push_back("key " + std::string(op.key) + " " + std::string(key.key));
  };
  json::ParseResult parsed = json::parse(kPolicy, 1);
  ReadResult read = readPolicy(parsed, kPolicy, 1, sink, options);
  EXPECT_EQ(met, (std::vector<std::string>{"sid One", "action s3:Get*", "action ec2:Run",
                                           "op StringEquals", "key StringEquals aws:Foo",
                                           "key StringEquals aws:Bar", "sid Two",
                                           "action iam:*"}));
  ASSERT_TRUE(read.document.has_value());
  // The entry whose values are an object is reported and left out; its key was still met.
  ASSERT_EQ(read.document->statements.at(0).conditions.size(), 1u);
  EXPECT_EQ(read.document->statements.at(0).conditions[0].key, "aws:Foo");
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  EXPECT_EQ(sink.diagnostics()[0].code, DiagCode::RP4006);
}

// A hook that returns a std::string by value would hand the reader a view of a temporary.
static_assert(!std::is_constructible_v<decltype(ReadOptions::text), std::string (*)(const json::Node&)>);
static_assert(std::is_constructible_v<decltype(ReadOptions::text), std::string_view (*)(const json::Node&)>);
static_assert(std::is_constructible_v<decltype(ReadOptions::text), const std::string& (*)(const json::Node&)>);

TEST(ReadHooks, TextHookDecidesTheTextOfValues) {
  DiagnosticSink sink;
  ReadOptions options;
  std::deque<std::string> texts;  // the hook returns views: the texts live here
  options.text = [&texts](const json::Node& n) -> ValueText { return texts.emplace_back("<" + std::string(n.text) + ">"); };
  ReadResult read = readPolicy(kPolicy, 1, sink, options);
  ASSERT_TRUE(read.document.has_value());
  const Statement& one = read.document->statements.at(0);
  EXPECT_EQ(one.sid, "<One>");
  EXPECT_EQ(one.actions, (std::vector<std::string>{"<s3:Get*>", "<ec2:Run>"}));
  EXPECT_EQ(one.resources, std::vector<std::string>{"<*>"});
  EXPECT_EQ(one.conditions.at(0).values, std::vector<std::string>{"<a>"});
  EXPECT_TRUE(one.deny);  // the effect is read as written
}

TEST(ReadHooks, BudgetStopsOperatorSuggestionsButNotElementSuggestions) {
  constexpr std::string_view text = R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny",
    "Action":"s3:*","Resourse":"*","Condition":{"StringEqual":{"aws:Foo":"a"}}}]})";
  DiagnosticSink sink;
  ReadOptions options;
  int asked = 0;
  options.suggest = [](std::string_view, const std::vector<std::string>& candidates)
      -> std::optional<std::string> { return candidates.front(); };
  options.budget = [&] {
    ++asked;
    return false;
  };
  readPolicy(text, 1, sink, options);
  EXPECT_EQ(asked, 1);
  ASSERT_EQ(sink.diagnostics().size(), 2u);
  EXPECT_EQ(sink.diagnostics()[0].code, DiagCode::RP4005);
  EXPECT_EQ(sink.diagnostics()[0].help, std::optional<std::string>("did you mean `Sid`?"));
  EXPECT_EQ(sink.diagnostics()[1].code, DiagCode::RP4012);
  EXPECT_FALSE(sink.diagnostics()[1].help.has_value());
}

TEST(ReadHooks, DeclarativePoliciesAreRecognised) {
  json::ParseResult tag = json::parse(R"({"tags":{"team":{"tag_key":{"@@assign":"Team"}}}})", 1);
  json::ParseResult scp = json::parse(R"({"Statement":[]})", 1);
  EXPECT_TRUE(looksDeclarative(*tag.value));
  EXPECT_FALSE(looksDeclarative(*scp.value));
}

}  // namespace
}  // namespace rootpol::policy
