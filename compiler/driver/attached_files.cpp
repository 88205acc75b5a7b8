#include "driver/attached_files.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "base/file_input.h"
#include "driver/source_loader.h"

namespace rootpol::driver {
namespace fs = std::filesystem;

namespace {

fs::path resolve(const SourceManager& sources, const ast::PolicyRef& ref) {
  const fs::path written(ref.name);
  if (written.is_absolute()) return written;
  const std::string& from = sources.file(ref.span.file).path();
  const fs::path dir = from == input::kStdinName ? fs::path() : fs::path(from).parent_path();
  return (dir / written).lexically_normal();
}

class Loader {
 public:
  Loader(const fs::path& root, SourceManager& sources, DiagnosticSink& sink)
      : root_(root), sources_(sources), sink_(sink) {}

  void load(const ast::PolicyRef& ref, std::vector<AttachedFile>& out) {
    const fs::path path = resolve(sources_, ref);
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (!SourceLoader::isInside(canonical, root_)) {
      // Never read: a program must not make rootpol read (and echo in diagnostics) files
      // outside the tree it was given.
      sink_.report(DiagCode::RP3016, ref.pathSpan, fmt::format("`{}` is outside the project root", ref.name))
          .help = fmt::format("the project root is `{}`; pass `--root` to widen it", SourceLoader::displayPath(root_));
      return;
    }
    const std::string key = canonical.string();
    auto seen = loaded_.find(key);
    if (seen != loaded_.end()) {
      if (seen->second) out.push_back(AttachedFile{ref.name, ref.span, *seen->second});
      return;
    }
    std::optional<runner::JsonPolicy> policy = read(ref, path);
    loaded_[key] = policy;
    if (policy) out.push_back(AttachedFile{ref.name, ref.span, std::move(*policy)});
  }

 private:
  // The reader's diagnostics (which point into the JSON) are kept; when it leaves no policy,
  // one more error points at the path in the program.
  std::optional<runner::JsonPolicy> read(const ast::PolicyRef& ref, const fs::path& path) {
    DiagnosticSink scratch;
    std::vector<runner::JsonPolicy> policies;
    std::string error;
    if (!runner::loadJsonPolicies({path.string()}, sources_, scratch, policies, error)) {
      Diagnostic& d = sink_.report(DiagCode::RP3016, ref.pathSpan, error);
      d.help = "the path is relative to the directory of this file";
      return std::nullopt;
    }
    for (const Diagnostic& d : scratch.sorted()) sink_.report(d.code, d.span, d.message) = d;
    // `attach file` places an SCP: an RCP file would need the RCP chain (write it as a
    // `resource policy`, or give it to `test`/`explain` without an organization).
    const bool rcp = policies.size() == 1 && policies.front().rcp;
    if (policies.size() == 1 && !scratch.hasErrors() && !rcp) {
      policies.front().name = ref.name;
      return std::move(policies.front());
    }
    Diagnostic& d = sink_.report(DiagCode::RP3017, ref.pathSpan,
                                 fmt::format("`{}` is not an SCP that rootpol can decide with", ref.name));
    d.notes.push_back(
        "an attached file holds an SCP document, or the output of `aws organizations describe-policy` for one");
    if (rcp) d.notes.push_back("this file is a resource control policy (every statement denies `\"Principal\": \"*\"`)");
    if (scratch.hasErrors()) d.notes.push_back("the problems are reported where they are in the file");
    return std::nullopt;
  }

  fs::path root_;
  SourceManager& sources_;
  DiagnosticSink& sink_;
  std::map<std::string, std::optional<runner::JsonPolicy>> loaded_;
};

}  // namespace

std::vector<AttachedFile> loadAttachedFiles(const std::vector<ast::Module*>& modules,
                                            const fs::path& projectRoot, SourceManager& sources,
                                            DiagnosticSink& sink) {
  std::vector<AttachedFile> out;
  std::error_code ec;
  const fs::path root = projectRoot.empty() ? fs::current_path(ec) : projectRoot;
  Loader loader(fs::weakly_canonical(root, ec), sources, sink);
  for (const ast::Module* module : modules) {
    for (const ast::Attach& attach : module->attaches) {
      for (const ast::PolicyRef& ref : attach.policies) {
        if (ref.file) loader.load(ref, out);
      }
    }
  }
  return out;
}

}  // namespace rootpol::driver
