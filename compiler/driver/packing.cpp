#include "driver/packing.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "catalog/catalog.h"
#include "org/model.h"
#include "pack/pack.h"

namespace rootpol::driver {
namespace {

// Statements of rules with their own Sid (`as "..."`) keep their identity: never merged.
std::vector<bool> pinnedStatements(const CompiledPolicy& p) {
  std::set<std::pair<FileId, std::size_t>> named;
  for (const ast::Rule& rule : p.source->rules) {
    if (rule.sid) named.emplace(rule.span.file, rule.span.begin);
  }
  std::vector<bool> out;
  for (const policy::Statement& s : p.document.statements) out.push_back(named.count({s.origin.file, s.origin.begin}) > 0);
  return out;
}

std::string partName(const std::string& policy, std::size_t index) {
  return index == 0 ? policy : fmt::format("{}-{}", policy, index + 1);
}

// The list that makes a statement large: its resources or a condition entry's values, with
// their size (the bytes of the values, quoted, with their commas).
std::string largestList(const policy::Statement& s) {
  auto bytes = [](const std::vector<std::string>& values) {
    std::size_t n = 0;
    for (const std::string& v : values) n += v.size() + 3;
    return n;
  };
  std::string what = fmt::format("its {} {} ({} values, about {} bytes)", s.notResource ? "NotResource" : "Resource",
                                 "list", s.resources.size(), bytes(s.resources));
  std::size_t most = bytes(s.resources);
  if (s.notAction && bytes(s.actions) > most) {
    most = bytes(s.actions);
    what = fmt::format("its NotAction list ({} actions, about {} bytes)", s.actions.size(), most);
  }
  for (const policy::ConditionEntry& e : s.conditions) {
    if (bytes(e.values) <= most) continue;
    most = bytes(e.values);
    what = fmt::format("its {} test of {} ({} values, about {} bytes)", e.op, e.key, e.values.size(), most);
  }
  return what;
}

// RP2001: one rule is larger than the quota by itself, which no split can help.
void reportOversized(const CompiledPolicy& p, const pack::Packed& packed, std::size_t quota, DiagnosticSink& sink) {
  const char* type = p.rcp ? "RCP" : "SCP";
  if (!packed.oversized) {
    sink.report(DiagCode::RP2001, p.source->nameSpan,
                fmt::format("policy `{}` needs more than {} parts of {} bytes", p.name, packed.partsNeeded - 1, quota))
        .help = "split the policy into several policies";
    return;
  }
  const policy::Statement& s = p.document.statements[*packed.oversized];
  Diagnostic& d = sink.report(
      DiagCode::RP2001, s.origin,
      fmt::format("this rule compiles to a statement of {} bytes, over the {} quota of {} by itself", packed.oversizedBytes,
                  type, quota));
  d.labels.push_back({p.source->nameSpan, fmt::format("in policy `{}`", p.name)});
  d.notes.push_back("a policy over the quota is split into parts, but a statement is only ever cut along its Action list, "
                    "and this one is large elsewhere: " + largestList(s));
  d.help = "shorten that list (a long `in [...]` of values or resources), or split the rule into several rules";
}

// The actions of a service in the embedded catalog, for --wildcard-actions.
std::vector<std::string> knownActions(std::string_view service) {
  std::vector<std::string> out;
  for (std::string_view name : catalog::Catalog::builtin().actionNames(service)) out.emplace_back(name);
  return out;
}

void packOne(CompiledPolicy& p, const Limits& limits, bool wildcardActions, DiagnosticSink& sink) {
  const std::size_t quota = p.rcp ? limits.rcpMaxSize : limits.scpMaxSize;
  pack::PackOptions options;
  options.capacity = quota;
  options.mergeOptions.pinned = pinnedStatements(p);
  if (wildcardActions) options.wildcardActions = knownActions;
  pack::Packed packed = pack::packDocument(p.document, options);
  // Own Sids are kept apart only while that costs no part: a policy of many `as` rules (as
  // `rootpol import` writes them) is merged like any other when it would otherwise need more.
  if (packed.parts.size() != 1 && std::find(options.mergeOptions.pinned.begin(), options.mergeOptions.pinned.end(), true) !=
                                      options.mergeOptions.pinned.end()) {
    options.mergeOptions.pinned.clear();
    pack::Packed merged = pack::packDocument(p.document, options);
    if (!merged.parts.empty() && (packed.parts.empty() || merged.parts.size() < packed.parts.size())) packed = std::move(merged);
  }
  if (packed.parts.empty()) {
    reportOversized(p, packed, quota, sink);
    return;
  }
  for (std::size_t i = 0; i < packed.parts.size(); ++i) {
    std::string json = policy::toJson(packed.parts[i]);
    p.parts.push_back(PolicyPart{partName(p.name, i), std::move(json), std::move(packed.parts[i])});
  }
  const std::size_t size = p.parts.front().json.size();
  if (p.parts.size() == 1 && size * 10 > quota * 9) {
    sink.report(DiagCode::RP2002, p.source->nameSpan,
                fmt::format("policy `{}` uses {} of {} bytes ({}%)", p.name, size, quota, size * 100 / quota))
        .help = "past the quota it is split into parts, each taking an attachment slot on every target";
  }
}

// RP2010: the parts of the policies attached to a node need more slots than it has.
void checkSlots(const std::vector<CompiledPolicy>& policies, const org::Model& model, const Limits& limits,
                DiagnosticSink& sink) {
  std::map<std::string, const CompiledPolicy*> byName;
  for (const CompiledPolicy& p : policies) byName.emplace(p.name, &p);
  for (org::NodeIndex node = 0; node < model.nodes.size() && node < model.placements.size(); ++node) {
    for (bool rcp : {false, true}) {
      std::size_t extra = 0;
      std::set<std::string> seen;
      std::vector<std::pair<const org::Attachment*, const CompiledPolicy*>> split;
      for (const org::Attachment& a : model.placements[node].attachments) {
        auto it = byName.find(a.policy);
        if (a.external || a.rcp != rcp || it == byName.end() || !seen.insert(a.policy).second) continue;
        if (it->second->parts.size() > 1) split.emplace_back(&a, it->second);
        extra += it->second->parts.size() > 1 ? it->second->parts.size() - 1 : 0;
      }
      const std::size_t quota = rcp ? limits.rcpsPerTarget : limits.scpsPerTarget;
      const std::size_t used = (rcp ? model.rcpSlotsUsed(node) : model.slotsUsed(node)) + extra;
      if (extra == 0 || used <= quota) continue;
      Diagnostic& d = sink.report(
          DiagCode::RP2010, split.front().first->span,
          fmt::format("{} needs {} {} slots for its policies and their parts; the quota is {} (limits {})",
                      model.nodes[node].display(), used, rcp ? "RCP" : "SCP", quota, limits.name));
      std::vector<std::string> holders;
      if (!rcp && model.placements[node].fullAwsAccess) holders.push_back("FullAWSAccess");
      if (rcp) holders.push_back("RCPFullAWSAccess");
      for (const org::Attachment& a : model.placements[node].attachments) {
        if (a.rcp != rcp) continue;
        auto it = byName.find(a.policy);
        const std::size_t parts = a.external || it == byName.end() ? 1 : it->second->parts.size();
        holders.push_back(parts > 1 ? fmt::format("{} ({} parts)", a.policy, parts) : a.policy);
      }
      if (!rcp && model.slotsUsed(node) > holders.size()) {
        holders.push_back("Control Tower's guardrail SCP");
      }
      d.notes.push_back("holding slots: " + fmt::format("{}", fmt::join(holders, ", ")));
      for (const auto& [a, p] : split) {
        std::size_t bytes = 0;
        for (const PolicyPart& part : p->parts) bytes += part.json.size();
        d.notes.push_back(fmt::format("policy `{}` is {} bytes in {} parts (merged, {} bytes at most per part)", p->name, bytes,
                                      p->parts.size(), rcp ? limits.rcpMaxSize : limits.scpMaxSize));
      }
      d.help = fmt::format("free {} slot{} on {}: detach or merge other policies, attach some rules higher in the tree, or "
                           "shorten the policy",
                           used - quota, used - quota == 1 ? "" : "s", model.nodes[node].display());
    }
  }
}

// RP2011: a part is named like another policy (`big-2` beside a policy `big-2`).
void checkPartNames(const std::vector<CompiledPolicy>& policies, DiagnosticSink& sink) {
  std::map<std::pair<bool, std::string>, const CompiledPolicy*> byName;
  for (const CompiledPolicy& p : policies) byName.emplace(std::pair{p.rcp, p.name}, &p);
  for (const CompiledPolicy& p : policies) {
    for (std::size_t i = 1; i < p.parts.size(); ++i) {
      auto it = byName.find({p.rcp, p.parts[i].name});
      if (it == byName.end()) continue;
      Diagnostic& d = sink.report(DiagCode::RP2011, it->second->source->nameSpan,
                                  fmt::format("policy `{}` has the name of part {} of policy `{}`", p.parts[i].name, i + 1, p.name));
      d.labels.push_back({p.source->nameSpan, fmt::format("split into {} parts", p.parts.size())});
      d.help = "rename this policy: parts of an over-size policy are named NAME-2, NAME-3, ...";
    }
  }
}

}  // namespace

std::size_t CompiledPolicy::largestPart() const {
  std::size_t out = 0;
  for (const PolicyPart& part : parts) out = std::max(out, part.json.size());
  return out;
}

void packPolicies(std::vector<CompiledPolicy>& policies, const org::Model& model, const Limits& limits,
                  bool wildcardActions, DiagnosticSink& sink) {
  for (CompiledPolicy& p : policies) packOne(p, limits, wildcardActions, sink);
  checkSlots(policies, model, limits, sink);
  checkPartNames(policies, sink);
}

}  // namespace rootpol::driver
