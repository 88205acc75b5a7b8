// Human rendering: header, location, source line with the caret under the span, labels,
// notes, help, gutter width and colour.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <streambuf>

#include "base/render.h"

namespace rootpol {
namespace {

Diagnostic diag(DiagCode code, std::optional<Span> span, std::string message) {
  return Diagnostic{code, diagInfo(code).severity, std::move(message), span, {}, {}, {}};
}

TEST(RenderHuman, CaretUnderTheSpan) {
  SourceManager sources;
  FileId f = sources.add("a.rootpol", "policy p {\n  deny * unless source_ip in [\"10.0.0.0/33\"]\n}\n");
  Diagnostic d = diag(DiagCode::RP1005, Span{f, 40, 53}, "`10.0.0.0/33` has an invalid prefix length");
  d.help = "the prefix length of an IPv4 block is 0 to 32";
  EXPECT_EQ(renderHuman(sources, d, {}),
            "error[RP1005]: `10.0.0.0/33` has an invalid prefix length\n"
            " --> a.rootpol:2:30\n"
            "  |\n"
            "2 |   deny * unless source_ip in [\"10.0.0.0/33\"]\n"
            "  |                              ^^^^^^^^^^^^^\n"
            "  = help: the prefix length of an IPv4 block is 0 to 32\n");
}

TEST(RenderHuman, CaretAfterMultiByteCharacters) {
  SourceManager sources;
  // "é" and "ü" are two bytes each but one column: the caret sits under `x`.
  FileId f = sources.add("u.rootpol", "let \xC3\xA9\xC3\xBC = x\n");
  Diagnostic d = diag(DiagCode::RP1001, Span{f, 11, 12}, "unknown name `x`");
  EXPECT_EQ(renderHuman(sources, d, {}),
            "error[RP1001]: unknown name `x`\n"
            " --> u.rootpol:1:10\n"
            "  |\n"
            "1 | let \xC3\xA9\xC3\xBC = x\n"
            "  |          ^\n");
}

TEST(RenderHuman, EmptySpanGetsOneCaretAndTabsBecomeSpaces) {
  SourceManager sources;
  FileId f = sources.add("t.rootpol", "\tdeny\n");
  Diagnostic d = diag(DiagCode::RP0001, Span{f, 5, 5}, "unexpected end of file");
  EXPECT_EQ(renderHuman(sources, d, {}),
            "error[RP0001]: unexpected end of file\n"
            " --> t.rootpol:1:6\n"
            "  |\n"
            "1 |  deny\n"
            "  |      ^\n");
}

TEST(RenderHuman, MultiLineSpanUnderlinesToTheEndOfTheFirstLine) {
  SourceManager sources;
  FileId f = sources.add("m.rootpol", "ab cdef\ngh\n");
  Diagnostic d = diag(DiagCode::RP0001, Span{f, 3, 10}, "unexpected `cdef`");
  EXPECT_EQ(renderHuman(sources, d, {}),
            "error[RP0001]: unexpected `cdef`\n"
            " --> m.rootpol:1:4\n"
            "  |\n"
            "1 | ab cdef\n"
            "  |    ^^^^\n");
}

TEST(RenderHuman, GutterWidensForLabelsOnLaterLinesAndNotesFollow) {
  SourceManager sources;
  std::string text;
  for (int i = 1; i <= 12; ++i) text += "line" + std::to_string(i) + "\n";
  FileId f = sources.add("g.rootpol", text);
  // Primary on line 9, label on line 10 (two digits): every gutter is two wide.
  Diagnostic d = diag(DiagCode::RP1002, Span{f, 48, 53}, "`line9` is declared twice");
  d.labels.push_back({Span{f, 54, 60}, "first declared here"});
  d.notes.push_back("a note");
  d.help = "rename one";
  EXPECT_EQ(renderHuman(sources, d, {}),
            "error[RP1002]: `line9` is declared twice\n"
            "  --> g.rootpol:9:1\n"
            "   |\n"
            " 9 | line9\n"
            "   | ^^^^^\n"
            "10 | line10\n"
            "   | ------ first declared here\n"
            "   = note: a note\n"
            "   = help: rename one\n");
}

TEST(RenderHuman, LabelInAnotherFileNamesThatFile) {
  SourceManager sources;
  FileId a = sources.add("a.rootpol", "import \"b.rootpol\"\n");
  FileId b = sources.add("lib/b.rootpol", "import \"a.rootpol\"\n");
  Diagnostic d = diag(DiagCode::RP0102, Span{a, 7, 18}, "import cycle");
  d.labels.push_back({Span{b, 7, 18}, "imported back here"});
  EXPECT_EQ(renderHuman(sources, d, {}),
            "error[RP0102]: import cycle\n"
            " --> a.rootpol:1:8\n"
            "  |\n"
            "1 | import \"b.rootpol\"\n"
            "  |        ^^^^^^^^^^^\n"
            " ::: lib/b.rootpol:1:8\n"
            "1 | import \"a.rootpol\"\n"
            "  |        ----------- imported back here\n");
}

TEST(RenderHuman, NoSpanAndWarnings) {
  SourceManager sources;
  Diagnostic d = diag(DiagCode::RP2002, std::nullopt, "policy `p` uses 9695 of 10240 bytes (94%)");
  d.help = "split it";
  EXPECT_EQ(renderHuman(sources, d, {}),
            "warning[RP2002]: policy `p` uses 9695 of 10240 bytes (94%)\n"
            "  = help: split it\n");
}

TEST(RenderHuman, ColourOnlyWhenAsked) {
  SourceManager sources;
  FileId f = sources.add("c.rootpol", "deny x\n");
  Diagnostic e = diag(DiagCode::RP1001, Span{f, 5, 6}, "unknown name `x`");
  std::string plain = renderHuman(sources, e, {false});
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  std::string coloured = renderHuman(sources, e, {true});
  EXPECT_EQ(coloured.rfind("\x1b[1;31merror[RP1001]\x1b[0m\x1b[1m: unknown name `x`\x1b[0m\n", 0), 0u) << coloured;
  EXPECT_NE(coloured.find("\x1b[1;31m^\x1b[0m"), std::string::npos);  // the caret in the severity colour
  Diagnostic w = diag(DiagCode::RP1016, Span{f, 0, 4}, "`strict` has no effect on this rule");
  EXPECT_EQ(renderHuman(sources, w, {true}).rfind("\x1b[1;33mwarning[RP1016]", 0), 0u);
}

TEST(RenderSummary, Counts) {
  EXPECT_EQ(renderSummary(0, 0), "");
  EXPECT_EQ(renderSummary(1, 0), "1 error");
  EXPECT_EQ(renderSummary(2, 0), "2 errors");
  EXPECT_EQ(renderSummary(0, 1), "1 warning");
  EXPECT_EQ(renderSummary(3, 2), "3 errors, 2 warnings");
}

TEST(RenderJson, FieldsAndLocations) {
  SourceManager sources;
  FileId f = sources.add("j.rootpol", "ab\n  cd\n");
  Diagnostic d = diag(DiagCode::RP1001, Span{f, 5, 7}, "unknown name `cd`");
  d.labels.push_back({Span{f, 0, 2}, "here"});
  d.help = "did you mean `ab`?";
  Diagnostic w = diag(DiagCode::RP3011, std::nullopt, "note without place");
  auto j = nlohmann::json::parse(renderJson(sources, {d, w}));
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["code"], "RP1001");
  EXPECT_EQ(j[0]["severity"], "error");
  EXPECT_EQ(j[0]["message"], "unknown name `cd`");
  EXPECT_EQ(j[0]["location"]["file"], "j.rootpol");
  EXPECT_EQ(j[0]["location"]["line"], 2);
  EXPECT_EQ(j[0]["location"]["column"], 3);
  EXPECT_EQ(j[0]["location"]["endLine"], 2);
  EXPECT_EQ(j[0]["location"]["endColumn"], 5);
  EXPECT_EQ(j[0]["labels"][0]["message"], "here");
  EXPECT_EQ(j[0]["help"], "did you mean `ab`?");
  EXPECT_EQ(j[1]["severity"], "warning");
  EXPECT_FALSE(j[1].contains("location"));
  EXPECT_EQ(renderJson(sources, {}), "[]\n");
}

// renderJson writes its text directly; these are the bytes nlohmann's dump(2) gives for the same
// value (ensure_ascii off, invalid UTF-8 replaced), which is what it wrote before and what the
// goldens hold.
nlohmann::ordered_json locationOf(const SourceManager& sources, Span span) {
  nlohmann::ordered_json loc;  // null for an unknown file
  if (!sources.has(span.file)) return loc;
  const SourceFile& file = sources.file(span.file);
  loc["file"] = file.path();
  loc["line"] = file.lineCol(span.begin).line;
  loc["column"] = file.lineCol(span.begin).column;
  loc["endLine"] = file.lineCol(span.end).line;
  loc["endColumn"] = file.lineCol(span.end).column;
  return loc;
}

std::string dumpedLikeTheLibrary(const SourceManager& sources, const std::vector<Diagnostic>& all) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : all) {
    nlohmann::ordered_json j;
    j["code"] = diagInfo(d.code).code;
    j["severity"] = severityName(d.severity);
    j["message"] = d.message;
    if (d.span) j["location"] = locationOf(sources, *d.span);
    nlohmann::ordered_json labels = nlohmann::ordered_json::array();
    for (const Label& l : d.labels)
      labels.push_back({{"message", l.message}, {"location", locationOf(sources, l.span)}});
    if (!labels.empty()) j["labels"] = labels;
    if (!d.notes.empty()) j["notes"] = d.notes;
    if (d.help) j["help"] = *d.help;
    out.push_back(std::move(j));
  }
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

