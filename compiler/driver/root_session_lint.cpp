#include "driver/root_session_lint.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/text.h"
#include "catalog/catalog.h"
#include "controls/control_catalog.h"
#include "driver/control_lint.h"
#include "stdlib_files.h"

namespace rootpol::driver {
namespace {

struct TaskAction {
  std::string policy;  // "IAMDeleteRootUserCredentials"
  std::string action;  // "iam:DeleteLoginProfile"
};

const std::vector<TaskAction>& taskActions() {
  static const std::vector<TaskAction> table = [] {
    auto text = stdlib::embeddedFile("root_tasks.json");
    // Embedded at build time: its absence is a build defect (a unit test reads it).
    if (!text) throw std::logic_error("stdlib/root_tasks.json is not embedded");
    std::vector<TaskAction> out;
    const nlohmann::json json = nlohmann::json::parse(*text);  // kept: the loop reads into it
    for (const auto& task : json.at("tasks")) {
      for (const auto& action : task.at("actions")) {
        out.push_back(TaskAction{task.at("policy").get<std::string>(), action.get<std::string>()});
      }
    }
    return out;
  }();
  return table;
}

// The first task action the rule's actions cover, or null. Resources are not compared: the tasks
// act on the account's own root user, buckets and queues, which any resource pattern may name.
const TaskAction* coveredTask(const ast::Rule& rule) {
  for (const TaskAction& task : taskActions()) {
    bool named = false;
    for (const ast::Value& pattern : rule.resolvedActions) named = named || catalog::globMatch(pattern.text, task.action);
    if (named != rule.actionsExcept) return &task;
  }
  return nullptr;
}

bool mentionsAssumedRoot(const ast::Cond& cond) {
  if (cond.kind == ast::Cond::Kind::Atom) return equalsIgnoreCase(cond.resolved.awsKey, "aws:AssumedRoot");
  for (const auto& child : cond.children) {
    if (mentionsAssumedRoot(*child)) return true;
  }
  return false;
}

bool exemptsSessions(const ast::Rule& rule) {
  for (const ast::CondClause& clause : rule.clauses) {
    if (clause.cond && mentionsAssumedRoot(*clause.cond)) return true;
  }
  return false;
}

// A policy attached nowhere blocks nothing: the warning is about what the organization runs.
bool attachedInOrganization(const org::Model& model, const std::string& policy) {
  return std::any_of(model.placements.begin(), model.placements.end(), [&](const org::Placement& p) {
    return std::any_of(p.attachments.begin(), p.attachments.end(),
                       [&](const org::Attachment& a) { return !a.external && !a.file && a.policy == policy; });
  });
}

const char* kWhy = "with `root_access centralized`, root tasks in member accounts run as sts:AssumeRoot sessions";

}  // namespace

void lintRootSessionRules(const ast::Policy& policy, const policy::Document& document, const org::Model& model,
                          DiagnosticSink& sink) {
  if (!model.rootAccessCentralized || !attachedInOrganization(model, policy.name)) return;
  std::optional<std::vector<std::vector<policy::Statement>>> byRule;  // built at the first finding
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const ast::Rule& rule = policy.rules[i];
    if (rule.effect != ast::Effect::Deny || !rule.forRoot || rule.forRootCredentials || exemptsSessions(rule)) continue;
    const TaskAction* task = coveredTask(rule);
    if (task == nullptr) continue;
    Diagnostic& d = sink.report(
        DiagCode::RP3020, rule.principalSpan,
        fmt::format("`for root` also denies AssumeRoot sessions, so this rule blocks the organization's own root "
                    "tasks ({} of task policy {})",
                    task->action, task->policy));
    d.labels.push_back({model.rootAccessSpan, "root access is centralized here"});
    d.notes.push_back(kWhy);
    d.help = "write `for root credentials`: it adds `Null aws:AssumedRoot true`, so only long-term root credentials are denied";
    if (!byRule) byRule = statementsByRule(policy, document);
    for (const controls::RuleControlMatch& m : matchRuleControls((*byRule)[i]).matches) {
      if (m.kind != controls::RuleControlMatch::Kind::Exact || m.control->parameter(kExemptAssumeRoot) == nullptr) continue;
      d.help = fmt::format("write `for root credentials`; as control {} it is the {} parameter: "
                           "`control {} on ou ... with {{ {}: true }}`",
                           m.control->id, kExemptAssumeRoot, m.control->id, kExemptAssumeRoot);
      break;
    }
  }
}

void lintRootSessionControls(const org::Model& model, DiagnosticSink& sink) {
  if (!model.rootAccessCentralized) return;
  const controls::ControlCatalog& catalog = controls::ControlCatalog::builtin();
  for (const org::EnabledControl& enabled : model.controls) {
    const controls::Control* control = catalog.find(enabled.id);
    if (control == nullptr || control->parameter(kExemptAssumeRoot) == nullptr) continue;
    bool exempt = false;
    for (const org::ControlParameter& p : enabled.parameters) exempt = exempt || (p.name == kExemptAssumeRoot && p.json != "false");
    if (exempt) continue;
    Diagnostic& d = sink.report(DiagCode::RP3020, enabled.span,
                                fmt::format("control {} without {} also denies AssumeRoot sessions, so it blocks "
                                            "the organization's own root tasks",
                                            enabled.id, kExemptAssumeRoot));
    d.labels.push_back({model.rootAccessSpan, "root access is centralized here"});
    d.notes.push_back(kWhy);
    d.help = fmt::format("add `{}: true` to its `with {{ }}`", kExemptAssumeRoot);
  }
}

}  // namespace rootpol::driver
