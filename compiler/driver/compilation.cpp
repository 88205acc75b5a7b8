#include "driver/compilation.h"

#include "org/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/file_input.h"
#include "catalog/catalog.h"
#include "driver/control_lint.h"
#include "driver/root_session_lint.h"
#include "emit/emit.h"
#include "driver/limits.h"
#include "driver/packing.h"
#include "driver/source_loader.h"
#include "lower/alerts.h"
#include "lower/lower.h"
#include "org/build_model.h"
#include "sema/checker.h"
#include "sema/key_table.h"
#include "stdlib_files.h"
#include "syntax/parse.h"

namespace rootpol::driver {
namespace fs = std::filesystem;

namespace {

// Only a regular file is read (see base/file_input.h); a FIFO given as --catalog must not hang.
std::optional<std::string> readWholeFile(const std::string& path) { return input::readFile(path).text; }

}  // namespace

Compilation::Compilation(Options options) : options_(std::move(options)) {}
Compilation::~Compilation() = default;

bool Compilation::run() {
  std::string error;
  auto limitsText = stdlib::embeddedFile("limits.json");
  auto limits = limitsText ? selectLimits(*limitsText, options_.limits, error) : std::nullopt;
  if (!limits) {
    toolError_ = limitsText ? "--limits: " + error : "the embedded limits table is missing";
    return false;
  }
  limits_ = *limits;
  scpSizeQuota_ = limits->scpMaxSize;
  if (!load()) return false;
  check();
  if (toolError_) return false;
  organize();
  if (!sink_.hasErrors()) lower();
  if (options_.requireContent && !sink_.hasErrors()) checkNotEmpty();
  return true;
}

void Compilation::checkNotEmpty() {
  const org::Model& model = *organization_;
  bool placed = std::any_of(model.placements.begin(), model.placements.end(), [](const org::Placement& p) {
    return !p.attachments.empty() || !p.fullAwsAccess || !p.controls.empty();
  });
  if (!policies_.empty() || placed || !model.controls.empty() || !alerts_.empty()) return;
  std::optional<Span> at;
  if (!modules_.empty()) at = Span{modules_.front()->file, 0, 0};
  Diagnostic& d = sink_.report(DiagCode::RP2008, at, "the program has no policy, attachment or control");
  d.notes.push_back(
      "its Terraform and CloudFormation would manage nothing, so applying them deletes every policy they "
      "managed before");
  d.help = "pass `--allow-empty` if removing everything is what you want";
}

bool Compilation::load() {
  SourceLoader loader(sources_, sink_, options_.stdlibDir);
  if (options_.stdinText) loader.setStdinText(*options_.stdinText);
  // `rootpol explain` over JSON policies alone: the program is the request's test block.
  if (options_.inputs.empty() && !options_.extraSources.empty()) return loadExtraSources();
  std::vector<fs::path> files;
  std::string error;
  if (!loader.expandInputs(options_.inputs, files, error)) {
    toolError_ = error;
    return false;
  }
  fs::path root = options_.projectRoot ? fs::weakly_canonical(fs::absolute(*options_.projectRoot))
                                       : SourceLoader::commonRoot(options_.inputs);
  projectRoot_ = root;
  if (!loader.load(files, root, modules_, error)) {
    toolError_ = error;
    return false;
  }
  return loadExtraSources();
}

bool Compilation::loadExtraSources() {
  for (auto& [name, text] : options_.extraSources) {
    FileId id = sources_.add(name, text);
    modules_.push_back(syntax::parse(sources_.file(id), sink_));
  }
  return true;
}

void Compilation::check() {
  const sema::KeyTable& keys = sema::KeyTable::builtin();
  std::vector<ast::Module*> modules;
  for (auto& m : modules_) modules.push_back(m.get());
  if (!options_.catalogFile) {
    sema::checkProgram(modules, keys, sink_);
    return;
  }
  std::string error;
  auto text = readWholeFile(*options_.catalogFile);
  auto catalog = text ? catalog::Catalog::fromText(std::move(*text), error, catalog::Catalog::Check::Full)
                      : std::nullopt;
  if (!catalog) {
    toolError_ = text ? "--catalog " + *options_.catalogFile + ": " + error
                      : "--catalog: cannot read `" + *options_.catalogFile + "`";
    return;
  }
  sema::checkProgram(modules, keys, *catalog, sink_);
}

// The organization is resolved even when policies have errors, so one run reports both.
void Compilation::organize() {
  org::BuildOptions build;
  build.scpsPerTarget = limits_.scpsPerTarget;
  build.ouMaxDepth = limits_.ouMaxDepth;
  build.limitsName = limits_.name;
  build.rcpsPerTarget = limits_.rcpsPerTarget;
  std::vector<ast::Module*> modules;
  for (auto& m : modules_) {
    modules.push_back(m.get());
    for (const ast::Policy& policy : m->policies) {
      if (policy.kind == ast::PolicyKind::Rcp) build.rcpPolicies.insert(policy.name);
      bool allows = std::any_of(policy.rules.begin(), policy.rules.end(),
                                [](const ast::Rule& r) { return r.effect == ast::Effect::Allow; });
      build.policyHasAllow[policy.name] = build.policyHasAllow[policy.name] || allows;
    }
  }
  organization_ = std::make_unique<org::Model>(org::buildModel(modules, build, sink_));
  attachedFiles_ = loadAttachedFiles(modules, projectRoot_, sources_, sink_);
}

void Compilation::lower() {
  for (const auto& module : modules_) {
    for (const ast::Policy& policy : module->policies) {
      policy::Document doc = lower::lowerPolicy(policy, sink_);
      lintRulesAgainstControls(policy, doc, sink_);
      lintRootSessionRules(policy, doc, *organization_, sink_);
      policies_.push_back(CompiledPolicy{policy.name, &policy, std::move(doc), policy.kind == ast::PolicyKind::Rcp, {}});
    }
  }
  packPolicies(policies_, *organization_, limits_, options_.wildcardActions, sink_);
  lintRootSessionControls(*organization_, sink_);
  for (const auto& module : modules_) {
    for (const ast::Alert& alert : module->alerts) {
      if (alert.checked) alerts_.push_back(lower::lowerAlert(alert));
    }
  }
  // By name, as the policies are written, so `compile a b` and `compile b a` agree.
  std::sort(alerts_.begin(), alerts_.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
}

std::vector<const CompiledPolicy*> Compilation::policiesByName() const {
  std::vector<const CompiledPolicy*> out;
  for (const CompiledPolicy& p : policies_) out.push_back(&p);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->name < b->name; });
  return out;
}

