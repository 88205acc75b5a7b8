#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "policy/read_document.h"

// readDocument: the one reader of policy JSON into the model.
namespace rootpol::policy {
namespace {

TEST(PolicyReadDocument, ReadsShapes) {
  std::string error;
  auto document = readDocument(R"({
    "Version": "2012-10-17", "Id": "x",
    "Statement": [
      {"Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
       "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": [3600, 1.50, 1e3, -0.0]},
                     "Bool": {"aws:SecureTransport": false},
                     "StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]},
                     "ForAnyValue:StringLike": {"aws:TagKeys": "a*"}}},
      {"Effect": "Allow", "NotAction": ["iam:*", "sts:*"], "NotResource": ["arn:aws:s3:::b/*"]}
    ]})",
                               error);
  ASSERT_TRUE(document.has_value()) << error;
  ASSERT_EQ(document->statements.size(), 2u);
  const Statement& first = document->statements[0];
  EXPECT_EQ(first.sid, "A");
  EXPECT_TRUE(first.deny);
  EXPECT_FALSE(first.notAction);
  EXPECT_EQ(first.actions, std::vector<std::string>{"s3:*"});
  EXPECT_EQ(first.resources, std::vector<std::string>{"*"});
  ASSERT_EQ(first.conditions.size(), 4u);
  // Entries keep the order they were written in.
  std::vector<std::string> ops;
  for (const auto& c : first.conditions) ops.push_back(c.op);
  EXPECT_EQ(ops, (std::vector<std::string>{"NumericLessThan", "Bool", "StringEquals",
                                           "ForAnyValue:StringLike"}));
  EXPECT_EQ(first.conditions[0].key, "aws:MultiFactorAuthAge");
  EXPECT_EQ(first.conditions[0].values, (std::vector<std::string>{"3600", "1.50", "1e3", "-0.0"}));
  EXPECT_EQ(first.conditions[1].values, std::vector<std::string>{"false"});
  EXPECT_EQ(first.conditions[2].values, (std::vector<std::string>{"eu-west-1", "eu-central-1"}));
  EXPECT_EQ(first.conditions[3].values, std::vector<std::string>{"a*"});
  const Statement& second = document->statements[1];
  EXPECT_FALSE(second.deny);
  EXPECT_TRUE(second.notAction);
  EXPECT_TRUE(second.notResource);
  EXPECT_EQ(second.actions, (std::vector<std::string>{"iam:*", "sts:*"}));
  EXPECT_TRUE(second.conditions.empty());
}

// Which values were written as literals: a string before, between and after them stays a
// string, and an entry of strings only has none.
TEST(PolicyReadDocument, KnowsWhichValuesWereWrittenAsLiterals) {
  std::string error;
  auto document = readDocument(R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny",
    "Action": "*", "Condition": {"StringEquals": {"a:b": ["x", 1, "y", true, "z"], "a:c": ["x", "y"],
                                                  "a:d": 2, "a:e": [3, "w"]}}}})",
                               error);
  ASSERT_TRUE(document.has_value()) << error;
  const auto& entries = document->statements.at(0).conditions;
  ASSERT_EQ(entries.size(), 4u);
  auto literals = [](const ConditionEntry& e) {
    std::string out;
    for (std::size_t i = 0; i < e.values.size(); ++i) out += e.literal(i) ? 'L' : 's';
    return out;
  };
  EXPECT_EQ(literals(entries[0]), "sLsLs");
  EXPECT_EQ(literals(entries[1]), "ss");
  EXPECT_EQ(literals(entries[2]), "L");
  EXPECT_EQ(literals(entries[3]), "Ls");
  // Strings only: nothing kept (ConditionEntry reads an empty `written` as every value a string).
  EXPECT_TRUE(entries[1].written.empty());
}

TEST(PolicyReadDocument, SingleStatementObjectAndNoVersion) {
  std::string error;
  auto document = readDocument(R"({"Statement":{"Effect":"Allow","Action":"*"}})", error);
  ASSERT_TRUE(document.has_value()) << error;
  ASSERT_EQ(document->statements.size(), 1u);
  EXPECT_TRUE(document->statements[0].resources.empty());
  // Version is lint's business (RP4003): the reader keeps what was written, absent as empty,
  // and variables apply only under 2012-10-17.
  EXPECT_EQ(document->version, "");
  EXPECT_FALSE(variablesApply(*document));
  EXPECT_EQ(toJson(*document), R"({"Statement":[{"Effect":"Allow","Action":"*"}]})");
  auto old = readDocument(R"({"Version":"2008-10-17","Statement":[{"Effect":"Deny","Action":"*"}]})", error);
  ASSERT_TRUE(old.has_value()) << error;
  EXPECT_EQ(old->version, "2008-10-17");
  EXPECT_FALSE(variablesApply(*old));
  auto current = readDocument(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*"}]})", error);
  ASSERT_TRUE(current.has_value()) << error;
  EXPECT_TRUE(variablesApply(*current));
  EXPECT_TRUE(variablesApply(Document{}));  // built in code (lowering): 2012-10-17
}

