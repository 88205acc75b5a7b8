#include "iam_catalog.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "interp/glob.h"

namespace rootpol::semantic {
namespace {

std::string toLower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

// Service prefixes become file names: refuse anything that could leave the directory.
bool plainServiceName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::optional<nlohmann::json> readJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return doc;
}

// Replaces each `${Name}` by what `fill(Name)` returns.
template <typename Fill>
std::string replacePlaceholders(std::string_view format, Fill&& fill) {
  std::string out;
  std::size_t pos = 0;
  while (pos < format.size()) {
    std::size_t open = format.find("${", pos);
    std::size_t close = open == std::string_view::npos ? open : format.find('}', open);
    if (close == std::string_view::npos) {
      out.append(format.substr(pos));
      break;
    }
    out.append(format.substr(pos, open - pos));
    out.append(fill(format.substr(open + 2, close - open - 2)));
    pos = close + 1;
  }
  return out;
}

}  // namespace

IamCatalog::IamCatalog(std::filesystem::path dataDir) : dir_(std::move(dataDir)) {}

bool IamCatalog::available() const {
  std::error_code ec;
  return std::filesystem::is_directory(dir_ / "actions", ec);
}

const IamCatalog::Service* IamCatalog::service(std::string_view prefix) {
  std::string name = toLower(prefix);
  auto cached = services_.find(name);
  if (cached != services_.end()) return cached->second ? &*cached->second : nullptr;
  std::optional<Service>& slot = services_[name];
  if (!plainServiceName(name)) return nullptr;
  auto actions = readJson(dir_ / "actions" / (name + ".json"));
  if (!actions) return nullptr;
  auto types = readJson(dir_ / "resourceTypes" / (name + ".json"));
  Service service;
  for (const auto& [key, details] : actions->items()) {
    CatalogAction action;
    action.name = name + ":" + details.value("name", key);
    for (const auto& key : details.value("conditionKeys", nlohmann::json::array())) {
      if (key.is_string()) action.actionKeys.push_back(key.get<std::string>());
    }
    for (const auto& type : details.value("resourceTypes", nlohmann::json::array())) {
      std::string typeKey = toLower(type.value("name", ""));
      if (types && types->contains(typeKey)) {
        const nlohmann::json& typeDetails = (*types)[typeKey];
        action.arnFormats.push_back(typeDetails.value("arn", ""));
        std::vector<std::string> own;
        for (const auto& key : type.value("conditionKeys", nlohmann::json::array())) {
          if (key.is_string()) own.push_back(key.get<std::string>());
        }
        std::vector<std::string> keys = own;
        for (const auto& key : typeDetails.value("conditionKeys", nlohmann::json::array())) {
          if (key.is_string()) keys.push_back(key.get<std::string>());
        }
        action.typeKeys.push_back(std::move(keys));
        action.actionTypeKeys.push_back(std::move(own));
        action.typeRequired.push_back(type.value("required", false));
      }
    }
    service.emplace(toLower(key), std::move(action));
  }
  slot = std::move(service);
  return &*slot;
}

const CatalogAction* IamCatalog::action(std::string_view name) {
  std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return nullptr;
  const Service* actions = service(name.substr(0, colon));
  if (actions == nullptr) return nullptr;
  auto found = actions->find(toLower(name.substr(colon + 1)));
  return found == actions->end() ? nullptr : &found->second;
}

std::vector<std::string> IamCatalog::serviceActions(std::string_view prefix) {
  std::vector<std::string> names;
  if (const Service* actions = service(prefix)) {
    for (const auto& [key, action] : *actions) names.push_back(action.name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool catalogKeyMatches(std::string_view catalogKey, std::string_view key) {
  const std::string lowerKey = toLower(key);
  const std::string lowerCatalogKey = toLower(catalogKey);
  if (lowerKey == lowerCatalogKey) return true;
  const std::size_t slash = lowerKey.find('/');
  return slash != std::string::npos && lowerCatalogKey.rfind(lowerKey.substr(0, slash + 1), 0) == 0;
}

namespace {
bool anyMatches(const std::vector<std::string>& catalogKeys, std::string_view key) {
  return std::any_of(catalogKeys.begin(), catalogKeys.end(),
                     [&](const std::string& k) { return catalogKeyMatches(k, key); });
}
}  // namespace

bool CatalogAction::carriesKeyForAnyResource(std::string_view key) const {
  return anyMatches(actionKeys, key);
}

bool CatalogAction::typeCarriesKey(std::size_t type, std::string_view key) const {
  return type < typeKeys.size() && anyMatches(typeKeys[type], key);
}

bool CatalogAction::typeListsKey(std::size_t type, std::string_view key) const {
  return type < actionTypeKeys.size() && anyMatches(actionTypeKeys[type], key);
}

bool CatalogAction::carriesKey(std::string_view key) const {
  if (carriesKeyForAnyResource(key)) return true;
  for (std::size_t type = 0; type < typeKeys.size(); ++type) {
    if (typeCarriesKey(type, key)) return true;
  }
  return false;
}

bool arnFitsFormat(std::string_view arn, std::string_view format) {
  // A placeholder stands for at least one character, as in the oracle's own matching.
  std::string pattern = replacePlaceholders(format, [](std::string_view) { return "?*"; });
  return interp::arnLike(pattern, arn);
}

std::string instantiateFormat(std::string_view format, std::string_view filler) {
  return replacePlaceholders(format, [&](std::string_view name) -> std::string {
    if (name == "Partition") return "aws";
    if (name == "Region") return "us-east-1";
    if (name.find("Account") != std::string_view::npos) return "111122223333";
    return std::string(filler);
  });
}

}  // namespace rootpol::semantic
