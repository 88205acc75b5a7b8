// sortedAndUnique: the order every list of findings is shown in, and what counts as a duplicate.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace rootpol {
namespace {

Diagnostic diag(DiagCode code, std::optional<Span> span, std::string message, std::string help = {}) {
  Diagnostic d{code, diagInfo(code).severity, std::move(message), span, {}, {}, {}};
  if (!help.empty()) d.help = std::move(help);
  return d;
}

std::vector<std::string> messages(const std::vector<Diagnostic>& all) {
  std::vector<std::string> out;
  for (const Diagnostic& d : all) out.push_back(d.message + (d.help ? " | " + *d.help : ""));
  return out;
}

TEST(DiagnosticOrder, ByFileOffsetCodeAndMessageWithTheFirstOfEachDuplicateKept) {
  std::vector<Diagnostic> all;
  all.push_back(diag(DiagCode::RP4021, Span{2, 5, 9}, "second file"));
  all.push_back(diag(DiagCode::RP4024, Span{1, 7, 9}, "b later offset"));
  all.push_back(diag(DiagCode::RP4024, Span{1, 3, 9}, "z same place, same code", "first"));
  all.push_back(diag(DiagCode::RP4021, Span{1, 3, 9}, "lower code"));
  all.push_back(diag(DiagCode::RP4024, Span{1, 3, 9}, "a same place, same code"));
  all.push_back(diag(DiagCode::RP4024, Span{1, 3, 9}, "z same place, same code", "second"));
  all.push_back(diag(DiagCode::RP4024, std::nullopt, "no span"));
  std::vector<Diagnostic> sorted = sortedAndUnique(std::move(all));
  EXPECT_EQ(messages(sorted), (std::vector<std::string>{"no span", "lower code", "a same place, same code",
                                                        "z same place, same code | first", "b later offset",
                                                        "second file"}));
}

TEST(DiagnosticOrder, TheSinkSortsTheSameWay) {
  DiagnosticSink sink;
  sink.report(DiagCode::RP4024, Span{1, 9, 9}, "later");
  sink.report(DiagCode::RP4024, Span{1, 1, 9}, "earlier");
  sink.report(DiagCode::RP4024, Span{1, 9, 9}, "later");
  std::vector<Diagnostic> copy = sink.diagnostics();
  EXPECT_EQ(messages(sortedAndUnique(std::move(copy))), messages(std::move(sink).sorted()));
}

TEST(DiagnosticSinkAppend, TheOthersFollowInTheirOrderWithEverythingTheyCarried) {
  DiagnosticSink first;
  DiagnosticSink empty;
  first.append(std::move(empty));  // nothing added
  first.report(DiagCode::RP4101, Span{1, 9, 10}, "b");
  DiagnosticSink second;
  second.report(DiagCode::RP4102, Span{1, 1, 2}, "c").help = "help c";
  second.last().notes.push_back("note c");
  second.report(DiagCode::RP4101, std::nullopt, "d");
  first.append(std::move(second));
  EXPECT_EQ(messages(first.diagnostics()), (std::vector<std::string>{"b", "c | help c", "d"}));
  EXPECT_EQ(first.diagnostics()[1].code, DiagCode::RP4102);
  EXPECT_EQ(first.diagnostics()[1].notes, (std::vector<std::string>{"note c"}));
  EXPECT_TRUE(second.diagnostics().empty());
  DiagnosticSink none;
  DiagnosticSink third;
  third.report(DiagCode::RP4101, std::nullopt, "e");
  none.append(std::move(third));  // into an empty sink
  EXPECT_EQ(messages(none.diagnostics()), (std::vector<std::string>{"e"}));
}

}  // namespace
}  // namespace rootpol