TEST(PolicyReadDocument, RoundTripsTheWriter) {
  Document original;
  Statement s;
  s.sid = "DenyRoot";
  s.actions = {"*"};
  s.resources = {"*"};
  s.conditions = {{"ArnLike", "aws:PrincipalArn", {"arn:aws:iam::*:root"}},
                  {"NotIpAddressIfExists", "aws:SourceIp", {"10.0.0.0/8", "2001:db8::/32"}}};
  original.statements.push_back(s);
  std::string error;
  auto back = readDocument(toJson(original), error);
  ASSERT_TRUE(back.has_value()) << error;
  ASSERT_EQ(back->statements.size(), 1u);
  EXPECT_EQ(back->statements[0].sid, s.sid);
  EXPECT_EQ(back->statements[0].actions, s.actions);
  EXPECT_EQ(back->statements[0].resources, s.resources);
  ASSERT_EQ(back->statements[0].conditions.size(), 2u);
  EXPECT_EQ(back->statements[0].conditions[1].values, s.conditions[1].values);
}

TEST(PolicyReadDocument, Rejects) {
  struct Case {
    const char* json;
    const char* error;  // a part of the message
  };
  const Case cases[] = {
      {R"({"Statement":[)", "1:15: unexpected end of input"},
      {"", "expected a value"},
      {R"({"Statement":[]} {})", "a second JSON value"},
      {R"([{"Effect":"Deny"}])", "the policy is an array, not an object"},
      {R"({"Version":"2012-10-17"})", "the policy has no `Statement`"},
      {R"({"Version":"2012-10-17","Statement":[]})", "`Statement` is empty"},
      {R"({"Statement":3})", "`Statement` is a number, not an array of statements"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*"},{"Effect":"Deny","Principal":"*","Action":"*"}]})",
       "`Principal` in an SCP"},
      {R"({"Statement":[],"Extra":1})", "unknown policy element `Extra`"},
      {R"({"Statement":[{"Effect":"Deny","Principal":5,"Action":"*"}]})",
       "`Principal` is a number, not \"*\" or an object of principals"},
      {R"({"Statement":[{"Effect":"Deny","Principal":{},"Action":"*"}]})", "`Principal` is an empty object"},
      {R"({"Statement":[{"Effect":"Deny","Principal":{"Aws":"*"},"Action":"*"}]})",
       "unknown principal type `Aws` in `Principal`"},
      {R"({"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":[]},"Action":"*"}]})",
       "`AWS` of `NotPrincipal` is an empty array"},
      {R"({"Statement":[{"Effect":"Deny","Principal":{"AWS":["*",1]},"Action":"*"}]})",
       "a principal of `Principal` is a number, not a string"},
      {R"({"Statement":["x"]})", "a statement is a string, not an object"},
      {R"({"Statement":[{"Effect":"allow","Action":"*"}]})", "`allow` is not an effect"},
      {R"({"Statement":[{"Action":"*"}]})", "the statement has no `Effect`"},
      {R"({"Statement":[{"Effect":"Deny","Resource":"*"}]})", "neither `Action` nor `NotAction`"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","NotAction":"s3:*"}]})",
       "`Action` or `NotAction`, not both"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","NotResource":"*"}]})",
       "`Resource` or `NotResource`, not both"},
      {R"({"Statement":[{"Effect":"Deny","Action":5}]})",
       "`Action` is a number, not a string or an array of strings"},
      {R"({"Statement":[{"Effect":"Deny","Action":[]}]})", "`Action` is an empty array"},
      {R"({"Statement":[{"Effect":"Deny","Action":["s3:*",1]}]})",
       "a value of `Action` is a number"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Sid":1}]})", "`Sid` is a number"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Foo":1}]})",
       "unknown statement element `Foo`"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":[]}]})",
       "`Condition` is an array, not an object"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringFoo":{"k":"v"}}}]})",
       "unknown condition operator `StringFoo`"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"NullIfExists":{"k":"true"}}}]})",
       "unknown condition operator"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"stringEquals":{"k":"v"}}}]})",
       "unknown condition operator `stringEquals`"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringEquals":"v"}}]})",
       "not an object of condition keys"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringEquals":{"k":null}}}]})",
       "a value of `k` is null"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringEquals":{"k":[["v"]]}}}]})",
       "a value of `k` is an array"},
      {R"({"Statement":[{"Effect":"Deny","Action":"*","Condition":{"StringEquals":{"k":{"a":1}}}}]})",
       "a value of `k` is an object"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    std::string error;
    EXPECT_FALSE(readDocument(c.json, error).has_value());
    EXPECT_NE(error.find(c.error), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace rootpol::policy

namespace rootpol::policy {
namespace {

TEST(PolicyReadDocument, KeepsEveryElementWithItsSpan) {
  const std::string text =
      R"({"Version":"2012-10-17","Id":"p","Statement":[{"Sid":"R","Effect":"Deny",)"
      R"("Principal": {"AWS": ["arn:aws:iam::111122223333:root"]},"Action":"s3:*",)"
      R"("Condition":{"NumericLessThan":{"s3:max-keys":1.50},"Bool":{"aws:SecureTransport":true}}}]})";
  DiagnosticSink sink;
  std::optional<Document> doc = readDocument(text, 7, sink);
  ASSERT_TRUE(doc.has_value());
  EXPECT_TRUE(sink.diagnostics().empty());
  EXPECT_EQ(doc->id, "p");
  const Statement& s = doc->statements.at(0);
  ASSERT_TRUE(s.principal.has_value());
  EXPECT_EQ(s.principal->json, R"({"AWS":["arn:aws:iam::111122223333:root"]})");
  ASSERT_EQ(s.principal->values.size(), 1u);
  EXPECT_EQ(s.principal->values[0].type, "AWS");
  EXPECT_EQ(s.principal->values[0].text, "arn:aws:iam::111122223333:root");
  EXPECT_TRUE(s.resources.empty());  // absent
  auto at = [&](Span span) { return text.substr(span.begin, span.end - span.begin); };
  EXPECT_EQ(at(s.principal->values[0].span), "\"arn:aws:iam::111122223333:root\"");
  EXPECT_EQ(at(s.principal->valueSpan), R"({"AWS": ["arn:aws:iam::111122223333:root"]})");
  EXPECT_EQ(at(s.sidSpan), "\"R\"");
  EXPECT_EQ(at(s.effectSpan), "\"Deny\"");
  EXPECT_EQ(at(s.actionSpans.at(0)), "\"s3:*\"");
  ASSERT_EQ(s.conditions.size(), 2u);
  const ConditionEntry& n = s.conditions[0];
  EXPECT_EQ(n.span.file, 7u);
  EXPECT_EQ(at(n.opSpan), "\"NumericLessThan\"");
  EXPECT_EQ(at(n.keySpan), "\"s3:max-keys\"");
  EXPECT_EQ(at(n.valueSpans.at(0)), "1.50");
  EXPECT_TRUE(n.literal(0));
  EXPECT_EQ(n.oper()->base, BaseOperator::NumericLessThan);
  // Written back canonically: literals as written, Principal kept, Resource still absent.
  EXPECT_EQ(
      toJson(*doc),
      R"({"Version":"2012-10-17","Id":"p","Statement":[{"Sid":"R","Effect":"Deny",)"
      R"("Principal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"s3:*",)"
      R"("Condition":{"NumericLessThan":{"s3:max-keys":1.50},"Bool":{"aws:SecureTransport":true}}}]})");
}

TEST(PolicyReadDocument, ReportsWithLintCodesAndALaterKeyWins) {
  DiagnosticSink sink;
  EXPECT_FALSE(readDocument(R"({"Statement":[{"Effect":"Permit","Action":"*"}]})", 1, sink));
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  EXPECT_EQ(sink.diagnostics()[0].code, DiagCode::RP4011);
  std::string error;
  auto doc =
      readDocument(R"({"Statement":[{"Effect":"Deny","Action":"a:b","Action":"c:d"}]})", error);
  ASSERT_TRUE(doc.has_value()) << error;
  EXPECT_EQ(doc->statements[0].actions, std::vector<std::string>{"c:d"});
}

}  // namespace
}  // namespace rootpol::policy
