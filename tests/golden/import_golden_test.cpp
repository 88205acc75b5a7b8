// Goldens of `rootpol import`: each `tests/golden/import/input/x.json` is imported; the program
// is compared with `tests/golden/import/x.rootpol` when the import succeeds (golden_test then
// compiles it like every golden program, so `x.NAME.json` beside it shows what it compiles
// to), the diagnostics with `input/x.json.diag` when it does not (and an import that succeeds
// must have no `.diag`, one that fails no `.rootpol`). Whether the programs decide as the
// originals do is tests/import/'s business.
// UPDATE_GOLDEN=1 rewrites them.
#include <gtest/gtest.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "golden_support.h"
#include "importer/importer.h"
#include "importer/read_input.h"

namespace rootpol {
namespace {

namespace fs = std::filesystem;

TEST(ImportGolden, Programs) {
  ASSERT_EQ(::chdir(testing::sourceDir().c_str()), 0);
  importer::Importer importer(sema::KeyTable::builtin(), catalog::Catalog::builtin());
  std::size_t seen = 0;
  const fs::path dir = testing::sourceDir() / "tests" / "golden" / "import";
  for (const fs::path& p : testing::filesUnder(dir / "input", ".json")) {
    ++seen;
    SourceManager sources;
    DiagnosticSink sink;
    std::vector<importer::ImportSource> documents;
    const std::string path = fs::relative(p, testing::sourceDir()).generic_string();
    auto text = testing::readText(p);
    ASSERT_TRUE(text);
    std::optional<std::string> program;
    if (importer::readImportSource(path, *text, sources, sink, documents) && documents.size() == 1) {
      program = importer.run(documents.front(), sink);
    }
    const fs::path expectedProgram = dir / p.filename().replace_extension(".rootpol");
    const fs::path expectedDiag = p.string() + ".diag";
    if (program) {
      testing::expectOrUpdate(expectedProgram, *program);
      EXPECT_FALSE(fs::exists(expectedDiag)) << path << " imports, but " << expectedDiag << " expects it not to";
    } else {
      testing::expectOrUpdate(expectedDiag, testing::renderAll(sources, sink.sorted()));
      EXPECT_FALSE(fs::exists(expectedProgram)) << path << " does not import: " << testing::renderAll(sources, sink.sorted());
    }
  }
  EXPECT_GE(seen, 8u);
}

}  // namespace
}  // namespace rootpol
