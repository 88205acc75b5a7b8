// `rootpol diff OLD NEW` (spec 10.4, docs/impact.md): the requests whose decision changes between
// two programs, per account of the organization, with a witness each.
#include <fmt/format.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "catalog/catalog.h"
#include "cli/commands.h"
#include "diff/diff.h"
#include "diff/report.h"
#include "driver/compilation.h"
#include "runner/chains.h"

namespace rootpol::cli {
namespace {

namespace fs = std::filesystem;

// Runs a program (no shell: the arguments are passed as they are, so a revision cannot inject
// commands); true when it exits 0.
bool run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    // Its own complaints would interleave with ours: the caller says what failed.
    if (int null = open("/dev/null", O_WRONLY); null >= 0) dup2(null, STDERR_FILENO);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// A temporary directory removed when the diff ends.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "rootpol-diff-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

// `git:REV[:PATH]`: the tree of REV (the repository of the current directory), extracted into a
// temporary directory; the program is PATH in it (default: the whole tree). Otherwise the path.
std::optional<std::string> materialise(const std::string& spec, TempDir& tmp, std::string& error) {
  if (spec.rfind("git:", 0) != 0) return spec;
  const std::string rest = spec.substr(4);
  const std::size_t colon = rest.find(':');
  const std::string rev = rest.substr(0, colon);
  const std::string path = colon == std::string::npos ? "" : rest.substr(colon + 1);
  if (rev.empty() || rev[0] == '-') {
    error = fmt::format("`{}`: expected git:REV[:PATH]", spec);
    return std::nullopt;
  }
  if (tmp.path.empty()) {
    error = "cannot create a temporary directory";
    return std::nullopt;
  }
  const fs::path tar = tmp.path / "tree.tar", tree = tmp.path / "tree";
  fs::create_directories(tree);
  std::vector<std::string> archive{"git", "archive", "--format=tar", "-o", tar.string(), rev};
  if (!path.empty()) archive.insert(archive.end(), {"--", path});
  if (!run(archive) || !run({"tar", "-xf", tar.string(), "-C", tree.string()})) {
    error = fmt::format("`{}`: `git archive {}` failed (is this a git repository, and does the revision exist?)",
                        spec, rev);
    return std::nullopt;
  }
  return (path.empty() ? tree : tree / path).string();
}

// One program compiled, and what diff needs of it.
struct Program {
  std::unique_ptr<driver::Compilation> compilation;
  std::unique_ptr<runner::OrganizationChains> chains;
  diff::Side side;
};

std::optional<int> load(const std::string& path, const DiffFlags& flags, Program& out) {
  driver::Options options;
  options.inputs = {path};
  out.compilation = std::make_unique<driver::Compilation>(options);
  CommonFlags common;
  common.color = flags.color;
  if (!out.compilation->run()) {
    printDiagnostics(out.compilation->sources(), out.compilation->diagnostics().sorted(), common);
    std::cerr << "rootpol: " << out.compilation->toolError().value_or("failed") << "\n";
    return kExitToolFailure;
  }
  if (out.compilation->diagnostics().hasErrors()) {
    printDiagnostics(out.compilation->sources(), out.compilation->diagnostics().sorted(), common);
    return kExitInputErrors;
  }
  out.chains = std::make_unique<runner::OrganizationChains>(*out.compilation, runner::JsonInputs{});
  const runner::OrganizationChains& chains = *out.chains;
  out.side.scpChain = [&chains](const std::string& id) -> std::optional<std::vector<eval::Level>> {
    auto placed = chains.placeAccountId(id);
    if (!placed || placed->exemption) return std::nullopt;
    return placed->chain;
  };
  out.side.rcpChain = [&chains](std::string_view action, const std::string& id) {
    return chains.placeResourceAccountId(action, id).chain;
  };
  for (const driver::CompiledPolicy& p : out.compilation->policies()) out.side.documents.push_back(&p.document);
  for (const driver::AttachedFile& f : out.compilation->attachedFiles()) out.side.documents.push_back(&f.policy.document);
  return std::nullopt;
}

// The member accounts of either organization (by id; the newer program's name wins), or one
// account standing for every account when neither declares an organization.
std::vector<diff::Account> accounts(const org::Model& before, const org::Model& after) {
  std::map<std::string, std::string> byId;
  for (const org::Model* m : {&before, &after}) {
    for (const org::Node& n : m->nodes) {
      if (n.kind != org::Node::Kind::Account || !n.id || n.management || m->managementAccountId == n.id) continue;
      byId[*n.id] = n.name;
    }
  }
  std::vector<diff::Account> out;
  for (const auto& [id, name] : byId) out.push_back({name, id});
  if (out.empty() && !before.declared && !after.declared) out.push_back({"account", std::string(runner::kDefaultAccount)});
  return out;
}

}  // namespace

int runDiff(const DiffFlags& flags) {
  TempDir beforeTmp, afterTmp;
  std::string error;
  auto beforePath = materialise(flags.before, beforeTmp, error);
  auto afterPath = beforePath ? materialise(flags.after, afterTmp, error) : std::nullopt;
  if (!beforePath || !afterPath) {
    std::cerr << "rootpol: " << error << "\n";
    return kExitToolFailure;
  }
  Program before, after;
  if (auto code = load(*beforePath, flags, before)) return *code;
  if (auto code = load(*afterPath, flags, after)) return *code;
  const org::Model& newer = after.compilation->organization();
  const org::Model& older = before.compilation->organization();
  diff::Settings settings;
  settings.homeRegion = newer.homeRegion ? newer.homeRegion : older.homeRegion;
  settings.organizationId = newer.organizationId ? newer.organizationId : older.organizationId;
  const std::vector<diff::Account> all = accounts(older, newer);
  const diff::Result result =
      diff::compare(before.side, after.side, all, catalog::Catalog::builtin(), settings);
  if (flags.output == "json") {
    std::cout << diff::renderJson(result);
  } else if (flags.output == "html") {
    std::cout << diff::renderHtml(result, all.size());
  } else if (flags.output == "markdown") {
    std::cout << diff::renderMarkdown(result, all.size());
  } else {
    std::cout << diff::renderText(result, all.size());
  }
  bool widened = false, narrowed = false;
  for (const diff::Change& c : result.changes) (c.widened ? widened : narrowed) = true;
  const bool fail = (flags.failOn == "widened" && widened) || (flags.failOn == "narrowed" && narrowed) ||
                    (flags.failOn == "any" && (widened || narrowed));
  return fail ? kExitInputErrors : kExitOk;
}

}  // namespace rootpol::cli
