// `rootpol catalog`: look up services, actions and condition keys in the AWS catalog (the one
// embedded in the binary, or --catalog FILE). Text for people, --json for tools; the output
// follows the catalog's order (sorted by ASCII-lowercased name), so it is deterministic.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "base/file_input.h"
#include "catalog/catalog.h"
#include "base/text.h"
#include "cli/commands.h"

namespace rootpol::cli {
namespace {

using catalog::ActionRef;
using catalog::Catalog;
using catalog::ConditionKey;
using catalog::KeyType;
using Json = nlohmann::ordered_json;

// The fewest single-character edits to `text` after which `pattern` (a glob) matches it,
// case-insensitive. Without wildcards this is the Levenshtein distance.
std::size_t globDistance(std::string_view pattern, std::string_view text) {
  std::vector<std::size_t> prev(text.size() + 1), cur(text.size() + 1);
  for (std::size_t j = 0; j <= text.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= pattern.size(); ++i) {
    const char pc = pattern[i - 1];
    cur[0] = prev[0] + (pc == '*' ? 0 : 1);
    for (std::size_t j = 1; j <= text.size(); ++j) {
      if (pc == '*') {
        cur[j] = std::min(prev[j], cur[j - 1]);
      } else {
        const bool same = pc == '?' || asciiLower(pc) == asciiLower(text[j - 1]);
        cur[j] = std::min({prev[j - 1] + (same ? 0 : 1), prev[j] + 1, cur[j - 1] + 1});
      }
    }
    std::swap(prev, cur);
  }
  return prev[text.size()];
}

// How far a suggestion may be: a third of the pattern's literal characters, at least one.
std::size_t suggestionLimit(std::string_view pattern) {
  const auto literal = static_cast<std::size_t>(
      std::count_if(pattern.begin(), pattern.end(), [](char c) { return c != '*'; }));
  return std::max<std::size_t>(1, literal / 3);
}

// Picks the closest candidate (the first of equals, so in catalog order) within the limit.
class Closest {
 public:
  explicit Closest(std::string_view pattern)
      : pattern_(pattern), best_(suggestionLimit(pattern) + 1) {}
  void offer(std::string_view candidate, std::string_view compareAs) {
    if (pattern_.size() > 256) return;  // no one misspells a name this long
    if (!hasWildcard(pattern_)) {
      // Without wildcards the distance is at least the difference in length.
      const std::size_t gap =
          std::max(pattern_.size(), compareAs.size()) - std::min(pattern_.size(), compareAs.size());
      if (gap >= best_) return;
    }
    const std::size_t d = globDistance(pattern_, compareAs);
    if (d < best_) {
      best_ = d;
      found_ = std::string(candidate);
    }
  }
  void offer(std::string_view candidate) { offer(candidate, candidate); }
  const std::optional<std::string>& found() const { return found_; }

