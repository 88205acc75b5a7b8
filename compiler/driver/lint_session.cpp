#include "driver/lint_session.h"

#include "driver/compilation.h"
#include "driver/limits.h"
#include "org/model.h"
#include "stdlib_files.h"

namespace rootpol::driver {

LintSession::LintSession(lint::LintOptions options, std::string limits)
    : run_(std::move(options)), limits_(std::move(limits)) {}
LintSession::~LintSession() = default;

bool LintSession::run() {
  if (!run_.collect()) {
    toolError_ = run_.toolError();
    return false;
  }
  // A bad --limits is reported once the paths are known to exist, whether or not there is a
  // .rootpol file among them (Compilation::run reports it the same way).
  std::string error;
  std::optional<std::string_view> table = stdlib::embeddedFile("limits.json");
  std::optional<Limits> limits = table ? selectLimits(*table, limits_, error) : std::nullopt;
  if (!limits) {
    toolError_ = table ? "--limits: " + error : "the embedded limits table is missing";
    return false;
  }
  lint::RootpolProgram program;
  SourceManager* sources = &ownSources_;
  if (!run_.rootpolFiles().empty()) {
    Options options;
    options.inputs = run_.rootpolFiles();
    options.limits = limits_;
    options.stdinText = run_.stdinText();
    compilation_ = std::make_unique<Compilation>(options);
    if (!compilation_->run()) {
      toolError_ = compilation_->toolError();
      return false;
    }
    program.diagnostics = compilation_->diagnostics().diagnostics();
    for (const CompiledPolicy& p : compilation_->policies()) {
      program.policies.push_back(lint::CompiledScp{
          p.name, p.source != nullptr ? p.source->nameSpan : Span{}, p.document, p.largestPart()});
    }
    for (const org::EnabledControl& c : compilation_->organization().controls)
      program.enabledControls.push_back(c.id);
    sources = &compilation_->sources();
  }
  if (!run_.run(*sources, std::move(program), lint::LintQuotas{limits->scpMaxSize, limits->rcpMaxSize})) {
    toolError_ = run_.toolError();
    return false;
  }
  return true;
}

}  // namespace rootpol::driver
