// Goldens of CloudTrail log files that `rootpol replay` refuses (tests/golden/replay/): each
// `x.json` is read by replay::RecordReader and its diagnostic is compared with `x.json.diag`
// (rendered as `rootpol replay` renders it, at file:line:column). UPDATE_GOLDEN=1 rewrites them.
#include <gtest/gtest.h>
#include <unistd.h>

#include "base/render.h"
#include "golden_support.h"
#include "replay/cloudtrail_reader.h"
#include "test_paths.h"

namespace rootpol {
namespace {

namespace fs = std::filesystem;

TEST(ReplayGolden, Diagnostics) {
  ASSERT_EQ(::chdir(testing::sourceDir().c_str()), 0);
  const fs::path dir = testing::sourceDir() / "tests" / "golden" / "replay";
  std::size_t seen = 0;
  for (const fs::path& p : testing::filesUnder(dir, ".json")) {
    ++seen;
    const std::string path = fs::relative(p, testing::sourceDir()).generic_string();
    replay::RecordReader reader;
    std::optional<replay::ReadProblem> problem = reader.load(path);
    std::size_t records = 0;
    if (!problem) problem = reader.forEachRecord([&](const replay::Record&) { ++records; });
    ASSERT_TRUE(problem.has_value()) << path << " was read without a problem";
    SourceManager sources;
    DiagnosticSink sink;
    std::optional<Span> span;
    if (problem->offset) span = Span{sources.add(path, std::string(reader.text())), *problem->offset, *problem->offset + 1};
    sink.report(problem->code, span, problem->message).help = std::string(replay::problemHelp(problem->code));
    testing::expectOrUpdate(p.string() + ".diag", testing::renderAll(sources, sink.sorted()));
  }
  EXPECT_EQ(seen, 4u);
}

}  // namespace
}  // namespace rootpol
