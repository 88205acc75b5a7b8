#include "policy/facts.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "catalog/catalog.h"
#include "stdlib_files.h"

namespace rootpol::policy {
namespace {

std::vector<std::string> strings(const nlohmann::json& j) { return j.get<std::vector<std::string>>(); }

PolicyFacts load() {
  auto text = stdlib::embeddedFile("policy_facts.json");
  if (!text) throw std::logic_error("stdlib/policy_facts.json is not embedded");
  auto json = nlohmann::json::parse(*text);
  PolicyFacts out;
  out.actionScopedGlobalKeys = strings(json.at("action_scoped_global_keys").at("keys"));
  for (const auto& c : json.at("sensitive_actions").at("categories")) {
    out.sensitive.push_back(SensitiveCategory{c.at("name").get<std::string>(), c.at("phrase").get<std::string>(),
                                              c.at("scope").get<std::string>() == "unscoped",
                                              strings(c.at("actions"))});
  }
  out.actionsNeedingResources = strings(json.at("actions_needing_resources").at("actions"));
  out.principalNarrowingKeys = strings(json.at("principal_narrowing_keys").at("keys"));
  out.federatedActions = strings(json.at("federated_actions").at("actions"));
  for (const auto& k : json.at("value_formats").at("keys")) {
    ValueFormat f;
    f.key = k.at("key").get<std::string>();
    f.glob = k.value("glob", std::string());
    if (k.contains("values")) f.values = strings(k.at("values"));
    f.regions = k.value("regions", false);
    f.what = k.at("what").get<std::string>();
    out.valueFormats.push_back(std::move(f));
  }
  out.arnNamesWithoutSlash = strings(json.at("arn_names_without_slash").at("names"));
  for (const auto& [service, parts] : json.at("untyped_arn_resources").at("services").items())
    out.untypedArnResources.emplace_back(service, strings(parts));
  return out;
}

}  // namespace

const PolicyFacts& policyFacts() {
  static const PolicyFacts facts = load();
  return facts;
}

bool keyIn(const std::vector<std::string>& names, std::string_view key) {
  for (const std::string& n : names) {
    if (catalog::Catalog::keyMatches(n, key)) return true;
  }
  return false;
}

bool actionIn(const std::vector<std::string>& actions, std::string_view name) {
  for (const std::string& a : actions) {
    if (equalsIgnoreCase(a, name)) return true;
  }
  return false;
}

const ValueFormat* valueFormatOf(std::string_view key) {
  for (const ValueFormat& f : policyFacts().valueFormats) {
    if (equalsIgnoreCase(f.key, key)) return &f;
  }
  return nullptr;
}

}  // namespace rootpol::policy
