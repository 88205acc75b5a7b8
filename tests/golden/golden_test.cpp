// Golden tests: every tests/golden/**/x.rootpol is compiled and compared with the files
// beside it. parse/: x.ast (the AST dump). Elsewhere: x.<policy>.json (the exact SCP bytes)
// for each policy, and x.diag (the rendered diagnostics; required for error_* inputs, which
// must fail and have no JSON). org/ and alerts/: x.out/ holds every file `compile` writes
// (scp/, terraform/, cloudformation/, cfct/, report.json). UPDATE_GOLDEN=1 rewrites the
// expectations.
#include <gtest/gtest.h>
#include <unistd.h>

#include <set>

#include "ast/ast_printer.h"
#include "base/render.h"
#include "driver/compilation.h"
#include "syntax/parse.h"
#include "golden_support.h"
#include "test_paths.h"

namespace rootpol {
namespace {

namespace fs = std::filesystem;
using testing::expectOrUpdate;
using testing::readText;
using testing::renderAll;
using testing::sourceDir;

fs::path goldenDir() { return sourceDir() / "tests" / "golden"; }

// The repository-relative name of a golden input, e.g. "scp/for_root.rootpol".
std::string nameOf(const fs::path& p) { return fs::relative(p, goldenDir()).generic_string(); }

// Every output file compared with its copy under `dir`; no other file may be there.
void expectOutputTree(const fs::path& dir, const std::vector<driver::OutputFile>& files) {
  std::set<fs::path> expected;
  for (const driver::OutputFile& f : files) {
    fs::path path = dir / f.path;
    expected.insert(path);
    if (testing::updateGolden()) fs::create_directories(path.parent_path());
    expectOrUpdate(path, f.content);
  }
  if (!fs::exists(dir)) return;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || expected.count(entry.path())) continue;
    if (testing::updateGolden()) {
      fs::remove(entry.path());
    } else {
      ADD_FAILURE() << "stale golden " << entry.path();
    }
  }
}

class GoldenTest : public ::testing::TestWithParam<fs::path> {
 protected:
  // Diagnostics name files relative to the repository root, as a user running from there sees.
  void SetUp() override { ASSERT_EQ(::chdir(sourceDir().c_str()), 0); }
};

TEST_P(GoldenTest, Matches) {
  const fs::path input = GetParam();
  const fs::path stem = input.parent_path() / input.stem();
  bool isError = input.stem().string().rfind("error_", 0) == 0;

  if (nameOf(input).rfind("parse/", 0) == 0) {
    SourceManager sources;
    DiagnosticSink sink;
    FileId id = sources.add(fs::relative(input, sourceDir()).generic_string(), *readText(input));
    auto module = syntax::parse(sources.file(id), sink);
    std::string actual = isError ? renderAll(sources, sink.sorted()) : ast::printModule(*module);
    EXPECT_EQ(isError, sink.hasErrors()) << renderAll(sources, sink.sorted());
    expectOrUpdate(stem.string() + (isError ? ".diag" : ".ast"), actual);
    return;
  }

  driver::Options options;
  options.inputs = {fs::relative(input, sourceDir()).generic_string()};
  options.projectRoot = goldenDir().string();
  driver::Compilation compilation(options);
  ASSERT_TRUE(compilation.run()) << compilation.toolError().value_or("");
  std::string diagnostics = renderAll(compilation.sources(), compilation.diagnostics().sorted());
  EXPECT_EQ(isError, compilation.diagnostics().hasErrors()) << diagnostics;

  fs::path diagPath = stem.string() + ".diag";
  if (!diagnostics.empty() || fs::exists(diagPath)) expectOrUpdate(diagPath, diagnostics);

  const bool wholeOutput = nameOf(input).rfind("org/", 0) == 0 || nameOf(input).rfind("alerts/", 0) == 0 ||
                           nameOf(input).rfind("pack/", 0) == 0;
  if (wholeOutput && !isError) {
    expectOutputTree(fs::path(stem.string() + ".out"), compilation.outputs());
    return;
  }

  // A failing compilation writes nothing, so error_* inputs have no JSON expectations.
  std::set<fs::path> expectedJson;
  for (const auto& p : compilation.policies()) {
    if (isError) break;
    if (p.source == nullptr || compilation.sources().file(p.source->nameSpan.file).path() != options.inputs[0]) continue;
    for (const driver::PolicyPart& part : p.parts) {
      fs::path jsonPath = stem.string() + "." + part.name + ".json";
      expectedJson.insert(jsonPath);
      expectOrUpdate(jsonPath, part.json);
    }
  }
  // No stale expectation may linger for a policy that is gone.
  for (const auto& entry : fs::directory_iterator(input.parent_path())) {
    std::string file = entry.path().filename().string();
    std::string prefix = input.stem().string() + ".";
    if (file.rfind(prefix, 0) == 0 && entry.path().extension() == ".json" && !expectedJson.count(entry.path())) {
      if (testing::updateGolden()) {
        fs::remove(entry.path());
      } else {
        ADD_FAILURE() << "stale golden " << entry.path();
      }
    }
  }
}

// tests/golden/lint/ has its own harness (lint_golden_test.cpp).
std::vector<fs::path> goldenInputs() {
  std::vector<fs::path> out;
  for (const fs::path& p : testing::filesUnder(goldenDir(), ".rootpol")) {
    if (nameOf(p).rfind("lint/", 0) != 0) out.push_back(p);
  }
  return out;
}

std::string testName(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = nameOf(info.param);
  name = name.substr(0, name.size() - std::string(".rootpol").size());
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(goldenInputs()), testName);

}  // namespace
}  // namespace rootpol
