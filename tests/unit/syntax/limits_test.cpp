// Hostile and huge inputs: every stage must stop with a diagnostic or finish, never crash,
// overflow the stack or take exponential time. The inputs are generated here (a committed
// file of several megabytes is not worth keeping); the small ones live in tests/golden/limits/.
// Times are printed, not asserted: they depend on the machine and on sanitizers.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "base/render.h"
#include "lower/lower.h"
#include "policy/document.h"
#include "sema/checker.h"
#include "sema/key_table.h"
#include "stdlib_files.h"
#include "syntax/parse.h"

namespace rootpol {
namespace {

struct Outcome {
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> json;  // one per policy, when the program checked clean
  std::vector<std::size_t> statements;
  double seconds = 0;

  bool has(DiagCode code) const {
    for (const Diagnostic& d : diagnostics) {
      if (d.code == code) return true;
    }
    return false;
  }
  std::string codes() const {
    std::string out;
    for (const Diagnostic& d : diagnostics) out += std::string(diagInfo(d.code).code) + " " + d.message + "\n";
    return out;
  }
};

// The in-process pipeline the driver runs on one file: parse, check, lower, write JSON.
Outcome compile(const std::string& text, const std::string& what) {
  auto start = std::chrono::steady_clock::now();
  Outcome outcome;
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("limits.rootpol", text);
  auto module = syntax::parse(sources.file(id), sink);
  if (!sink.hasErrors()) {
    std::string error;
    auto keys = sema::KeyTable::fromJson(*stdlib::embeddedFile("keys.json"), error);
    EXPECT_TRUE(keys.has_value()) << error;
    if (keys) sema::checkProgram({module.get()}, *keys, sink);
  }
  if (!sink.hasErrors()) {
    for (const ast::Policy& policy : module->policies) {
      policy::Document doc = lower::lowerPolicy(policy, sink);
      outcome.statements.push_back(doc.statements.size());
      outcome.json.push_back(policy::toJson(doc));
    }
  }
  outcome.diagnostics = sink.sorted();
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[limits] " << what << ": " << text.size() << " bytes in " << outcome.seconds << " s\n";
  return outcome;
}

// "a <sep> b <sep> c ..." with `count` items made by `item(i)`.
template <typename Item>
std::string joined(std::size_t count, const std::string& separator, Item item) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += separator;
    out += item(i);
  }
  return out;
}

