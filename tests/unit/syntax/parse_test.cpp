// The parser's guards (file size, nesting) and string decoding.
#include "syntax/parse.h"

#include <gtest/gtest.h>

#include "syntax/string_literal.h"

namespace rootpol::syntax {
namespace {

std::vector<Diagnostic> parseText(const std::string& text, const ParseLimits& limits = {}) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("t.rootpol", text);
  auto module = parse(sources.file(id), sink, limits);
  EXPECT_NE(module, nullptr);
  return sink.sorted();
}

TEST(ParseLimits, InputTooLarge) {
  auto d = parseText("policy p { deny iam:CreateUser }\n", ParseLimits{10, 64});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, DiagCode::RP0008);
  EXPECT_EQ(d[0].message, "file is 33 bytes, more than the limit of 10");
  EXPECT_TRUE(parseText("policy p { deny iam:CreateUser }\n", ParseLimits{33, 64}).empty());
}

TEST(ParseLimits, NestingTooDeep) {
  auto nested = [](int depth) {
    return "policy p { deny * when " + std::string(depth, '(') + "mfa" + std::string(depth, ')') + " }";
  };
  // The policy's braces count as one level.
  EXPECT_TRUE(parseText(nested(63)).empty());
  auto d = parseText(nested(64));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, DiagCode::RP0007);
  auto nots = parseText("policy p { deny * when " + [] {
    std::string s;
    for (int i = 0; i < 80; ++i) s += "not ";
    return s;
  }() + "mfa }");
  ASSERT_EQ(nots.size(), 1u);
  EXPECT_EQ(nots[0].code, DiagCode::RP0007);
  EXPECT_TRUE(parseText(nested(5), ParseLimits{1 << 20, 6}).empty());
  EXPECT_EQ(parseText(nested(6), ParseLimits{1 << 20, 6}).at(0).code, DiagCode::RP0007);
}

TEST(ParseModule, DeclarationsAreKept) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("m.rootpol",
                          "import \"x.rootpol\"\nlet a = [\"1\"]\npolicy p { deny * }\norganization o {}\n"
                          "/* closed */ attach p to root\ndetach FullAWSAccess from root\n"
                          "control CT.MULTISERVICE.PV.1 on ou A with { AllowedRegions: [\"eu-west-1\"] }\n"
                          "test \"t\" { request root does s3:GetObject expect deny by p }\n");
  auto m = parse(sources.file(id), sink);
  EXPECT_FALSE(sink.hasErrors());
  EXPECT_EQ(m->file, id);
  ASSERT_EQ(m->imports.size(), 1u);
  EXPECT_EQ(m->imports[0].path, "x.rootpol");
  ASSERT_EQ(m->lets.size(), 1u);
  ASSERT_EQ(m->policies.size(), 1u);
  ASSERT_EQ(m->organizations.size(), 1u);
  EXPECT_EQ(m->organizations[0].name, "o");
  ASSERT_EQ(m->attaches.size(), 1u);
  EXPECT_EQ(m->attaches[0].targets.at(0).kind, ast::TargetRef::Kind::Root);
  ASSERT_EQ(m->detaches.size(), 1u);
  ASSERT_EQ(m->controls.size(), 1u);
  EXPECT_EQ(m->controls[0].id, "CT.MULTISERVICE.PV.1");
  ASSERT_EQ(m->controls[0].params.size(), 1u);
  EXPECT_EQ(m->controls[0].params[0].name, "AllowedRegions");
  ASSERT_EQ(m->tests.size(), 1u);
  EXPECT_EQ(m->tests[0].name, "t");
}

TEST(ParseModule, ErrorsGiveAnEmptyModule) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("e.rootpol", "policy p { deny * }\npolicy q {\n");
  auto m = parse(sources.file(id), sink);
  EXPECT_TRUE(sink.hasErrors());
  EXPECT_TRUE(m->policies.empty());
}

TEST(StringLiteral, Decode) {
  struct Row {
    const char* token;
    const char* value;
    std::optional<std::size_t> badEscape;
  };
  const Row rows[] = {
      {R"("")", "", std::nullopt},
      {R"("abc")", "abc", std::nullopt},
      {R"("a\"b")", "a\"b", std::nullopt},
      {R"("a\\b")", "a\\b", std::nullopt},
      {R"("\\\"")", "\\\"", std::nullopt},
      {R"("C:\Users")", "C:sers", 3},
      {R"("\n\t")", "", 1},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.token);
    DecodedString d = decodeString(r.token);
    EXPECT_EQ(d.value, r.value);
    EXPECT_EQ(d.badEscape, r.badEscape);
  }
}

}  // namespace
}  // namespace rootpol::syntax
