#include "lint/linter.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/file_input.h"
#include "base/threads.h"
#include "catalog/catalog.h"
#include "policy/glob.h"
#include "lint/from_rootpol.h"
#include "lint/json_policy.h"
#include "lint/rule.h"
#include "lint/rule_runner.h"
#include "lint/suppressions.h"

namespace rootpol::lint {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPolicyExtensions[] = {".json", ".tftpl", ".yaml", ".yml"};

bool isPolicyFile(const fs::path& p) {
  std::string ext = p.extension().string();
  return std::find(std::begin(kPolicyExtensions), std::end(kPolicyExtensions), ext) !=
         std::end(kPolicyExtensions);
}

// Only regular files are read (base/file_input.h): a FIFO must not hang lint, and /proc must
// not end up in a finding's snippet. The byte-order mark is dropped there too.
std::optional<std::string> readText(const std::string& path) { return input::readFile(path).text; }

// YAML found by walking a directory is linted only when it looks like a statement list (an
// `effect:` key), so CI and tool configuration next to the policies is not reported.
bool looksLikeYamlPolicy(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    std::string_view line = text.substr(at, end == std::string_view::npos ? text.npos : end - at);
    std::size_t first = line.find_first_not_of(" \t-");
    if (first != std::string_view::npos &&
        (line.compare(first, 7, "effect:") == 0 || line.compare(first, 7, "Effect:") == 0))
      return true;
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return false;
}

bool isYaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

// Directories are walked in sorted order, skipping hidden folders and node_modules, so a run
// is deterministic and does not wander into tool caches.
void walk(const fs::path& dir, std::vector<fs::path>& out, std::vector<input::Skipped>& skipped) {
  input::WalkOptions options;
  options.skipHiddenDirectories = true;
  options.wanted = [](const fs::path& p) { return p.extension() == ".rootpol" || isPolicyFile(p); };
  std::vector<fs::path> found;
  input::walkDirectory(dir, options, found, skipped);
  for (const fs::path& p : found) {
    if (!isYaml(p)) {
      out.push_back(p);
      continue;
    }
    std::optional<std::string> text = readText(p.string());
    if (!text || looksLikeYamlPolicy(*text)) out.push_back(p);  // unreadable: reported later
  }
}

// What standard input holds, by its first bytes: a JSON policy, a YAML statement list, or a
// .rootpol program. The returned name's extension picks the reader.
std::string stdinKind(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) return ".json";
  return looksLikeYamlPolicy(text) ? ".yaml" : ".rootpol";
}

bool rootKeysControlled(const std::vector<std::string>& enabledControls) {
  return std::any_of(enabledControls.begin(), enabledControls.end(), [](const std::string& id) {
    return id == "AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS" || id == "AWS-GR_RESTRICT_ROOT_USER";
  });
}

}  // namespace

LintRun::LintRun(LintOptions options) : options_(std::move(options)) {}
LintRun::~LintRun() = default;

bool LintRun::collect() {
  std::vector<std::string>& rootpol = rootpolFiles_;
  std::vector<std::string>& policies = policyFiles_;
  for (const std::string& path : options_.paths) {
    std::vector<fs::path> files;
    if (path == input::kStdinArg) {
      if (!stdinText_) {
        input::ReadResult read = input::readStdin();
        if (!read.text) {
          toolError_ = input::describe(read.problem, input::kStdinName, read.detail);
          return false;
        }
        stdinText_ = std::move(read.text);
      }
      (stdinKind(*stdinText_) == ".rootpol" ? rootpol : policies).push_back(path);
      continue;
    }
    bool isDirectory = false;
    input::Problem problem = input::classify(path, isDirectory);
    if (problem == input::Problem::Missing || problem == input::Problem::Unreadable) {
      toolError_ = input::describe(problem, path, "permission denied");
      return false;
    }
    if (problem != input::Problem::None) {
      refused_.emplace_back(path, problem);
    } else if (isDirectory) {
      walk(path, files, skipped_);
    } else {
      files.emplace_back(path);
    }
    for (const fs::path& f : files)
      (f.extension() == ".rootpol" ? rootpol : policies).push_back(f.generic_string());
  }
  return true;
}

// RP0011/RP0012 for what a walk skipped and RP0013 for refused inputs: each points at an empty
// stand-in for the path, so no byte of the file is ever shown.
void LintRun::reportInputProblems(SourceManager& sources, std::vector<Diagnostic>& all) const {
  auto add = [&](DiagCode code, const std::string& path, std::string message, std::string help) {
    FileId id = sources.add(path, "");
    DiagnosticSink one;
    one.report(code, Span{id, 0, 0}, std::move(message)).help = std::move(help);
    all.push_back(one.diagnostics().front());
  };
  for (const input::Skipped& s : skipped_) {
    std::string path = s.path.generic_string();
    bool link = s.problem == input::Problem::OutsideLink;
    add(link ? DiagCode::RP0012 : DiagCode::RP0011, path, "skipped " + input::describe(s.problem, path),
        link ? "its target is not read: a link out of the tree could expose any file; name the target "
               "itself on the command line to read it"
             : "only regular files are read while walking a directory");
  }
  for (const auto& [path, problem] : refused_)
    add(DiagCode::RP0013, path, "not reading " + input::describe(problem, path),
        "pass a regular file, or `-` to read standard input");
}