 private:
  std::string_view pattern_;
  std::size_t best_;
  std::optional<std::string> found_;
};

// "; did you mean `x`?", or nothing.
std::string didYouMean(const std::optional<std::string>& suggestion) {
  return suggestion ? fmt::format("; did you mean `{}`?", *suggestion) : std::string();
}

// The rootpol type a catalog key type maps to.
std::string rootpolType(KeyType type) {
  std::string base;
  switch (type.base) {
    case catalog::BaseType::String:
      base = "string";
      break;
    case catalog::BaseType::Arn:
      base = "arn";
      break;
    case catalog::BaseType::Bool:
      base = "bool";
      break;
    case catalog::BaseType::Numeric:
      base = "int";
      break;
    case catalog::BaseType::Date:
      base = "date";
      break;
    case catalog::BaseType::IpAddress:
      base = "cidr";
      break;
    case catalog::BaseType::Binary:
      base = "binary";
      break;
  }
  return type.array ? "[" + base + "]" : base;
}

bool supportedInConditions(KeyType type) { return type.base != catalog::BaseType::Binary; }

std::vector<std::string> accessLevels(unsigned access) {
  std::vector<std::string> out;
  const std::string names = catalog::accessLevelName(access);
  std::size_t p = 0;
  while (p < names.size()) {
    const std::size_t comma = std::min(names.find(", ", p), names.size());
    out.push_back(names.substr(p, comma - p));
    p = comma + 2;
  }
  return out;
}

void writeJson(const Json& doc) { std::cout << doc.dump(2) << "\n"; }

// Rows of two columns, the first padded to the widest.
std::string columns(const std::vector<std::pair<std::string, std::string>>& rows,
                    std::string_view indent = "") {
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  std::string out;
  for (const auto& [left, right] : rows) {
    out.append(indent).append(left);
    if (!right.empty()) out.append(width - left.size() + 2, ' ').append(right);
    out += '\n';
  }
  return out;
}

void writeColumns(const std::vector<std::pair<std::string, std::string>>& rows,
                  std::string_view indent = "") {
  const std::string out = columns(rows, indent);
  std::fwrite(out.data(), 1, out.size(), stdout);
}

// --- did you mean ---------------------------------------------------------------------------

// Why an action pattern (or name) matches nothing and a suggestion when one is close, each
// after "; " (or nothing).
// A suggestion is itself a pattern when `listing` (for `catalog actions`), else an action name.
std::string whyNoAction(const Catalog& cat, std::string_view pattern, bool listing) {
  const std::size_t colon = pattern.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view servicePart = pattern.substr(0, colon);
    const std::string_view actionPart = pattern.substr(colon + 1);
    if (!hasWildcard(servicePart) && !cat.service(servicePart)) {
      Closest closest(servicePart);
      for (std::string_view prefix : cat.servicePrefixes()) closest.offer(prefix);
      std::optional<std::string> fixed;
      if (closest.found()) fixed = *closest.found() + ":" + std::string(actionPart);
      return fmt::format("; no service has the prefix `{}`{}", servicePart, didYouMean(fixed));
    }
    Closest closest(actionPart);
    for (std::string_view prefix : cat.servicePrefixes()) {
      if (hasWildcard(servicePart) ? !catalog::globMatch(servicePart, prefix)
                                   : !equalsIgnoreCase(servicePart, prefix))
        continue;
      for (std::string_view name : cat.actionNames(prefix)) {
        closest.offer(ActionRef{prefix, name}.fullName(), name);
      }
    }
    return didYouMean(closest.found());
  }
  // Without a `*` to stand for it, the `:` is missing: compare with the action names alone.
  const bool star = pattern.find('*') != std::string_view::npos;
  Closest closest(pattern);
  for (std::string_view prefix : cat.servicePrefixes()) {
    for (std::string_view name : cat.actionNames(prefix)) {
      const std::string full = ActionRef{prefix, name}.fullName();
      if (star)
        closest.offer(full);
      else
        closest.offer(listing ? "*:" + std::string(name) : full, name);  // every service's
    }
  }
  return (star ? "" : "; an action is written `service:Action`") + didYouMean(closest.found());
}

std::string noActionMessage(const Catalog& cat, std::string_view what, std::string_view pattern,
                            bool listing) {
  return fmt::format("rootpol: {} `{}`{}\n", what, pattern, whyNoAction(cat, pattern, listing));
}

// --- the subcommands ------------------------------------------------------------------------

int runServices(const Catalog& cat, const CatalogFlags& flags) {
  const std::string glob = flags.argument.empty() ? "*" : flags.argument;
  std::vector<catalog::Service> services;
  for (std::string_view prefix : cat.servicePrefixes()) {
    if (!catalog::globMatch(glob, prefix)) continue;
    if (auto s = cat.service(prefix)) services.push_back(*s);
  }
  if (services.empty()) {
    Closest closest(glob);
    for (std::string_view prefix : cat.servicePrefixes()) closest.offer(prefix);
    std::cerr << fmt::format("rootpol: no service prefix matches `{}`{}\n", glob,
                             didYouMean(closest.found()));
    return kExitInputErrors;
  }
  if (flags.json) {
    Json list = Json::array();
    for (const auto& s : services) list.push_back({{"prefix", s.prefix}, {"name", s.name}});
    writeJson({{"glob", glob}, {"services", list}});
    return kExitOk;
  }
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& s : services) rows.emplace_back(std::string(s.prefix), std::string(s.name));
  writeColumns(rows);
  return kExitOk;
}

