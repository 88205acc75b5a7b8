#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "policy/policy_file.h"
#include "policy/read_document.h"

// readPolicyFile: one file's text as a named document (plain or describe-policy), its kind,
// and readPolicy's lenient reading with lint's texts.
namespace rootpol::policy {
namespace {

std::vector<DiagCode> codes(const DiagnosticSink& sink) {
  std::vector<DiagCode> out;
  for (const Diagnostic& d : sink.sorted()) out.push_back(d.code);
  return out;
}

TEST(PolicyFile, PlainDocumentIsNamedAfterTheFileStem) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId file = sources.add("dir/Deny-Regions.JSON",
                            R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*"}]})");
  PolicyFile read = readPolicyFile(file, sources, sink);
  EXPECT_TRUE(sink.diagnostics().empty());
  EXPECT_EQ(read.name, "Deny-Regions");
  EXPECT_FALSE(read.describedName.has_value());
  EXPECT_FALSE(read.type.has_value());
  EXPECT_EQ(read.file, file);
  EXPECT_EQ(read.kind, PolicyKind::Scp);
  EXPECT_FALSE(read.errors);
  ASSERT_TRUE(read.document.has_value());
  EXPECT_EQ(read.document->statements.at(0).actions, std::vector<std::string>{"s3:*"});
}

TEST(PolicyFile, DescribePolicyContentKeepsPositionsInTheContent) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId file = sources.add(
      "p.json",
      R"({"Policy": {"PolicySummary": {"Name": "guard", "Type": "SERVICE_CONTROL_POLICY"},)"
      R"( "Content": "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Bad\":1}]}"}})");
  PolicyFile read = readPolicyFile(file, sources, sink);
  EXPECT_EQ(read.name, "guard");
  EXPECT_EQ(read.describedName, "guard");
  EXPECT_EQ(read.type, "SERVICE_CONTROL_POLICY");
  ASSERT_NE(read.file, file);
  EXPECT_EQ(sources.file(read.file).path(), "p.json (Policy.Content)");
  EXPECT_TRUE(read.errors);
  ASSERT_EQ(codes(sink), std::vector<DiagCode>{DiagCode::RP4005});
  const Diagnostic& d = sink.diagnostics().front();
  EXPECT_EQ(d.span->file, read.file);
  const std::string& content = sources.file(read.file).text();
  EXPECT_EQ(content.substr(d.span->begin, d.span->end - d.span->begin), "\"Bad\"");
  // Lenient: the statement is still there for lint.
  ASSERT_TRUE(read.document.has_value());
  EXPECT_EQ(read.document->statements.size(), 1u);
}

TEST(PolicyFile, OtherTypesAreLeftToTheCaller) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId file = sources.add("t.json", R"({"Policy": {"PolicySummary": {"Name": "tags", "Type": "TAG_POLICY"}, "Content": "{}"}})");
  PolicyFile read = readPolicyFile(file, sources, sink);
  EXPECT_TRUE(sink.diagnostics().empty());  // the Content was not read
  EXPECT_EQ(read.type, "TAG_POLICY");
  EXPECT_FALSE(read.document.has_value());
  EXPECT_FALSE(read.errors);
  PolicyFileOptions both;
  both.readTypes = {"TAG_POLICY"};
  PolicyFile asked = readPolicyFile(file, sources, sink, both);
  EXPECT_TRUE(asked.errors);  // `{}` has no Statement
  EXPECT_EQ(codes(sink), std::vector<DiagCode>{DiagCode::RP4017});
}

TEST(PolicyFile, ContentThatIsNotAString) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId file = sources.add("c.json", R"({"Policy": {"PolicySummary": {"Name": "x"}, "Content": 3}})");
  PolicyFile read = readPolicyFile(file, sources, sink);
  EXPECT_TRUE(read.errors);
  ASSERT_EQ(codes(sink), std::vector<DiagCode>{DiagCode::RP4006});
  EXPECT_EQ(sink.diagnostics().front().message, "`Policy.Content` is not a string");
}

PolicyKind kindOf(const std::string& json, DiagnosticSink& sink) {
  return readPolicy(json, 1, sink).kind;
}

TEST(PolicyKinds, ScpRcpAndOthers) {
  DiagnosticSink sink;
  EXPECT_EQ(kindOf(R"({"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]})", sink), PolicyKind::Scp);
  // FullAWSAccess: an allow on every resource stays an SCP.
  EXPECT_EQ(kindOf(R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})", sink), PolicyKind::Scp);
  EXPECT_EQ(kindOf(R"({"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*"},)"
                   R"({"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:*"}]})",
                   sink),
            PolicyKind::Rcp);
  // A principal other than everyone, or an allow: a resource-based policy.
  EXPECT_EQ(kindOf(R"({"Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"s3:*"}]})", sink),
            PolicyKind::Other);
  // Identity policy: every statement allows, some on specific resources.
  EXPECT_EQ(kindOf(R"({"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]})", sink),
            PolicyKind::Other);
  EXPECT_TRUE(sink.diagnostics().empty());
  // Only some statements name a principal: an SCP with a mistake (RP4004).
  EXPECT_EQ(kindOf(R"({"Statement":[{"Effect":"Deny","Action":"*"},{"Effect":"Deny","NotPrincipal":"*","Action":"*"}]})", sink),
            PolicyKind::Scp);
  ASSERT_EQ(codes(sink), std::vector<DiagCode>{DiagCode::RP4004});
  EXPECT_EQ(sink.diagnostics().front().message, "`NotPrincipal` in an SCP");
}

TEST(PolicyKinds, DeclarativePolicies) {
  DiagnosticSink sink;
  ReadResult read = readPolicy(R"({"tags": {"costcenter": {"tag_key": {"@@assign": "CostCenter"}}}})", 1, sink);
  EXPECT_TRUE(read.declarative);
  EXPECT_EQ(read.kind, PolicyKind::Other);
  EXPECT_FALSE(read.errors);
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(PolicyReadLenient, KeepsUsableStatementsAndLintTexts) {
  DiagnosticSink sink;
  ReadOptions options;
  options.suggest = [](std::string_view word, const std::vector<std::string>& candidates) -> std::optional<std::string> {
    if (word == "Efect") return std::string("Effect");
    EXPECT_FALSE(candidates.empty());
    return std::nullopt;
  };
  ReadResult read = readPolicy(R"({"Statement":[{"Effect":"deny","Action":["s3:*",1]},)"
                               R"({"Efect":"Deny","Action":"*"},{"Effect":"Deny","Action":"*","NotAction":"s3:*"}]})",
                               1, sink, options);
  EXPECT_TRUE(read.errors);
  ASSERT_TRUE(read.document.has_value());
  // The statement without an Effect is left out; the other two are kept.
  ASSERT_EQ(read.document->statements.size(), 2u);
  EXPECT_EQ(read.document->statements[0].actions, std::vector<std::string>{"s3:*"});
  EXPECT_EQ(read.facts.size(), 3u);
  std::vector<std::string> texts;
  for (const Diagnostic& d : sink.sorted()) texts.push_back(d.message + " | " + d.help.value_or(""));
  EXPECT_EQ(texts, (std::vector<std::string>{
                       "`deny` is not an effect | write `Deny`: the effect is case-sensitive",
                       "a value of `Action` is a number, not a string | ",
                       "the statement has no `Effect` | add `\"Effect\": \"Deny\"` or `\"Effect\": \"Allow\"`",
                       "unknown statement element `Efect` | did you mean `Effect`?",
                       "a statement has `Action` or `NotAction`, not both | split it into two statements",
                   }));
}

}  // namespace
}  // namespace rootpol::policy