// Ordered by policy name, not by input order, so `compile a b` and `compile b a` agree.
std::vector<OutputFile> Compilation::outputs() const {
  std::vector<OutputFile> files;
  std::vector<emit::PolicyOutput> policies;
  for (const CompiledPolicy* p : policiesByName()) {
    std::string description = p->source != nullptr ? p->source->description.value_or("") : "";
    for (std::size_t i = 0; i < p->parts.size(); ++i) {
      const PolicyPart& part = p->parts[i];
      // A part says which it is, so that the console and `describe-policy` tell parts apart.
      std::string about = description;
      if (p->parts.size() > 1) {
        about += fmt::format("{}part {} of {} of {}", about.empty() ? "" : " (", i + 1, p->parts.size(), p->name);
        if (!description.empty()) about += ")";
      }
      policies.push_back(emit::PolicyOutput{part.name, std::move(about), part.json, part.statementCount(), p->rcp, p->name,
                                            i + 1, p->parts.size()});
      if (p->source != nullptr) {
        const SourceFile& file = sources_.file(p->source->nameSpan.file);
        policies.back().source = fmt::format("{}:{}", file.path(), file.lineCol(p->source->nameSpan.begin).line);
      }
      files.push_back({policies.back().file(), part.json});
    }
  }
  emit::Quotas quotas{limits_.name,       limits_.scpMaxSize, limits_.scpsPerTarget, limits_.ouMaxDepth,
                      limits_.rcpMaxSize, limits_.rcpsPerTarget};
  for (emit::File& f : emit::emitAll(emit::EmitInput{*organization_, policies, quotas, alerts_})) {
    files.push_back({std::move(f.path), std::move(f.content)});
  }
  return files;
}

}  // namespace rootpol::driver