bool LintRun::run(SourceManager& sources, RootpolProgram program, const LintQuotas& quotas) {
  sources_ = &sources;
  std::vector<Diagnostic> all = std::move(program.diagnostics);
  std::vector<LintDocument> documents;
  for (const CompiledScp& p : program.policies) documents.push_back(fromCompiledPolicy(p));
  bool controlled = rootKeysControlled(program.enabledControls);
  reportInputProblems(sources, all);
  if (!loadConfig()) return false;
  DiagnosticSink sink;
  const catalog::Catalog& catalog = catalog::Catalog::builtin();
  for (const std::string& path : policyFiles_) {
    bool fromStdin = path == input::kStdinArg;
    input::ReadResult read;
    read.text = stdinText_;
    if (!fromStdin) read = input::readFile(path);
    if (!read.text) {
      toolError_ = input::describe(read.problem, path, read.detail);
      return false;
    }
    FileId id = sources.add(fromStdin ? std::string(input::kStdinName) : path, std::move(*read.text));
    std::string kind = fromStdin ? stdinKind(sources.file(id).text()) : std::string();
    DeclaredKind declared =
        options_.kind != DeclaredKind::Auto ? options_.kind : config_.kindOf(path);
    if (auto doc = readPolicyFile(sources.file(id), catalog, sink, kind, declared, options_.threads))
      documents.push_back(std::move(*doc));
  }
  filesLinted_ = rootpolFiles_.size() + policyFiles_.size();
  std::vector<Diagnostic> read = std::move(sink).take();
  all.insert(all.end(), std::make_move_iterator(read.begin()), std::make_move_iterator(read.end()));
  RuleInputs inputs{documents, catalog, quotas.scpMaxSize, controlled, quotas.rcpMaxSize};
  std::vector<Diagnostic> found = runRules(lintRules(), inputs, options_.threads);
  all.insert(all.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  // The documents are no longer read: they are freed on a second thread while the findings are
  // sorted (the model of 100,000 statements is millions of small blocks).
  WorkQueue lastSteps(2);
  runOnThreads(std::min(options_.threads, 2u), [&] {
    for (std::size_t step = 0; lastSteps.next(step);) {
      if (step == 0) std::vector<LintDocument>().swap(documents);
      else finish(std::move(all));
    }
  });
  return true;
}

bool LintRun::loadConfig() {
  std::optional<std::string> path = options_.configFile;
  std::error_code ec;
  if (!path && fs::exists(".rootpol-lint.json", ec)) path = ".rootpol-lint.json";
  if (!path) return true;
  std::optional<std::string> text = readText(*path);
  if (!text) {
    toolError_ = fmt::format("cannot read the lint configuration `{}`", *path);
    return false;
  }
  std::string error;
  std::size_t offset = 0;
  if (auto config = parseLintConfig(*text, error, offset)) {
    config_ = std::move(*config);
    return true;
  }
  // Reported like any finding, with the position, so an editor can jump to it.
  FileId id = sources_->add(*path, std::move(*text));
  auto at = static_cast<std::uint32_t>(offset);
  Diagnostic d{DiagCode::RP4201, Severity::Error, error, Span{id, at, at}, {}, {}, std::nullopt};
  configErrors_.push_back(std::move(d));
  return true;
}

void LintRun::finish(std::vector<Diagnostic> all) {
  const SourceManager& sources = this->sources();
  auto ignored = [&](const Diagnostic& d) {
    if (!d.span || !sources.has(d.span->file)) return false;
    const std::string& path = sources.file(d.span->file).path();
    return std::any_of(config_.ignore.begin(), config_.ignore.end(),
                       [&](const std::string& glob) { return policy::globMatch(glob, path); });
  };
  if (!config_.ignore.empty()) all.erase(std::remove_if(all.begin(), all.end(), ignored), all.end());
  DiagnosticSink unused;
  for (FileId id = 1; sources.has(id); ++id) {
    if (fs::path(sources.file(id).path()).extension() == ".rootpol")
      applySuppressions(sources.file(id), all, unused);
  }
  all.insert(all.end(), unused.diagnostics().begin(), unused.diagnostics().end());
  all.insert(all.end(), configErrors_.begin(), configErrors_.end());
  // The configuration's severities, in place: a lint of a large document has tens of thousands
  // of findings, each moved only when one before it was dropped.
  if (!config_.severity.empty()) {
    std::size_t kept = 0;
    for (Diagnostic& d : all) {
      auto it = config_.severity.find(d.code);
      if (it != config_.severity.end()) {
        if (!it->second) continue;
        d.severity = *it->second;
      }
      if (&all[kept] != &d) all[kept] = std::move(d);
      ++kept;
    }
    all.erase(all.begin() + static_cast<std::ptrdiff_t>(kept), all.end());
  }
  findings_ = sortedAndUnique(std::move(all));
}

bool LintRun::failed() const {
  Severity threshold = options_.failOn.value_or(config_.failOn.value_or(Severity::Error));
  return std::any_of(findings_.begin(), findings_.end(), [&](const Diagnostic& d) {
    return static_cast<int>(d.severity) >= static_cast<int>(threshold);
  });
}

}  // namespace rootpol::lint