int runActions(const Catalog& cat, const CatalogFlags& flags) {
  const std::string& pattern = flags.argument;
  const catalog::PatternMatch match = cat.matchActions(pattern, /*enumerateEverything=*/true);
  if (match.actions.empty()) {
    std::cerr << noActionMessage(cat, "no action matches", pattern, /*listing=*/true);
    return kExitInputErrors;
  }
  std::vector<std::pair<std::string, unsigned>> actions;
  actions.reserve(match.actions.size());
  for (const ActionRef& ref : match.actions) {
    const auto detail = cat.action(ref);
    actions.emplace_back(ref.fullName(), detail ? detail->access : 0);
  }
  if (flags.json) {
    Json list = Json::array();
    for (const auto& [name, access] : actions)
      list.push_back({{"action", name}, {"access", accessLevels(access)}});
    writeJson({{"pattern", pattern}, {"actions", list}});
    return kExitOk;
  }
  std::vector<std::pair<std::string, std::string>> rows;
  rows.reserve(actions.size());
  for (const auto& [name, access] : actions)
    rows.emplace_back(name, catalog::accessLevelName(access));
  writeColumns(rows);
  return kExitOk;
}

// An action a service key applies to, and how: listed by the action itself (its row or its
// resource rows in the AWS table) and/or by some of its resource types.
struct KeyUse {
  std::string action;
  bool direct = false;
  std::vector<std::string> resourceTypes;
};

std::vector<KeyUse> actionsUsingKey(const Catalog& cat, std::string_view key) {
  std::vector<KeyUse> out;
  auto lists = [&](const std::vector<ConditionKey>& keys) {
    return std::any_of(keys.begin(), keys.end(),
                       [&](const ConditionKey& k) { return Catalog::keyMatches(k.name, key); });
  };
  for (std::string_view prefix : cat.servicePrefixes()) {
    if (!lists(cat.serviceKeys(prefix)))
      continue;  // no action of a service lists a key its table lacks
    std::map<std::string_view, bool> resourceListsKey;
    for (std::string_view name : cat.actionNames(prefix)) {
      const auto act = cat.action(ActionRef{prefix, name});
      if (!act) continue;
      KeyUse use{act->ref.fullName(), lists(act->keys), {}};
      for (const auto& res : act->resources) {
        auto [it, fresh] = resourceListsKey.try_emplace(res.name, false);
        if (fresh) {
          const auto type = cat.resourceType(prefix, res.name);
          it->second = type && lists(type->keys);
        }
        if (it->second) use.resourceTypes.emplace_back(res.name);
      }
      if (use.direct || !use.resourceTypes.empty()) out.push_back(std::move(use));
    }
  }
  return out;
}

std::string unknownKeyMessage(const Catalog& cat, std::string_view key) {
  // Candidates: the global keys and the keys of the service the prefix names (or, when the
  // prefix is no service, of every service); also a key whose name after the colon is `key`.
  std::vector<ConditionKey> candidates = cat.globalKeys();
  const std::size_t colon = key.find(':');
  const std::string_view prefix =
      colon == std::string_view::npos ? std::string_view() : key.substr(0, colon);
  if (!prefix.empty() && cat.service(prefix)) {
    for (auto& k : cat.serviceKeys(prefix)) candidates.push_back(k);
  } else {
    for (std::string_view p : cat.servicePrefixes()) {
      for (auto& k : cat.serviceKeys(p)) candidates.push_back(k);
    }
  }
  std::optional<std::string> suggestion;
  if (colon == std::string_view::npos) {
    for (const auto& k : candidates) {
      const std::string_view name = k.name.substr(k.name.find(':') + 1);
      if (equalsIgnoreCase(name, key) || Catalog::keyMatches(name, key)) {
        suggestion = std::string(k.name);
        break;
      }
    }
  }
  if (!suggestion) {
    Closest closest(key);
    for (const auto& k : candidates) closest.offer(k.name);
    suggestion = closest.found();
  }
  return fmt::format("rootpol: unknown condition key `{}`{}\n", key, didYouMean(suggestion));
}