TEST(InputLimits, HundredThousandAndedAtomsOnOneKey) {
  // Distinct atoms on one key: lowering folds them into one StringNotEquals entry.
  std::string text = "policy p {\n  deny * when " +
                     joined(100'000, " and ", [](std::size_t i) { return "principal_type != \"t" + std::to_string(i) + "\""; }) +
                     "\n}\n";
  Outcome o = compile(text, "100000 and-ed atoms on one key");
  EXPECT_TRUE(o.diagnostics.empty()) << o.codes();
  ASSERT_EQ(o.statements, std::vector<std::size_t>{1});
  EXPECT_NE(o.json[0].find("\"t99999\""), std::string::npos);
}

TEST(InputLimits, HundredThousandAndedAtomsOnDistinctKeys) {
  // One condition entry each.
  std::string text = "policy p {\n  deny * when " +
                     joined(100'000, " and ", [](std::size_t i) { return "principal_tag(\"k" + std::to_string(i) + "\") == \"v\""; }) +
                     "\n}\n";
  Outcome o = compile(text, "100000 and-ed atoms on distinct keys");
  EXPECT_TRUE(o.diagnostics.empty()) << o.codes();
  ASSERT_EQ(o.statements, std::vector<std::size_t>{1});
  EXPECT_NE(o.json[0].find("aws:PrincipalTag/k99999"), std::string::npos);
}

TEST(InputLimits, HundredThousandCopiesOfOneAtom) {
  std::string text = "policy p {\n  deny * when " + joined(100'000, " and ", [](std::size_t) { return "mfa"; }) + "\n}\n";
  Outcome o = compile(text, "100000 copies of one atom");
  EXPECT_TRUE(o.diagnostics.empty()) << o.codes();
  ASSERT_EQ(o.json.size(), 1u);
  EXPECT_NE(o.json[0].find("\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}"), std::string::npos);
}

TEST(InputLimits, HundredThousandWhenClauses) {
  std::string text = "policy p {\n  deny *\n" + joined(100'000, "\n", [](std::size_t i) {
                       return "    when principal_tag(\"k" + std::to_string(i) + "\") == \"v\"";
                     }) + "\n}\n";
  Outcome o = compile(text, "100000 when clauses");
  EXPECT_TRUE(o.diagnostics.empty()) << o.codes();
  EXPECT_EQ(o.statements, std::vector<std::size_t>{1});
}

TEST(InputLimits, HundredThousandOredAtomsStopAtTheStatementLimit) {
  std::string text = "policy p {\n  deny * when " +
                     joined(100'000, " or ", [](std::size_t i) { return "principal_tag(\"k" + std::to_string(i) + "\") == \"v\""; }) +
                     "\n}\n";
  Outcome o = compile(text, "100000 or-ed atoms");
  EXPECT_TRUE(o.has(DiagCode::RP2003)) << o.codes();
}

TEST(InputLimits, SixtyAlternativesTimesALongChain) {
  // 60 statements of 3,001 tests each: every lowering step must stay linear in the
  // conjunctions' length (joining alternatives compared every pair literal by literal).
  std::string text = "policy p {\n  deny * when (" +
                     joined(60, " or ", [](std::size_t i) { return "principal_tag(\"o" + std::to_string(i) + "\") == \"v\""; }) +
                     ") and " +
                     joined(3'000, " and ", [](std::size_t i) { return "principal_tag(\"t" + std::to_string(i) + "\") == \"v\""; }) +
                     "\n}\n";
  Outcome o = compile(text, "60 alternatives and 3000 atoms");
  EXPECT_TRUE(o.diagnostics.empty()) << o.codes();
  EXPECT_EQ(o.statements, std::vector<std::size_t>{60});
}

TEST(InputLimits, TwoHundredThousandElementSet) {
  std::string values = "[" + joined(200'000, ", ", [](std::size_t i) { return "\"v" + std::to_string(i) + "\""; }) + "]";
  Outcome o = compile("let big: [string] = " + values + "\npolicy p {\n  deny * when principal_type in big\n}\n",
                      "200000-element set in a condition");
  EXPECT_TRUE(o.diagnostics.empty()) << o.codes();
  ASSERT_EQ(o.json.size(), 1u);
  EXPECT_NE(o.json[0].find("\"v199999\""), std::string::npos);
}

TEST(InputLimits, TwoHundredThousandElementActionList) {
  // Real actions (the catalog rejects made-up ones), repeated: the statement lists each once.
  static const char* const kActions[] = {"iam:GetUser", "iam:GetRole", "iam:ListUsers", "iam:CreateUser",
                                         "iam:DeleteUser", "iam:PutRolePolicy", "iam:CreateAccessKey", "s3:GetObject"};
  std::string actions = "[" + joined(200'000, ", ", [](std::size_t i) { return std::string(kActions[i % 8]); }) + "]";
  Outcome o = compile("policy p {\n  deny " + actions + "\n}\n", "200000-element action list");
  EXPECT_TRUE(o.diagnostics.empty()) << o.codes();
  ASSERT_EQ(o.json.size(), 1u);
  EXPECT_EQ(o.json[0],
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"P1\",\"Effect\":\"Deny\",\"Action\":["
            "\"iam:GetUser\",\"iam:GetRole\",\"iam:ListUsers\",\"iam:CreateUser\",\"iam:DeleteUser\","
            "\"iam:PutRolePolicy\",\"iam:CreateAccessKey\",\"s3:GetObject\"],\"Resource\":\"*\"}]}");
}

TEST(InputLimits, FileOverTheSizeLimit) {
  const std::size_t limit = syntax::ParseLimits{}.maxFileBytes;
  std::string text = "policy p { deny * }\n";
  text += "//" + std::string(limit - text.size() - 3, 'x') + "\n";
  ASSERT_EQ(text.size(), limit);
  Outcome o = compile(text, "file at the size limit");
  EXPECT_FALSE(o.has(DiagCode::RP0008)) << o.codes();
  o = compile(text + " ", "file one byte over the size limit");
  ASSERT_EQ(o.diagnostics.size(), 1u) << o.codes();
  EXPECT_EQ(o.diagnostics[0].code, DiagCode::RP0008);
}

TEST(InputLimits, DeepNestingIsRejectedNotRecursedInto) {
  // Far past the limit: the check runs on the token stream, before any recursion.
  const int depth = 100'000;
  Outcome parens = compile("policy p { deny * when " + std::string(depth, '(') + "mfa" + std::string(depth, ')') + " }",
                           "100000 nested parentheses");
  ASSERT_EQ(parens.diagnostics.size(), 1u) << parens.codes();
  EXPECT_EQ(parens.diagnostics[0].code, DiagCode::RP0007);
  std::string nots;
  for (int i = 0; i < depth; ++i) nots += "not ";
  Outcome notRun = compile("policy p { deny * when " + nots + "mfa }", "100000 nested `not`");
  ASSERT_EQ(notRun.diagnostics.size(), 1u) << notRun.codes();
  EXPECT_EQ(notRun.diagnostics[0].code, DiagCode::RP0007);
  Outcome lists = compile("let x = " + std::string(depth, '[') + "\"v\"" + std::string(depth, ']'), "100000 nested lists");
  ASSERT_EQ(lists.diagnostics.size(), 1u) << lists.codes();
  EXPECT_EQ(lists.diagnostics[0].code, DiagCode::RP0007);
}

TEST(InputLimits, DisjunctiveNormalFormStopsEarly) {
  // (a or b) and (c or d) and ... thirty times is 2^30 conjunctions: stop at 64 statements.
  std::string text = "policy p {\n  deny * when " + joined(30, " and ", [](std::size_t i) {
                       std::string n = std::to_string(i);
                       return "(principal_tag(\"a" + n + "\") == \"x\" or principal_tag(\"b" + n + "\") == \"y\")";
                     }) + "\n}\n";
  Outcome o = compile(text, "30 and-ed (a or b)");
  ASSERT_EQ(o.diagnostics.size(), 1u) << o.codes();
  EXPECT_EQ(o.diagnostics[0].code, DiagCode::RP2003);
  // The same through `not` (De Morgan) and through `when` clauses.
  text = "policy p {\n  deny * when not (" + joined(30, " or ", [](std::size_t i) {
           std::string n = std::to_string(i);
           return "(principal_tag(\"a" + n + "\") == \"x\" and principal_tag(\"b" + n + "\") == \"y\")";
         }) + ")\n}\n";
  o = compile(text, "not of 30 or-ed (a and b)");
  ASSERT_EQ(o.diagnostics.size(), 1u) << o.codes();
  EXPECT_EQ(o.diagnostics[0].code, DiagCode::RP2003);
  text = "policy p {\n  deny *\n" + joined(30, "\n", [](std::size_t i) {
           std::string n = std::to_string(i);
           return "    when principal_tag(\"a" + n + "\") == \"x\" or principal_tag(\"b" + n + "\") == \"y\"";
         }) + "\n}\n";
  o = compile(text, "30 when clauses of (a or b)");
  ASSERT_EQ(o.diagnostics.size(), 1u) << o.codes();
  EXPECT_EQ(o.diagnostics[0].code, DiagCode::RP2003);
}

TEST(InputLimits, SetExpansionIsBudgeted) {
  // Sixty doublings of a set: 2^61 values if expanded.
  std::string text = "let s0 = [\"x\", \"y\"]\n";
  for (int i = 1; i <= 60; ++i) text += "let s" + std::to_string(i) + " = [s" + std::to_string(i - 1) + ", s" + std::to_string(i - 1) + "]\n";
  text += "policy p {\n  deny * when principal_type in s60\n  deny * when principal_type in s59\n}\n";
  Outcome o = compile(text, "set doubled 60 times");
  ASSERT_EQ(o.diagnostics.size(), 1u) << o.codes();
  EXPECT_EQ(o.diagnostics[0].code, DiagCode::RP1019);
  // The same with a value that is wrong where the set is used: errors are budgeted too.
  text.replace(text.find("\"x\""), 3, "1");
  o = compile(text, "set doubled 60 times around a type error");
  EXPECT_TRUE(o.has(DiagCode::RP1019)) << o.codes();
  EXPECT_LT(o.diagnostics.size(), 2000u);

  // A chain of 100000 sets, each naming the next: resolving recurses once per link.
  text = "let s0 = [\"x\"]\n";
  for (int i = 1; i < 100'000; ++i) text += "let s" + std::to_string(i) + " = [s" + std::to_string(i - 1) + "]\n";
  text += "policy p {\n  deny * when principal_type in s99999\n}\n";
  o = compile(text, "chain of 100000 sets");
  ASSERT_EQ(o.diagnostics.size(), 1u) << o.codes();
  EXPECT_EQ(o.diagnostics[0].code, DiagCode::RP1019);
}

TEST(InputLimits, InvalidUtf8IsReportedNotThrown) {
  // Found by the fuzzer: ANTLR's input stream throws std::range_error on such bytes.
  for (std::string bad : {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80"}) {
    Outcome o = compile("policy p { deny * } // " + bad + "\n", "invalid UTF-8");
    ASSERT_EQ(o.diagnostics.size(), 1u) << o.codes();
    EXPECT_EQ(o.diagnostics[0].code, DiagCode::RP0002);
    ASSERT_TRUE(o.diagnostics[0].span.has_value());
    EXPECT_EQ(o.diagnostics[0].span->begin, 23u);
  }
  Outcome o = compile("policy p { deny * } // caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92 \xf4\x8f\xbf\xbf\n", "valid UTF-8");
  EXPECT_TRUE(o.diagnostics.empty()) << o.codes();
}

TEST(InputLimits, LongNamesGetNoQuadraticSuggestions) {
  // "did you mean" compares names with an edit distance that costs the product of lengths.
  std::string name(1'000'000, 'a');
  Outcome o = compile("let " + name + "b = [\"x\"]\npolicy p {\n  deny * when principal_type in " + name + "c\n}\n",
                      "a million-character unknown name");
  ASSERT_EQ(o.diagnostics.size(), 1u) << o.codes();
  EXPECT_EQ(o.diagnostics[0].code, DiagCode::RP1001);
  o = compile("policy p {\n  deny * when \"aws:" + name + "\" exists\n}\n", "a million-character unknown key");
  ASSERT_EQ(o.diagnostics.size(), 1u) << o.codes();
  EXPECT_EQ(o.diagnostics[0].code, DiagCode::RP1010);
}

TEST(InputLimits, JsonDiagnosticsSurviveFileNamesThatAreNotUtf8) {
  // File names come from the file system; the JSON writer used to throw on such bytes.
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("bad\xff.rootpol", "policy p { deny * when bogus }\n");
  sink.report(DiagCode::RP1010, Span{id, 23, 28}, "unknown condition key `bogus`");
  std::string json;
  ASSERT_NO_THROW(json = renderJson(sources, sink.sorted()));
  EXPECT_NE(json.find("\"file\": \"bad\xef\xbf\xbd.rootpol\""), std::string::npos) << json;
}

TEST(InputLimits, ManyDiagnosticsOnOneVeryLongLine) {
  // 100,000 errors on one 1.5 MB line: each column and each snippet must cost little (they
  // used to scan, and print, the whole line every time).
  std::string line = "  deny [";
  std::vector<std::uint32_t> starts;
  for (int i = 0; i < 100'000; ++i) {
    if (i > 0) line += ", ";
    starts.push_back(static_cast<std::uint32_t>(line.size()));
    line += "x:Bad" + std::to_string(i);
  }
  line += "]";
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("long.rootpol", "policy p {\n" + line + "\n}\n");
  for (std::uint32_t start : starts) {
    std::uint32_t at = 11 + start;  // after "policy p {\n"
    sink.report(DiagCode::RP1021, Span{id, at, at + 5}, "unknown action");
  }
  auto began = std::chrono::steady_clock::now();
  std::size_t longest = 0;
  for (const Diagnostic& d : sink.diagnostics()) longest = std::max(longest, renderHuman(sources, d, {}).size());
  std::string json = renderJson(sources, sink.diagnostics());
  std::cout << "[limits] 100000 diagnostics on one line rendered in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count() << " s\n";
  EXPECT_LT(longest, 1000u);
  // The last one: the window around it, the caret under it, the right column.
  std::string last = renderHuman(sources, sink.diagnostics().back(), {});
  std::size_t column = starts.back() + 1;
  EXPECT_NE(last.find("long.rootpol:2:" + std::to_string(column) + "\n"), std::string::npos) << last;
  EXPECT_NE(last.find("2 | ...d99992, x:Bad99993, "), std::string::npos) << last;
  EXPECT_NE(last.find(", x:Bad99999]\n"), std::string::npos) << last;
  std::size_t caretLine = last.find("^^^^^");
  std::size_t sourceLine = last.find("x:Bad99999]");
  ASSERT_NE(caretLine, std::string::npos);
  ASSERT_NE(sourceLine, std::string::npos);
  EXPECT_EQ(caretLine - last.rfind('\n', caretLine), sourceLine - last.rfind('\n', sourceLine)) << last;
  EXPECT_NE(json.find("\"column\": " + std::to_string(column) + ","), std::string::npos);
}

}  // namespace
}  // namespace rootpol
