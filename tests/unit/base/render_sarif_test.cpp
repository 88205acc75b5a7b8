// SARIF rendering: log structure, rules, levels, UTF-16 columns, relative URIs, related
// locations, fingerprints and byte-for-byte determinism.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/render.h"

namespace rootpol {
namespace {

using Json = nlohmann::json;

Diagnostic diag(DiagCode code, std::optional<Span> span, std::string message) {
  return Diagnostic{code, diagInfo(code).severity, std::move(message), span, {}, {}, {}};
}

SarifOptions options() {
  SarifOptions o;
  o.toolVersion = "9.9.9";
  o.baseDirectory = "/src/proj";
  return o;
}

Json render(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
            const SarifOptions& o = options()) {
  return Json::parse(renderSarif(sources, diagnostics, o));
}

TEST(RenderSarif, EmptyLogHasOneRunWithNoResults) {
  SourceManager sources;
  Json log = render(sources, {});
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const Json& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "rootpol");
  EXPECT_EQ(run["tool"]["driver"]["version"], "9.9.9");
  EXPECT_EQ(run["tool"]["driver"]["informationUri"], "https://github.com/rootpol/rootpol");
  EXPECT_TRUE(run["tool"]["driver"]["rules"].empty());
  EXPECT_TRUE(run["results"].is_array());
  EXPECT_TRUE(run["results"].empty());
  EXPECT_FALSE(run.contains("artifacts"));
  EXPECT_EQ(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file:///src/proj/");
  EXPECT_EQ(run["columnKind"], "utf16CodeUnits");
}

TEST(RenderSarif, RulesAreTheCodesUsedInRegistryOrderWithDefaultLevels) {
  SourceManager sources;
  FileId f = sources.add("/src/proj/a.rootpol", "let x = 1\nlet y = 2\n");
  Diagnostic warning = diag(DiagCode::RP1016, Span{f, 0, 3}, "`strict` has no effect");
  warning.severity = Severity::Error;  // promoted: the result says error, the rule warning
  std::vector<Diagnostic> ds = {diag(DiagCode::RP1005, Span{f, 10, 13}, "bad"), warning,
                                diag(DiagCode::RP1005, Span{f, 4, 5}, "bad again")};
  SarifOptions o = options();
  o.helpUriBase = "https://example.test/docs/";
  o.ruleHelp = [](DiagCode code) {
    return code == DiagCode::RP1016 ? std::string("Long *help*.") : std::string();
  };
  Json run = render(sources, ds, o)["runs"][0];
  const Json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["id"], "RP1005");
  EXPECT_EQ(rules[0]["name"], "InvalidCidr");
  EXPECT_EQ(rules[0]["shortDescription"]["text"], std::string(diagInfo(DiagCode::RP1005).doc));
  EXPECT_EQ(rules[0]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(rules[0]["helpUri"], "https://example.test/docs/RP1005.md");
  EXPECT_FALSE(rules[0].contains("help"));
  EXPECT_EQ(rules[1]["id"], "RP1016");
  EXPECT_EQ(rules[1]["defaultConfiguration"]["level"], "warning");
  EXPECT_EQ(rules[1]["fullDescription"]["text"], "Long *help*.");
  EXPECT_EQ(rules[1]["help"]["markdown"], "Long *help*.");
  const Json& results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["ruleIndex"], 0);
  EXPECT_EQ(results[1]["ruleId"], "RP1016");
  EXPECT_EQ(results[1]["ruleIndex"], 1);
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(results[2]["ruleIndex"], 0);
}

TEST(RenderSarif, ResultLocationMessageAndRelatedLocations) {
  SourceManager sources;
  FileId f = sources.add("/src/proj/policies/a b.rootpol", "policy p {\n  deny x as \"S\"\n}\n");
  Diagnostic d = diag(DiagCode::RP1012, Span{f, 21, 24}, "Sid `S` is used twice");
  d.help = "rename one";
  d.notes = {"Sids are unique per policy"};
  d.labels = {Label{Span{f, 0, 6}, "first used here"}};
  Json run = render(sources, {d})["runs"][0];
  const Json& r = run["results"][0];
  EXPECT_EQ(r["message"]["text"],
            "Sid `S` is used twice (note: Sids are unique per policy) (help: rename one)");
  const Json& loc = r["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "policies/a%20b.rootpol");
  EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "SRCROOT");
  EXPECT_EQ(loc["artifactLocation"]["index"], 0);
  EXPECT_EQ(loc["region"], Json::parse(R"({"startLine":2,"startColumn":11,"endLine":2,
                                           "endColumn":14})"));
  const Json& rel = r["relatedLocations"][0];
  EXPECT_EQ(rel["id"], 1);
  EXPECT_EQ(rel["message"]["text"], "first used here");
  EXPECT_EQ(rel["physicalLocation"]["region"]["startLine"], 1);
  EXPECT_EQ(rel["physicalLocation"]["region"]["endColumn"], 7);
  ASSERT_EQ(run["artifacts"].size(), 1u);
  EXPECT_EQ(run["artifacts"][0]["location"]["uri"], "policies/a%20b.rootpol");
  EXPECT_EQ(run["artifacts"][0]["length"], 29);
}

TEST(RenderSarif, ColumnsCountUtf16CodeUnits) {
  SourceManager sources;
  // "é" (2 bytes, 1 unit), "€" (3 bytes, 1 unit), "😀" (4 bytes, 2 units), then `x`.
  std::string line = "// \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 x\n";
  FileId f = sources.add("/src/proj/u.rootpol", "\xF0\x9F\x98\x80\n" + line);
  auto x = static_cast<std::uint32_t>(5 + line.find('x'));
  Json r = render(sources, {diag(DiagCode::RP1001, Span{f, x, x + 1},
                                 "unknown name `x`")})["runs"][0]["results"][0];
  const Json& region = r["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 2);
  EXPECT_EQ(region["startColumn"], 9);  // "// " 3 + é 1 + € 1 + 😀 2 + " " 1, then 1-based
  EXPECT_EQ(region["endColumn"], 10);
}

TEST(RenderSarif, FilesOutsideTheBaseKeepAbsoluteUris) {
  SourceManager sources;
  FileId f = sources.add("/elsewhere/x.rootpol", "let x = 1\n");
  Json loc = render(
      sources,
      {diag(DiagCode::RP1001, Span{f, 4, 5},
            "m")})["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(loc["uri"], "file:///elsewhere/x.rootpol");
  EXPECT_FALSE(loc.contains("uriBaseId"));
}

TEST(RenderSarif, DiagnosticWithoutSpanHasNoLocations) {
  SourceManager sources;
  Json r = render(sources, {diag(DiagCode::RP3011, std::nullopt, "m")})["runs"][0]["results"][0];
  EXPECT_FALSE(r.contains("locations"));
  EXPECT_EQ(r["level"], "warning");
  EXPECT_TRUE(r["partialFingerprints"].contains("rootpolHash/v1"));
}

TEST(RenderSarif, FingerprintsIgnoreLineMovesAndTellRepeatsApart) {
  SourceManager sources;
  FileId a = sources.add("/src/proj/a.rootpol", "let x = bad\n");
  FileId b = sources.add("/src/proj/a.rootpol", "\n\n  let x = bad\nlet x = bad\n");
  auto fp = [&](const Json& log, int i) {
    return log["runs"][0]["results"][i]["partialFingerprints"]["rootpolHash/v1"].get<std::string>();
  };
  Json one = render(sources, {diag(DiagCode::RP1001, Span{a, 8, 11}, "unknown name `bad`")});
  Json two = render(sources, {diag(DiagCode::RP1001, Span{b, 10, 13}, "unknown name `bad`"),
                              diag(DiagCode::RP1001, Span{b, 22, 25}, "unknown name `bad`")});
  EXPECT_EQ(fp(one, 0), fp(two, 0));
  EXPECT_EQ(fp(one, 0).substr(0, 17), fp(two, 1).substr(0, 17));
  EXPECT_NE(fp(two, 0), fp(two, 1));
  EXPECT_EQ(fp(two, 1).substr(17), "2");
}

TEST(RenderSarif, OutputIsDeterministic) {
  SourceManager sources;
  FileId f = sources.add("/src/proj/a.rootpol", "let x = 1\n");
  std::vector<Diagnostic> ds = {diag(DiagCode::RP1001, Span{f, 4, 5}, "m"),
                                diag(DiagCode::RP3011, std::nullopt, "n")};
  std::string first = renderSarif(sources, ds, options());
  EXPECT_EQ(first, renderSarif(sources, ds, options()));
  EXPECT_EQ(first.find("Time"), std::string::npos);
}

// The log is written directly, not built as a tree: its bytes must still be those of the
// library's dump(2) of the same log (key order kept), for every kind of text and location.
TEST(RenderSarif, BytesAreTheLibrarysDumpOfTheSameLog) {
  SourceManager sources;
  FileId a = sources.add("/src/proj/dir/na\xefve \"q\".json", "{\n\t\"Effect\": \"caf\xc3\xa9 \xf0\x9f\x98\x80\"\n}\n");
  FileId b = sources.add("/elsewhere/b.rootpol", "let x = 1\nlet y = 2\n");
  FileId c = sources.add("/src/proj/c.rootpol", "deny x\n");
  Diagnostic d1 = diag(DiagCode::RP1012, Span{a, 3, 11}, "tab\there, \"quotes\", back\\slash, bell\x07, caf\xc3\xa9");
  d1.labels = {Label{Span{b, 14, 15}, "in another file"}, Label{Span{a, 0, 1}, "earlier \xff"}};
  d1.notes = {"one", "two\nlines"};
  d1.help = "help \"me\"";
  Diagnostic d2 = diag(DiagCode::RP3011, std::nullopt, "no location");
  Diagnostic d3 = diag(DiagCode::RP1001, Span{c, 5, 6}, "unknown name `x`");
  Diagnostic d4 = d3;  // a repeat: told apart by its fingerprint's count
  for (const std::vector<Diagnostic>& ds :
       {std::vector<Diagnostic>{}, std::vector<Diagnostic>{d2}, std::vector<Diagnostic>{d1, d2, d3, d4}}) {
    SarifOptions o = options();
    o.ruleHelp = [](DiagCode code) { return code == DiagCode::RP1001 ? std::string("# Help\n\nwith `code`") : std::string(); };
    o.helpUriBase = "https://example.test/docs/";
    const std::string written = renderSarif(sources, ds, o);
    const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(written);
    EXPECT_EQ(written, parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
  }
}

}  // namespace
}  // namespace rootpol
