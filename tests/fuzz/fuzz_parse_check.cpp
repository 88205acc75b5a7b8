// libFuzzer target: the bytes are one .rootpol source, run through the whole in-process
// pipeline (parse, semantic check, lowering, JSON writing, diagnostic rendering). Any crash,
// sanitizer report, leak or timeout is a bug. See tests/fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/render.h"
#include "lower/lower.h"
#include "policy/document.h"
#include "sema/checker.h"
#include "sema/key_table.h"
#include "stdlib_files.h"
#include "syntax/parse.h"

namespace {

const rootpol::sema::KeyTable& keyTable() {
  static const rootpol::sema::KeyTable table = [] {
    std::string error;
    auto text = rootpol::stdlib::embeddedFile("keys.json");
    auto keys = text ? rootpol::sema::KeyTable::fromJson(*text, error) : std::nullopt;
    if (!keys) std::abort();  // the embedded table is broken: nothing to fuzz
    return *keys;
  }();
  return table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rootpol;
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.add("fuzz.rootpol", std::string(reinterpret_cast<const char*>(data), size));
  std::vector<std::unique_ptr<ast::Module>> modules;
  modules.push_back(syntax::parse(sources.file(id), sink));

  // `import "stdlib/<name>.rootpol"` is resolved from the embedded standard library, as the
  // source loader does; other imports are left unresolved (no file system here).
  for (const ast::Import& import : std::vector<ast::Import>(modules.front()->imports)) {
    constexpr std::string_view kPrefix = "stdlib/";
    if (import.path.rfind(kPrefix, 0) != 0) continue;
    auto text = stdlib::embeddedFile(std::string_view(import.path).substr(kPrefix.size()));
    if (!text) continue;
    FileId lib = sources.add(import.path, std::string(*text));
    modules.push_back(syntax::parse(sources.file(lib), sink));
  }

  if (!sink.hasErrors()) {
    std::vector<ast::Module*> checked;
    for (auto& m : modules) checked.push_back(m.get());
    sema::checkProgram(checked, keyTable(), sink);
  }
  if (!sink.hasErrors()) {
    for (const ast::Policy& policy : modules.front()->policies) {
      policy::Document doc = lower::lowerPolicy(policy, sink);
      std::string json = policy::toJson(doc);
      if (json.empty()) std::abort();
    }
  }

  // Rendering reads the spans of every diagnostic against the source text.
  std::vector<Diagnostic> diagnostics = sink.sorted();
  for (const Diagnostic& d : diagnostics) (void)renderHuman(sources, d, {});
  (void)renderJson(sources, diagnostics);
  return 0;
}
