#include "lint/rule_runner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "catalog/catalog.h"
#include "lint/json_policy.h"

namespace rootpol::lint {
namespace {

std::string describe(const Diagnostic& d) {
  std::string out = std::string(diagInfo(d.code).code) + " " + d.message;
  if (d.span) out += " @" + std::to_string(d.span->file) + ":" + std::to_string(d.span->begin) + "-" + std::to_string(d.span->end);
  for (const Label& l : d.labels) out += " label:" + l.message;
  for (const std::string& n : d.notes) out += " note:" + n;
  if (d.help) out += " help:" + *d.help;
  return out;
}

std::vector<std::string> describeAll(const std::vector<Diagnostic>& all) {
  std::vector<std::string> out;
  for (const Diagnostic& d : all) out.push_back(describe(d));
  return out;
}

// A rule whose check takes long: run on several threads, its findings come last unless they
// are joined in rule order.
void slowCheck(const LintDocument& document, LintContext& context) {
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  context.sink.report(DiagCode::RP4101, document.span, "slow " + document.name);
}
void slowProgram(LintContext& context) {
  context.sink.report(DiagCode::RP4101, std::nullopt, "slow program of " + std::to_string(context.documents.size()));
}
void fastCheck(const LintDocument& document, LintContext& context) {
  context.sink.report(DiagCode::RP4102, document.span, "fast " + document.name);
  context.sink.report(DiagCode::RP4102, document.span, "fast again " + document.name);
}

TEST(RunRules, FindingsComeInRuleOrderWhateverFinishesFirst) {
  std::vector<LintDocument> documents(3);
  for (std::size_t i = 0; i < documents.size(); ++i) documents[i].name = "d" + std::to_string(i);
  const std::vector<LintRule> rules = {{DiagCode::RP4101, "", slowCheck, slowProgram},
                                       {DiagCode::RP4102, "", fastCheck, nullptr}};
  const std::vector<std::string> expected = {
      "RP4101 slow d0", "RP4101 slow d1", "RP4101 slow d2", "RP4101 slow program of 3",
      "RP4102 fast d0", "RP4102 fast again d0", "RP4102 fast d1", "RP4102 fast again d1",
      "RP4102 fast d2", "RP4102 fast again d2"};
  RuleInputs inputs{documents, catalog::Catalog::builtin()};
  for (unsigned threads : {1u, 2u, 4u, 16u}) {
    std::vector<std::string> got;
    for (const Diagnostic& d : runRules(rules, inputs, threads)) got.push_back(std::string(diagInfo(d.code).code) + " " + d.message);
    EXPECT_EQ(got, expected) << threads << " threads";
  }
}

// The order the checks ran in, one thread: costly checks first, then the others in rule order.
std::vector<std::string> ran;
void firstCheck(const LintDocument& document, LintContext& context) {
  ran.push_back("first " + document.name);
  context.sink.report(DiagCode::RP4102, document.span, "first");
}
void costlyCheck(const LintDocument& document, LintContext& context) {
  ran.push_back("costly " + document.name);
  context.sink.report(DiagCode::RP4101, document.span, "costly");
}

TEST(RunRules, CostlyChecksStartFirstAndReportInRuleOrder) {
  std::vector<LintDocument> documents(2);
  documents[0].name = "a";
  documents[1].name = "b";
  const std::vector<LintRule> rules = {{DiagCode::RP4102, "", firstCheck, nullptr},
                                       {DiagCode::RP4101, "", costlyCheck, nullptr, /*costly=*/true}};
  RuleInputs inputs{documents, catalog::Catalog::builtin()};
  ran.clear();
  std::vector<std::string> got;
  for (const Diagnostic& d : runRules(rules, inputs, 1)) got.push_back(d.message);
  EXPECT_EQ(ran, (std::vector<std::string>{"costly a", "costly b", "first a", "first b"}));
  EXPECT_EQ(got, (std::vector<std::string>{"first", "first", "costly", "costly"}));
}

// The two costly rules of the real set: a statement compared with others, and ARNs with the
// catalog's formats.
TEST(RunRules, TheRedundancyAndArnRulesAreTheCostlyOnes) {
  std::set<DiagCode> costly;
  for (const LintRule& rule : lintRules()) {
    if (rule.costly) costly.insert(rule.code);
  }
  EXPECT_EQ(costly, (std::set<DiagCode>{DiagCode::RP4022, DiagCode::RP4101}));
}

// A document with many kinds of defect, so that most rules have something to say.
std::string defectiveDocument(int statements) {
  std::string json = "{\"Version\":\"2012-10-17\",\"Statement\":[";
  for (int i = 0; i < statements; ++i) {
    std::string n = std::to_string(i % 37);
    if (i > 0) json += ",\n";
    switch (i % 6) {
      case 0:
        json += "{\"Sid\":\"S" + n + "\",\"Effect\":\"Deny\",\"Action\":[\"s3:GetObject\",\"s3:getobject\"],"
                "\"Resource\":\"arn:aws:s3:::bucket-" + n + "/*\",\"Condition\":{\"StringEquals\":{\"aws:TagKeys\":\"a\"}}}";
        break;
      case 1:
        json += "{\"Effect\":\"Deny\",\"Action\":\"s3:*Object\",\"Resource\":\"arn:aws:s3:audit-logs-" + n + "\"}";
        break;
      case 2:
        json += "{\"Effect\":\"Deny\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"*\",\"Condition\":"
                "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-13-45\"},\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}";
        break;
      case 3:
        json += "{\"Effect\":\"Deny\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":"
                "{\"StringNotEquals\":{\"s3:x-amz-server-side-encryption\":\"AES256\"},\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.1/8\"}}}";
        break;
      case 4:
        json += "{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}";
        break;
      default:
        json += "{\"Effect\":\"Deny\",\"Action\":[\"sts:AssumeRole\",\"sts:*\"],\"Resource\":\"*\","
                "\"Condition\":{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/x-" + n + "\"}}}";
    }
  }
  return json + "]}\n";
}

TEST(RunRules, EveryRuleOnManyThreadsFindsWhatOneThreadFinds) {
  SourceManager sources;
  DiagnosticSink sink;
  const catalog::Catalog& catalog = catalog::Catalog::builtin();
  std::vector<LintDocument> documents;
  for (int file = 0; file < 3; ++file) {
    FileId id = sources.add("p" + std::to_string(file) + ".json", defectiveDocument(120 + 60 * file));
    auto doc = readPolicyFile(sources.file(id), catalog, sink, "", DeclaredKind::Scp);
    ASSERT_TRUE(doc);
    documents.push_back(std::move(*doc));
  }
  RuleInputs inputs{documents, catalog, 5120, false, 5120};
  const std::vector<std::string> one = describeAll(runRules(lintRules(), inputs, 1));
  std::set<DiagCode> codes;
  for (const Diagnostic& d : runRules(lintRules(), inputs, 1)) codes.insert(d.code);
  ASSERT_GE(one.size(), 300u);
  ASSERT_GE(codes.size(), 8u);  // the comparison below covers many rules
  for (unsigned threads : {2u, 3u, 8u}) {
    for (int round = 0; round < 3; ++round) {
      EXPECT_EQ(describeAll(runRules(lintRules(), inputs, threads)), one) << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace rootpol::lint
