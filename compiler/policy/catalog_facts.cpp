#include "policy/catalog_facts.h"

#include <algorithm>

#include "policy/arn.h"
#include "policy/facts.h"

namespace rootpol::policy {
namespace {

bool hasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// `*`, or a wildcard before the colon: any service, so any key or resource.
bool anyService(std::string_view action) {
  return hasWildcard(action.substr(0, action.find(':')));
}

// `arn:${Partition}:s3:::${BucketName}` -> `arn:*:s3:::*`.
std::string formatPattern(std::string_view arn) {
  std::string out;
  for (std::size_t i = 0; i < arn.size(); ++i) {
    std::size_t close = arn.compare(i, 2, "${") == 0 ? arn.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += arn[i];
      continue;
    }
    out += '*';
    i = close;
  }
  return out;
}

}  // namespace

bool someActionCarriesKey(const catalog::Catalog& catalog, const std::vector<std::string>& actions,
                          std::string_view key) {
  auto entry = catalog.conditionKey(key);
  if (!entry || (entry->global && !keyIn(policyFacts().actionScopedGlobalKeys, key))) return true;
  for (const std::string& action : actions) {
    if (anyService(action)) return true;
  }
  for (const std::string& action : actions) {
    catalog::PatternMatch match = catalog.matchActions(action);
    if (match.actions.empty()) return true;  // unknown: reported elsewhere
    for (const catalog::ActionRef& ref : match.actions) {
      if (catalog.supportsKey(ref, key) == catalog::KeySupport::Listed) return true;
    }
  }
  return false;
}

const std::optional<std::vector<std::string>>& ResourceFormats::patternsOf(std::string_view action) {
  folded_.assign(action);
  for (char& c : folded_) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (auto it = cache_.find(std::string_view(folded_)); it != cache_.end()) return it->second;
  std::string folded = folded_;
  std::optional<std::vector<std::string>> patterns;
  catalog::PatternMatch match = anyService(action) ? catalog::PatternMatch{} : catalog_.matchActions(action);
  bool judged = !match.actions.empty();
  std::vector<std::string> out;
  for (const catalog::ActionRef& ref : match.actions) {
    std::optional<catalog::Action> details = catalog_.action(ref);
    if (!details) judged = false;
    for (const catalog::ActionResource& r : details ? details->resources : std::vector<catalog::ActionResource>{}) {
      std::optional<catalog::ResourceType> type = catalog_.resourceType(ref.service, r.name);
      if (!type || type->arns.empty()) judged = false;
      for (std::string_view arn : type ? type->arns : std::vector<std::string_view>{})
        out.push_back(formatPattern(arn));
    }
    if (!judged) break;
  }
  if (judged) {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    patterns = std::move(out);
  }
  return cache_.emplace(std::move(folded), std::move(patterns)).first->second;
}

const ResourceFormats::Fields& ResourceFormats::requiredFields(std::string_view service) {
  if (auto it = fields_.find(service); it != fields_.end()) return it->second;
  std::string key(service);
  Fields out{true, true, {}};
  bool any = false;
  for (std::string_view name : catalog_.actionNames(service)) {
    std::optional<catalog::Action> action = catalog_.action(std::string(service) + ":" + std::string(name));
    for (const catalog::ActionResource& r : action ? action->resources : std::vector<catalog::ActionResource>{}) {
      std::optional<catalog::ResourceType> type = catalog_.resourceType(service, r.name);
      for (std::string_view arn : type ? type->arns : std::vector<std::string_view>{}) {
        ArnParts parts;
        if (!splitArn(arn, parts)) continue;
        any = true;
        out.region = out.region && !parts[3].empty();
        out.account = out.account && !parts[4].empty();
        out.resources.push_back(formatPattern(parts[5]));
      }
    }
  }
  if (!any) out = Fields{};
  std::sort(out.resources.begin(), out.resources.end());
  out.resources.erase(std::unique(out.resources.begin(), out.resources.end()), out.resources.end());
  return fields_.emplace(std::move(key), std::move(out)).first->second;
}

std::optional<std::vector<std::string>> ResourceFormats::unknownResourceType(std::string_view service,
                                                                             std::string_view resource) {
  const std::vector<std::string>* extra = nullptr;
  for (const auto& [name, names] : policyFacts().checkedArnResources) {
    if (name == service) extra = &names;
  }
  if (extra == nullptr || resource.find_first_of("*?$") != std::string_view::npos) return std::nullopt;
  const Fields& fields = requiredFields(service);
  if (fields.resources.empty()) return std::nullopt;
  for (const std::string& p : fields.resources) {
    if (catalog::globMatch(p, resource)) return std::nullopt;
  }
  for (const std::string& e : *extra) {
    if (e == resource) return std::nullopt;
  }
  return fields.resources;
}

bool ResourceFormats::someActionTakes(const std::vector<std::string>& actions, std::string_view arn) {
  for (const std::string& action : actions) {
    const std::optional<std::vector<std::string>>& patterns = patternsOf(action);
    if (!patterns) return true;
    for (const std::string& p : *patterns) {
      if (arnLike(p, arn)) return true;
    }
  }
  return false;
}

}  // namespace rootpol::policy
