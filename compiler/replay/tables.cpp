#include "replay/tables.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "catalog/catalog.h"
#include "stdlib_files.h"

namespace rootpol::replay {
namespace {

constexpr std::string_view kEndpointSuffix = ".amazonaws.com";

template <typename Set>
void addStrings(const nlohmann::json& list, Set& out) {
  for (const auto& v : list) out.insert(v.get<std::string>());
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// `CreateFunction20150331v2` -> `CreateFunction`, `UpdateDistribution2020_05_31` ->
// `UpdateDistribution`: an API version (eight digits, or YYYY_MM_DD) and an optional `vN`.
std::string_view withoutVersion(std::string_view name) {
  std::size_t end = name.size();
  std::size_t v = name.rfind('v');
  if (v != std::string_view::npos && v + 1 < end &&
      std::all_of(name.begin() + static_cast<std::ptrdiff_t>(v) + 1, name.end(), isDigit))
    end = v;
  std::size_t start = end;
  while (start > 0 && (isDigit(name[start - 1]) || name[start - 1] == '_')) --start;
  const std::size_t digits = end - start;
  if (start > 0 && (digits == 8 || digits == 10) && isDigit(name[start])) return name.substr(0, start);
  return name;
}

}  // namespace

const Tables& Tables::builtin() {
  static const Tables tables = [] {
    auto services = stdlib::embeddedFile("cloudtrail_services.json");
    auto actions = stdlib::embeddedFile("cloudtrail_actions.json");
    if (!services || !actions) throw std::logic_error("stdlib/cloudtrail_*.json is not embedded");
    return Tables(*services, *actions, catalog::Catalog::builtin());
  }();
  return tables;
}

Tables::Tables(std::string_view servicesJson, std::string_view actionsJson, const catalog::Catalog& catalog)
    : catalog_(catalog) {
  const nlohmann::json services = nlohmann::json::parse(servicesJson);
  for (const auto& [source, prefix] : services.at("sources").items()) sources_[source] = prefix.get<std::string>();
  addStrings(services.at("not_authorized"), unauthorizedSources_);
  const nlohmann::json actions = nlohmann::json::parse(actionsJson);
  for (const auto& [event, action] : actions.at("renames").items()) renames_[event] = action.get<std::string>();
  addStrings(actions.at("versioned"), versioned_);
  addStrings(actions.at("not_authorized"), unauthorizedActions_);
  addStrings(actions.at("denied_error_codes"), deniedErrors_);
}

std::vector<std::string> Tables::resourceGlobs(std::string_view action) const {
  std::vector<std::string> out;
  std::optional<catalog::Action> found = catalog_.action(action);
  if (!found) return out;
  for (const catalog::ActionResource& resource : found->resources) {
    std::optional<catalog::ResourceType> type = catalog_.resourceType(found->ref.service, resource.name);
    if (!type) continue;
    for (std::string_view format : type->arns) {
      std::string glob;
      for (std::size_t i = 0; i < format.size(); ++i) {
        std::size_t close = format.substr(i, 2) == "${" ? format.find('}', i) : std::string_view::npos;
        glob += close == std::string_view::npos ? format[i] : '*';
        if (close != std::string_view::npos) i = close;
      }
      out.push_back(std::move(glob));
    }
  }
  return out;
}

bool Tables::deniedError(std::string_view errorCode) const { return deniedErrors_.count(errorCode) > 0; }

std::optional<std::string> Tables::action(std::string_view eventSource, std::string_view eventName,
                                          std::string& why) const {
  if (eventSource.size() <= kEndpointSuffix.size() || !eventSource.ends_with(kEndpointSuffix) || eventName.empty()) {
    why = "no AWS service endpoint or event name";
    return std::nullopt;
  }
  std::string endpoint(eventSource.substr(0, eventSource.size() - kEndpointSuffix.size()));
  if (unauthorizedSources_.count(endpoint) > 0) {
    why = fmt::format("`{}` events are not calls IAM authorizes", eventSource);
    return std::nullopt;
  }
  auto mapped = sources_.find(endpoint);
  const std::string prefix = mapped != sources_.end() ? mapped->second : endpoint;
  std::string_view name = versioned_.count(prefix) > 0 ? withoutVersion(eventName) : eventName;
  std::string full = fmt::format("{}:{}", prefix, name);
  if (auto renamed = renames_.find(full); renamed != renames_.end()) full = renamed->second;
  if (unauthorizedActions_.count(full) > 0) {
    why = fmt::format("`{}` needs no IAM permission", full);
    return std::nullopt;
  }
  std::optional<catalog::ActionRef> found = catalog_.findAction(full);
  if (!found) {
    why = fmt::format("`{}` is not an action of the AWS catalog", full);
    return std::nullopt;
  }
  return found->fullName();
}

}  // namespace rootpol::replay
