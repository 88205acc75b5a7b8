// Raw IAM operators (`KEY "OPERATOR" VALUES`) decide like the IAM entry as written: a rule
// `deny s3:GetObject when K "OP" V` compiles to a statement the evaluator decides exactly as a
// hand-written statement with the entry `{"OP": {K: V}}`, and `unless` gives the exact
// complement, on requests with the key matching, not matching and absent.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eval/evaluator.h"
#include "lower/lower.h"
#include "policy/document.h"
#include "sema/checker.h"
#include "sema/key_table.h"
#include "stdlib_files.h"
#include "syntax/parse.h"

namespace rootpol {
namespace {

struct Compiled {
  policy::Document document;
  std::vector<Diagnostic> diagnostics;
};

Compiled compileRule(const std::string& rule) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("raw.rootpol", "policy raw {\n  " + rule + "\n}\n");
  auto module = syntax::parse(sources.file(id), sink);
  std::string error;
  auto keys = sema::KeyTable::fromJson(*stdlib::embeddedFile("keys.json"), error);
  EXPECT_TRUE(keys.has_value()) << error;
  Compiled out;
  if (!sink.hasErrors() && keys) sema::checkProgram({module.get()}, *keys, sink);
  if (!sink.hasErrors()) out.document = lower::lowerPolicy(module->policies.at(0), sink);
  // `strict` (which keeps the network guard out of the comparison) warns on other keys: only
  // errors matter here.
  for (const Diagnostic& d : sink.sorted()) {
    if (d.severity == Severity::Error) out.diagnostics.push_back(d);
  }
  return out;
}

// The statement written by hand: deny s3:GetObject on * when the one entry holds.
policy::Document written(const std::string& op, const std::string& key, std::vector<std::string> values) {
  policy::Statement s;
  s.actions = {"s3:GetObject"};
  s.resources = {"*"};
  s.conditions.push_back(policy::ConditionEntry(op, key, std::move(values)));
  policy::Document doc;
  doc.statements.push_back(std::move(s));
  return doc;
}

bool denies(const policy::Document& doc, const std::string& key, const std::vector<std::string>* value) {
  eval::Request r{"arn:aws:iam::111122223333:role/Dev", "s3:GetObject", "*", {}};
  // Keys every request carries (the raw test may be on one of them).
  if (key != "aws:ViaAWSService") r.context.push_back({"aws:ViaAWSService", {"false"}});
  if (value != nullptr) r.context.push_back({key, *value});
  return eval::evaluateDocument(doc, r).decision == eval::Decision::ExplicitDeny;
}

struct Case {
  std::string key;       // as written in the program (a raw key in quotes, or a friendly one)
  std::string awsKey;
  std::string op;
  std::string values;    // as written in the program
  std::vector<std::string> jsonValues;
  std::vector<std::vector<std::string>> requests;  // present values to try (absent is always tried)
};

class RawOperator : public ::testing::TestWithParam<Case> {};

TEST_P(RawOperator, DecidesLikeTheWrittenEntryAndUnlessIsItsComplement) {
  const Case& c = GetParam();
  const std::string test = c.key + " \"" + c.op + "\" " + c.values;
  Compiled when = compileRule("deny s3:GetObject when " + test + " strict");
  ASSERT_TRUE(when.diagnostics.empty()) << when.diagnostics.front().message;
  Compiled unless = compileRule("deny s3:GetObject unless " + test + " strict");
  ASSERT_TRUE(unless.diagnostics.empty()) << unless.diagnostics.front().message;
  const policy::Document hand = written(c.op, c.awsKey, c.jsonValues);
  std::vector<const std::vector<std::string>*> requests{nullptr};
  for (const auto& v : c.requests) requests.push_back(&v);
  for (const auto* value : requests) {
    const std::string what = value == nullptr ? "absent" : "[" + (value->empty() ? "" : value->front()) + "...]";
    const bool expected = denies(hand, c.awsKey, value);
    EXPECT_EQ(denies(when.document, c.awsKey, value), expected) << test << " on " << what;
    EXPECT_EQ(denies(unless.document, c.awsKey, value), !expected) << "unless " << test << " on " << what;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Operators, RawOperator,
    ::testing::Values(
        Case{"\"aws:SourceVpc\"", "aws:SourceVpc", "StringNotEqualsIfExists", "[\"vpc-1\", \"vpc-2\"]",
             {"vpc-1", "vpc-2"}, {{"vpc-1"}, {"vpc-9"}}},
        Case{"principal", "aws:PrincipalArn", "StringLike", "\"arn:aws:iam::*:role/X*\"", {"arn:aws:iam::*:role/X*"},
             {{"arn:aws:iam::1:role/Xa"}, {"arn:aws:iam::1:role/Y"}}},
        Case{"mfa_age", "aws:MultiFactorAuthAge", "NumericGreaterThan", "3600", {"3600"}, {{"3601"}, {"3600"}, {"5"}}},
        Case{"mfa_age", "aws:MultiFactorAuthAge", "NumericLessThanIfExists", "900", {"900"}, {{"899"}, {"900"}}},
        Case{"mfa", "aws:MultiFactorAuthPresent", "Bool", "true", {"true"}, {{"true"}, {"false"}}},
        Case{"\"aws:SourceIp\"", "aws:SourceIp", "IpAddress", "[\"10.0.0.0/8\"]", {"10.0.0.0/8"},
             {{"10.1.2.3"}, {"192.0.2.1"}}},
        Case{"tag_keys", "aws:TagKeys", "ForAnyValue:StringEquals", "[\"a\", \"b\"]", {"a", "b"},
             {{"a", "z"}, {"z"}, {}}},
        Case{"tag_keys", "aws:TagKeys", "ForAllValues:StringLike", "\"team-*\"", {"team-*"},
             {{"team-a", "team-b"}, {"team-a", "x"}, {}}},
        Case{"\"aws:PrincipalTag/team\"", "aws:PrincipalTag/team", "Null", "false", {"false"}, {{"platform"}}}),
    [](const ::testing::TestParamInfo<Case>& info) {
      std::string name = info.param.op + "_" + std::to_string(info.index);
      for (char& ch : name) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
      return name;
    });

TEST(RawOperatorErrors, NoNegationIsReportedAtTheAtom) {
  Compiled c = compileRule("deny * unless \"aws:SourceVpc\" \"StringEqualsIfExists\" [\"vpc-1\"]");
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].code, DiagCode::RP2009);
  EXPECT_TRUE(c.document.statements.empty());
}

TEST(RawOperatorErrors, UnknownOperatorSuggestsIamsSpelling) {
  Compiled c = compileRule("deny * when mfa_age \"numericgreaterthan\" 5");
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].code, DiagCode::RP1032);
  EXPECT_EQ(c.diagnostics[0].help.value_or(""), "did you mean `NumericGreaterThan`?");
}

TEST(RawOperatorErrors, ValuesAreKeptAsWritten) {
  Compiled c = compileRule("deny * when \"aws:PrincipalTag/n\" \"StringEquals\" [0042, true, \"x\"]");
  ASSERT_TRUE(c.diagnostics.empty());
  ASSERT_EQ(c.document.statements.size(), 1u);
  EXPECT_EQ(c.document.statements[0].conditions.at(0).values, (std::vector<std::string>{"0042", "true", "x"}));
}

}  // namespace
}  // namespace rootpol
