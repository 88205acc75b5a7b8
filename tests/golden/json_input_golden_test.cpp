// Goldens of JSON policies given to `rootpol test`/`explain` (tests/golden/json_input/): each
// `x.json` is read by runner::loadJsonPolicies and its diagnostics are compared with
// `x.json.diag`. `unattached.json` is read beside a program with an organization, as
// `rootpol test` does, so its expectation holds RP0021. UPDATE_GOLDEN=1 rewrites them.
#include <gtest/gtest.h>
#include <unistd.h>

#include "base/render.h"
#include "golden_support.h"
#include "runner/json_policies.h"
#include "test_paths.h"

namespace rootpol {
namespace {

namespace fs = std::filesystem;

TEST(JsonInputGolden, Diagnostics) {
  ASSERT_EQ(::chdir(testing::sourceDir().c_str()), 0);
  const fs::path dir = testing::sourceDir() / "tests" / "golden" / "json_input";
  std::size_t seen = 0;
  for (const fs::path& p : testing::filesUnder(dir, ".json")) {
    ++seen;
    SourceManager sources;
    DiagnosticSink sink;
    std::vector<runner::JsonPolicy> policies;
    std::string error;
    const std::string path = fs::relative(p, testing::sourceDir()).generic_string();
    ASSERT_TRUE(runner::loadJsonPolicies({path}, sources, sink, policies, error)) << error;
    if (p.filename() == "unattached.json") {
      ASSERT_EQ(policies.size(), 1u);
      runner::reportUnattached(policies, sink);
    }
    testing::expectOrUpdate(p.string() + ".diag", testing::renderAll(sources, sink.sorted()));
  }
  EXPECT_EQ(seen, 3u);
}

}  // namespace
}  // namespace rootpol
