// GitHub workflow commands: one line per diagnostic, the command per severity, locations,
// escaping of data and properties, and help, notes and labels as further lines.
#include <gtest/gtest.h>

#include "base/render.h"

namespace rootpol {
namespace {

Diagnostic diag(DiagCode code, std::optional<Span> span, std::string message) {
  return Diagnostic{code, diagInfo(code).severity, std::move(message), span, {}, {}, {}};
}

TEST(RenderGithub, OneLinePerDiagnosticWithLocationAndTitle) {
  SourceManager sources;
  FileId f = sources.add("policies/a.rootpol", "let vpn: [cidr] = [\"10.0.0.0/33\"]\n");
  Diagnostic d = diag(DiagCode::RP1005, Span{f, 19, 32}, "`10.0.0.0/33` has an invalid prefix");
  EXPECT_EQ(renderGithub(sources, {d}),
            "::error file=policies/a.rootpol,line=1,col=20,endLine=1,endColumn=33,"
            "title=RP1005 invalid-cidr::`10.0.0.0/33` has an invalid prefix\n");
}

TEST(RenderGithub, SeverityChoosesTheCommand) {
  SourceManager sources;
  Diagnostic warning = diag(DiagCode::RP3011, std::nullopt, "w");
  Diagnostic note = diag(DiagCode::RP3107, std::nullopt, "n");
  Diagnostic promoted = diag(DiagCode::RP3011, std::nullopt, "e");
  promoted.severity = Severity::Error;
  EXPECT_EQ(renderGithub(sources, {warning, note, promoted}),
            "::warning title=RP3011 duplicate-attachment::w\n"
            "::notice title=RP3107 rule-is-control::n\n"
            "::error title=RP3011 duplicate-attachment::e\n");
}

TEST(RenderGithub, ColumnsCountCodePointsOnNonAsciiLines) {
  SourceManager sources;
  FileId f = sources.add("u.rootpol", "let \xC3\xA9\xC3\xBC = x\n");
  EXPECT_EQ(renderGithub(sources, {diag(DiagCode::RP1001, Span{f, 11, 12}, "m")}),
            "::error file=u.rootpol,line=1,col=10,endLine=1,endColumn=11,"
            "title=RP1001 unknown-name::m\n");
}

TEST(RenderGithub, EscapesDataAndProperties) {
  SourceManager sources;
  FileId f = sources.add("dir,x/a:b%.rootpol", "x\n");
  Diagnostic d = diag(DiagCode::RP1001, Span{f, 0, 1}, "100% of `a:b`, then\r\nmore");
  EXPECT_EQ(renderGithub(sources, {d}),
            "::error file=dir%2Cx/a%3Ab%25.rootpol,line=1,col=1,endLine=1,endColumn=2,"
            "title=RP1001 unknown-name::100%25 of `a:b`, then%0D%0Amore\n");
}

TEST(RenderGithub, LabelsNotesAndHelpBecomeFurtherLines) {
  SourceManager sources;
  FileId f = sources.add("a.rootpol", "policy p {\n  deny x as \"S\"\n  deny y as \"S\"\n}\n");
  Diagnostic d = diag(DiagCode::RP1012, Span{f, 37, 40}, "Sid `S` is used twice");
  d.labels = {Label{Span{f, 21, 24}, "first used here"}};
  d.notes = {"a note"};
  d.help = "rename one\nof them";
  EXPECT_EQ(renderGithub(sources, {d}),
            "::error file=a.rootpol,line=3,col=11,endLine=3,endColumn=14,"
            "title=RP1012 duplicate-sid::Sid `S` is used twice%0Aa.rootpol:2:11: first used "
            "here%0Anote: a note%0Ahelp: rename one%0Aof them\n");
}

TEST(RenderGithub, NothingToSayIsEmpty) {
  SourceManager sources;
  EXPECT_EQ(renderGithub(sources, {}), "");
}

}  // namespace
}  // namespace rootpol