TEST(RenderJson, SameBytesAsTheLibraryForEveryKindOfText) {
  SourceManager sources;
  FileId plain = sources.add("p.json", "{\n  \"a\": 1\n}\n");
  FileId odd = sources.add("dir/na\xefve \"quoted\"\\x.json", "caf\xc3\xa9\n\tx\n");
  Diagnostic a = diag(DiagCode::RP4101, Span{plain, 4, 7}, "statement `S1` is redundant");
  a.labels.push_back({Span{plain, 0, 1}, "covered by this statement"});
  a.labels.push_back({Span{odd, 6, 8}, "tab\there, \"quotes\", back\\slash, bell\x07, caf\xc3\xa9 \xe2\x80\x94"});
  a.notes = {"one", "two\nlines", "", "only a back\\slash", "only a \"quote", "only a tab\t"};
  a.help = "\x01\x1f\x7f end";
  Diagnostic b = diag(DiagCode::RP4014, Span{odd, 0, 5}, "duplicate key `caf\xc3\xa9`");
  Diagnostic c = diag(DiagCode::RP3011, Span{999u, 0, 0}, "an unknown file");
  Diagnostic e = diag(DiagCode::RP3011, std::nullopt, "");
  std::vector<Diagnostic> all{a, b, c, e};
  EXPECT_EQ(renderJson(sources, all), dumpedLikeTheLibrary(sources, all));
  EXPECT_EQ(renderJson(sources, {e}), dumpedLikeTheLibrary(sources, {e}));
}