int runKey(const Catalog& cat, const CatalogFlags& flags) {
  const std::string& query = flags.argument;
  const auto key = cat.conditionKey(query);
  if (!key) {
    std::cerr << unknownKeyMessage(cat, query);
    return kExitInputErrors;
  }
  const bool supported = supportedInConditions(key->type);
  std::vector<KeyUse> uses;
  if (!key->global) uses = actionsUsingKey(cat, query);
  if (flags.json) {
    Json doc;
    doc["key"] = key->name;
    doc["query"] = query;
    doc["templated"] = key->templated;
    doc["type"] = catalog::keyTypeName(key->type);
    doc["rootpolType"] = rootpolType(key->type);
    doc["supportedInConditions"] = supported;
    doc["global"] = key->global;
    doc["service"] = key->global ? Json(nullptr) : Json(key->service);
    doc["everyAction"] = key->global;
    Json list = Json::array();
    for (const auto& use : uses) {
      list.push_back(
          {{"action", use.action}, {"direct", use.direct}, {"resourceTypes", use.resourceTypes}});
    }
    doc["actions"] = list;
    writeJson(doc);
    return kExitOk;
  }
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back("key:", std::string(key->name));
  if (!equalsIgnoreCase(key->name, query)) rows.emplace_back("instance:", query);
  rows.emplace_back("type:", fmt::format("{} (rootpol type {}{})", catalog::keyTypeName(key->type),
                                         rootpolType(key->type),
                                         supported ? "" : "; not supported in conditions yet"));
  rows.emplace_back("global:", key->global ? "yes" : "no");
  if (!key->global) {
    const auto service = cat.service(key->service);
    rows.emplace_back("service:", service ? fmt::format("{} ({})", service->prefix, service->name)
                                          : std::string(key->service));
  }
  if (key->global) {
    rows.emplace_back("applies to:", "every action (a global key)");
  } else if (uses.empty()) {
    rows.emplace_back("applies to:", "no action");
  } else {
    rows.emplace_back("applies to:",
                      fmt::format("{} action{}", uses.size(), uses.size() == 1 ? "" : "s"));
  }
  writeColumns(rows);
  std::vector<std::pair<std::string, std::string>> list;
  for (const auto& use : uses) {
    std::string how = use.direct ? "directly" : "";
    if (!use.resourceTypes.empty()) {
      if (!how.empty()) how += ", ";
      how += "via resource type " + fmt::format("{}", fmt::join(use.resourceTypes, ", "));
    }
    list.emplace_back(use.action, how);
  }
  writeColumns(list, "  ");
  return kExitOk;
}

