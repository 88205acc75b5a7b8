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

}  // namespace
}  // namespace rootpol
