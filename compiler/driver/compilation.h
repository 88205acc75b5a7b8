#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alerts/alert.h"
#include "ast/ast.h"
#include "base/diagnostic.h"
#include "base/source.h"
#include "driver/attached_files.h"
#include "driver/limits.h"
#include "driver/options.h"
#include "driver/output_writer.h"
#include "policy/document.h"

namespace rootpol::org {
struct Model;
}

namespace rootpol::driver {

// One deployed document of a policy: the whole policy, or one part of it when it is over the
// size quota (docs/packing.md). Parts are attached wherever the policy is.
struct PolicyPart {
  std::string name;                    // the policy name for the first part, then NAME-2, NAME-3, ...
  std::string json;                    // minified, exactly the bytes written
  policy::Document document;           // what `json` serialises: merged statements
  std::size_t statementCount() const { return document.statements.size(); }
};

// One SCP (or RCP, for a `resource policy`) produced from one policy.
struct CompiledPolicy {
  std::string name;                    // the policy name; the file is scp/<name>.json (rcp/ for an RCP)
  const ast::Policy* source = nullptr;  // owned by the Compilation's modules
  // The lowered document, one statement per rule (or per disjunct), each keeping its rule's
  // span and Sid: what `test`, `explain` and lint decide with. The parts decide every request
  // exactly as it does (tests/unit/pack).
  policy::Document document;
  bool rcp = false;                    // a resource control policy
  std::vector<PolicyPart> parts;       // what is deployed; empty until packed (or on errors)
  // The largest part, in bytes.
  std::size_t largestPart() const;
};

// Runs the pipeline: load sources and imports, parse, check, lower, validate. Owns every
// artefact so callers (CLI, tests) can read them after run().
class Compilation {
 public:
  explicit Compilation(Options options);
  ~Compilation();

  // Returns false when a tool failure happened (unreadable input, bad option): see
  // toolError(). User errors are diagnostics; check diagnostics().hasErrors().
  bool run();

  const std::optional<std::string>& toolError() const { return toolError_; }
  const SourceManager& sources() const { return sources_; }
  // The linter adds the JSON files it reads, so one SourceManager renders every finding.
  SourceManager& sources() { return sources_; }
  const DiagnosticSink& diagnostics() const { return sink_; }
  const std::vector<std::unique_ptr<ast::Module>>& modules() const { return modules_; }
  const std::vector<CompiledPolicy>& policies() const { return policies_; }
  // The checked alerts, sorted by name (after run(); meaningful when there are no errors).
  const std::vector<alerts::Alert>& alerts() const { return alerts_; }
  const Options& options() const { return options_; }
  std::size_t scpSizeQuota() const { return scpSizeQuota_; }
  const Limits& limits() const { return limits_; }
  // The resolved organization (after run(); meaningful when there are no errors).
  const org::Model& organization() const { return *organization_; }
  std::vector<const CompiledPolicy*> policiesByName() const;
  // The SCPs of `attach file "PATH"` that were read without errors (driver/attached_files.h).
  const std::vector<AttachedFile>& attachedFiles() const { return attachedFiles_; }
  // Every file `compile` writes, paths relative to OUT: scp/, terraform/, cloudformation/,
  // cfct/, report.json. Call only after a run without errors.
  std::vector<OutputFile> outputs() const;

 private:
  bool load();
  bool loadExtraSources();
  void check();
  void organize();
  void lower();
  void checkNotEmpty();  // RP2008, see Options::requireContent

  Options options_;
  SourceManager sources_;
  DiagnosticSink sink_;
  std::vector<std::unique_ptr<ast::Module>> modules_;
  std::vector<CompiledPolicy> policies_;
  std::vector<alerts::Alert> alerts_;
  std::optional<std::string> toolError_;
  std::size_t scpSizeQuota_ = 0;
  Limits limits_;
  std::unique_ptr<org::Model> organization_;
  std::vector<AttachedFile> attachedFiles_;
  std::filesystem::path projectRoot_;  // `attach file` paths must stay inside it
};

}  // namespace rootpol::driver
