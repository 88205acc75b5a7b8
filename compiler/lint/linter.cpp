#include "lint/linter.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/catalog.h"
#include "driver/compilation.h"
#include "driver/limits.h"
#include "interp/glob.h"
#include "lint/from_rootpol.h"
#include "lint/json_policy.h"
#include "lint/rule.h"
#include "lint/suppressions.h"
#include "org/model.h"
#include "stdlib_files.h"

namespace rootpol::lint {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPolicyExtensions[] = {".json", ".tftpl", ".yaml", ".yml"};

bool isPolicyFile(const fs::path& p) {
  std::string ext = p.extension().string();
  return std::find(std::begin(kPolicyExtensions), std::end(kPolicyExtensions), ext) !=
         std::end(kPolicyExtensions);
}

std::optional<std::string> readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// YAML found by walking a directory is linted only when it looks like a statement list (an
// `effect:` key), so CI and tool configuration next to the policies is not reported.
bool looksLikeYamlPolicy(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    std::size_t at = line.find_first_not_of(" \t-");
    if (at != std::string::npos &&
        (line.compare(at, 7, "effect:") == 0 || line.compare(at, 7, "Effect:") == 0))
      return true;
  }
  return false;
}

// Directories are walked in sorted order, skipping hidden folders and node_modules, so a run
// is deterministic and does not wander into tool caches.
void walk(const fs::path& dir, std::vector<fs::path>& out) {
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(dir)) entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    std::string name = p.filename().string();
    if (fs::is_directory(p)) {
      if (name.rfind('.', 0) != 0 && name != "node_modules") walk(p, out);
    } else if (p.extension() == ".yaml" || p.extension() == ".yml") {
      if (looksLikeYamlPolicy(p)) out.push_back(p);
    } else if (p.extension() == ".rootpol" || isPolicyFile(p)) {
      out.push_back(p);
    }
  }
}

bool rootKeysControlled(const org::Model& model) {
  return std::any_of(model.controls.begin(), model.controls.end(),
                     [](const org::EnabledControl& c) {
                       return c.id == "AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS" ||
                              c.id == "AWS-GR_RESTRICT_ROOT_USER";
                     });
}

}  // namespace

LintRun::LintRun(LintOptions options) : options_(std::move(options)) {}
LintRun::~LintRun() = default;

const SourceManager& LintRun::sources() const {
  return compilation_ ? compilation_->sources() : *ownSources_;
}

bool LintRun::collect(std::vector<std::string>& rootpol, std::vector<std::string>& policies) {
  for (const std::string& path : options_.paths) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      walk(path, files);
    } else if (fs::exists(path, ec)) {
      files.emplace_back(path);
    } else {
      toolError_ = fmt::format("cannot read `{}`: no such file or directory", path);
      return false;
    }
    for (const fs::path& f : files)
      (f.extension() == ".rootpol" ? rootpol : policies).push_back(f.generic_string());
  }
  return true;
}

bool LintRun::run() {
  std::vector<std::string> rootpolFiles;
  std::vector<std::string> policyFiles;
  if (!collect(rootpolFiles, policyFiles)) return false;
  std::vector<Diagnostic> all;
  std::vector<LintDocument> documents;
  bool controlled = false;
  if (!rootpolFiles.empty()) {
    driver::Options options;
    options.inputs = rootpolFiles;
    options.limits = options_.limits;
    compilation_ = std::make_unique<driver::Compilation>(options);
    if (!compilation_->run()) {
      toolError_ = compilation_->toolError();
      return false;
    }
    all = compilation_->diagnostics().diagnostics();
    for (const driver::CompiledPolicy& p : compilation_->policies())
      documents.push_back(fromCompiledPolicy(p));
    controlled = rootKeysControlled(compilation_->organization());
  } else {
    ownSources_ = std::make_unique<SourceManager>();
  }
  SourceManager& sources = compilation_ ? compilation_->sources() : *ownSources_;
  if (!loadConfig()) return false;
  DiagnosticSink sink;
  const catalog::Catalog& catalog = catalog::Catalog::builtin();
  for (const std::string& path : policyFiles) {
    std::optional<std::string> text = readText(path);
    if (!text) {
      toolError_ = fmt::format("cannot read `{}`", path);
      return false;
    }
    FileId id = sources.add(path, std::move(*text));
    if (auto doc = readPolicyFile(sources.file(id), catalog, sink))
      documents.push_back(std::move(*doc));
  }
  filesLinted_ = rootpolFiles.size() + policyFiles.size();
  std::string error;
  std::optional<driver::Limits> limits =
      driver::selectLimits(*stdlib::embeddedFile("limits.json"), options_.limits, error);
  if (!limits) {
    toolError_ = "--limits: " + error;
    return false;
  }
  LintContext context{documents, catalog, limits->scpMaxSize, sink, controlled, limits->rcpMaxSize};
  for (const LintRule& rule : lintRules()) {
    for (const LintDocument& doc : documents) {
      if (rule.checkDocument != nullptr) rule.checkDocument(doc, context);
    }
    if (rule.checkProgram != nullptr) rule.checkProgram(context);
  }
  all.insert(all.end(), sink.diagnostics().begin(), sink.diagnostics().end());
  finish(std::move(all));
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
  SourceManager& sources = compilation_ ? compilation_->sources() : *ownSources_;
  FileId id = sources.add(*path, std::move(*text));
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
                       [&](const std::string& glob) { return interp::globMatch(glob, path); });
  };
  all.erase(std::remove_if(all.begin(), all.end(), ignored), all.end());
  DiagnosticSink unused;
  for (FileId id = 1; sources.has(id); ++id) {
    if (fs::path(sources.file(id).path()).extension() == ".rootpol")
      applySuppressions(sources.file(id), all, unused);
  }
  all.insert(all.end(), unused.diagnostics().begin(), unused.diagnostics().end());
  all.insert(all.end(), configErrors_.begin(), configErrors_.end());
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : all) {
    auto it = config_.severity.find(d.code);
    if (it != config_.severity.end()) {
      if (!it->second) continue;
      d.severity = *it->second;
    }
    kept.push_back(std::move(d));
  }
  DiagnosticSink sorted;
  for (Diagnostic& d : kept) sorted.report(d.code, d.span, d.message) = std::move(d);
  findings_ = sorted.sorted();
}

bool LintRun::failed() const {
  Severity threshold = options_.failOn.value_or(config_.failOn.value_or(Severity::Error));
  return std::any_of(findings_.begin(), findings_.end(), [&](const Diagnostic& d) {
    return static_cast<int>(d.severity) >= static_cast<int>(threshold);
  });
}

}  // namespace rootpol::lint