int runAction(const Catalog& cat, const CatalogFlags& flags) {
  const std::string& name = flags.argument;
  if (hasWildcard(name)) {
    std::cerr << fmt::format(
        "rootpol: `{}` is a pattern; list what it matches with `rootpol catalog actions`\n", name);
    return kExitToolFailure;
  }
  const auto act = cat.action(name);
  if (!act) {
    std::cerr << noActionMessage(cat, "unknown action", name, /*listing=*/false);
    return kExitInputErrors;
  }
  struct Resource {
    std::string name;
    bool required;
    std::vector<std::string> arns;
  };
  std::vector<Resource> resources;
  for (const auto& r : act->resources) {
    Resource res{std::string(r.name), r.required, {}};
    if (const auto type = cat.resourceType(act->ref.service, r.name)) {
      for (std::string_view arn : type->arns) res.arns.emplace_back(arn);
    }
    resources.push_back(std::move(res));
  }
  const std::vector<ConditionKey> keys = cat.conditionKeysFor(act->ref);
  if (flags.json) {
    Json doc;
    doc["action"] = act->ref.fullName();
    doc["access"] = accessLevels(act->access);
    Json resList = Json::array();
    for (const auto& r : resources)
      resList.push_back({{"name", r.name}, {"required", r.required}, {"arns", r.arns}});
    doc["resourceTypes"] = resList;
    Json keyList = Json::array();
    for (const auto& k : keys) {
      keyList.push_back({{"key", k.name},
                         {"type", catalog::keyTypeName(k.type)},
                         {"rootpolType", rootpolType(k.type)}});
    }
    doc["conditionKeys"] = keyList;
    doc["globalKeysApply"] = true;
    writeJson(doc);
    return kExitOk;
  }
  // One label column; "resource types:" is the widest label.
  auto line = [](std::string_view label, std::string_view value) {
    return value.empty() ? fmt::format("{}\n", label) : fmt::format("{:<17}{}\n", label, value);
  };
  std::vector<std::pair<std::string, std::string>> resourceRows;
  for (const auto& r : resources) {
    const std::string name = r.name + (r.required ? " (required)" : "");
    if (r.arns.empty()) resourceRows.emplace_back(name, "(no ARN template)");
    for (std::size_t i = 0; i < r.arns.size(); ++i)
      resourceRows.emplace_back(i == 0 ? name : "", r.arns[i]);
  }
  std::vector<std::pair<std::string, std::string>> keyRows;
  for (const auto& k : keys)
    keyRows.emplace_back(std::string(k.name), std::string(catalog::keyTypeName(k.type)));
  std::string out = line("action:", act->ref.fullName());
  out += line("access level:", catalog::accessLevelName(act->access));
  out += line("resource types:",
              resources.empty() ? "none (the action is not scoped to a resource)" : "");
  out += columns(resourceRows, "  ");
  out +=
      line("condition keys:", keys.empty() ? "the global keys only" : "these and the global keys");
  out += columns(keyRows, "  ");
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

CatalogCommand addCatalogCommand(CLI::App& app, CatalogFlags& flags) {
  CatalogCommand cmd;
  cmd.catalog = app.add_subcommand(
      "catalog", "look up AWS services, actions and condition keys in the catalog");
  cmd.catalog->require_subcommand(1);
  auto common = [&flags](CLI::App* sub) {
    sub->add_flag("--json", flags.json, "print a JSON document instead of text");
    sub->add_option(
           "--catalog", flags.catalogFile,
           "use this catalog file (format: tools/catalog/derive.mjs) instead of the built-in one")
        ->type_name("FILE");
  };
  cmd.services = cmd.catalog->add_subcommand(
      "services", "list the services whose prefix matches a glob (default: all)");
  cmd.services->add_option("glob", flags.argument,
                           "service prefix or glob, case-insensitive (`*`, `?`)");
  common(cmd.services);
  cmd.actions = cmd.catalog->add_subcommand(
      "actions", "list the actions an IAM action pattern matches, with access levels");
  cmd.actions
      ->add_option("pattern", flags.argument,
                   "action pattern, case-insensitive (`iam:*AccessKey*`, `*:Get*`)")
      ->required();
  common(cmd.actions);
  cmd.key = cmd.catalog->add_subcommand(
      "key", "show a condition key: its type, whether it is global, the actions it applies to");
  cmd.key
      ->add_option("key", flags.argument,
                   "condition key (`aws:SourceIp`, `ec2:InstanceType`, `aws:ResourceTag/team`)")
      ->required();
  common(cmd.key);
  cmd.action = cmd.catalog->add_subcommand(
      "action", "show an action: access level, resource types, condition keys");
  cmd.action->add_option("name", flags.argument, "action name (`s3:GetObject`)")->required();
  common(cmd.action);
  cmd.regions = cmd.catalog->add_subcommand(
      "regions", "list the AWS regions that region literals are checked against (a dated list)");
  cmd.regions->add_option("glob", flags.argument, "region glob (`eu-*`), default: all");
  cmd.regions->add_flag("--json", flags.json, "print a JSON document instead of text");
  // After the subcommands, which would otherwise inherit it.
  cmd.catalog->footer(
      "Each subcommand takes --json (a JSON document instead of text) and --catalog FILE (another "
      "catalog file instead of the built-in one). Exit status: 0 found, 1 nothing found or an "
      "unknown name, 2 a usage error or a malformed catalog file.");
  return cmd;
}

int runCatalog(const CatalogCommand& cmd, const CatalogFlags& flags) {
  std::optional<Catalog> loaded;
  const Catalog* cat = &Catalog::builtin();
  if (!flags.catalogFile.empty()) {
    // Through the one reader of user paths: a FIFO or /proc file is refused, never waited on.
    input::ReadResult read = input::readFile(flags.catalogFile);
    if (!read.text) {
      std::cerr << fmt::format("rootpol: --catalog: {}\n",
                               input::describe(read.problem, flags.catalogFile, read.detail));
      return kExitToolFailure;
    }
    std::string error;
    loaded = Catalog::fromText(std::move(*read.text), error, Catalog::Check::Full);
    if (!loaded) {
      std::cerr << fmt::format("rootpol: --catalog: `{}` is not a valid catalog: {}\n",
                               flags.catalogFile, error);
      return kExitToolFailure;
    }
    cat = &*loaded;
  } else if (cat->serviceCount() == 0 && !cat->problems().empty()) {
    std::cerr << "rootpol: " << cat->problems().front() << "\n";
    return kExitToolFailure;
  }
  int code = kExitToolFailure;
  if (cmd.services->parsed())
    code = runServices(*cat, flags);
  else if (cmd.actions->parsed())
    code = runActions(*cat, flags);
  else if (cmd.key->parsed())
    code = runKey(*cat, flags);
  else if (cmd.action->parsed())
    code = runAction(*cat, flags);
  else if (cmd.regions->parsed())
    code = runCatalogRegions(flags);
  std::cout.flush();
  return code;
}

}  // namespace rootpol::cli