TEST(RenderHuman, LabelsAndTheCaretInSourceOrderWithAGapMarked) {
  SourceManager sources;
  FileId f = sources.add("d.rootpol", "let a = 1\nx\ny\nlet a = 2\nlet b = a\n");
  Diagnostic d = diag(DiagCode::RP1002, Span{f, 18, 19}, "`a` is declared twice");
  d.labels.push_back({Span{f, 32, 33}, "used here"});
  d.labels.push_back({Span{f, 4, 5}, "first declared here"});
  EXPECT_EQ(renderHuman(sources, d, {}),
            "error[RP1002]: `a` is declared twice\n"
            " --> d.rootpol:4:5\n"
            "  |\n"
            "1 | let a = 1\n"
            "  |     - first declared here\n"
            "...\n"
            "4 | let a = 2\n"
            "  |     ^\n"
            "5 | let b = a\n"
            "  |         - used here\n");
}

// Counts the writes a stream makes (std::cerr passes each one to the system).
class CountingBuffer : public std::stringbuf {
 public:
  int writes = 0;

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    ++writes;
    return std::stringbuf::xsputn(s, n);
  }
};

TEST(WriteHuman, EachRenderingAndABlankLineInAFewLargeWrites) {
  SourceManager sources;
  std::string text;
  for (int i = 0; i < 1500; ++i) text += "\tlet a" + std::to_string(i) + " = x\n";
  FileId f = sources.add("w.rootpol", text);
  FileId other = sources.add("o.rootpol", "import \"w.rootpol\"\n");
  std::vector<Diagnostic> all;
  std::string expected;
  std::uint32_t at = 0;
  for (int i = 0; i < 1500; ++i) {
    const std::string line = "\tlet a" + std::to_string(i) + " = x\n";
    Diagnostic d = diag(i % 2 ? DiagCode::RP1001 : DiagCode::RP1016, Span{f, at + 1, at + 4}, "message " + std::to_string(i));
    if (i % 3 == 0) d.labels.push_back({Span{f, at / 2, at / 2 + 1}, "earlier"});
    if (i % 5 == 0) d.labels.push_back({Span{other, 7, 18}, "imported here"});
    if (i % 7 == 0) d.notes = {"a note"};
    if (i % 11 == 0) d.help = "some help";
    at += static_cast<std::uint32_t>(line.size());
    all.push_back(std::move(d));
  }
  for (const Diagnostic& d : all) expected += renderHuman(sources, d, {true}) + "\n";
  CountingBuffer buffer;
  std::ostream out(&buffer);
  writeHuman(out, sources, all, {true});
  EXPECT_EQ(buffer.str(), expected);
  ASSERT_GT(expected.size(), 3u * 64 * 1024);
  EXPECT_LE(buffer.writes, static_cast<int>(expected.size() / (64 * 1024)) + 1);

  CountingBuffer none;
  std::ostream empty(&none);
  writeHuman(empty, sources, {}, {});
  EXPECT_EQ(none.str(), "");
}

}  // namespace
}  // namespace rootpol
