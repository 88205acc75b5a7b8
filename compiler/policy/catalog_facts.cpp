#include "policy/catalog_facts.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/text.h"
#include "policy/arn.h"
#include "policy/arn_format.h"
#include "policy/facts.h"
#include "policy/variables.h"

namespace rootpol::policy {
namespace {

// How an Action pattern names actions: of any service (`*`, or a wildcard before the colon, so
// any key or resource), by a pattern, or one by its name. One scan for a wildcard; the colon is
// looked for only after one is found.
enum class Naming : std::uint8_t { AnyService, Pattern, OneAction };
Naming namingOf(std::string_view action) {
  const std::size_t wildcard = findAnyOf(action, "*?");
  if (wildcard == std::string_view::npos) return Naming::OneAction;
  return wildcard < action.find(':') ? Naming::AnyService : Naming::Pattern;
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

// The actions `NotAction` leaves that could carry the service key `key`: those of the key's
// service that list it and no pattern excludes.
KeyCarriers notActionCarriers(const catalog::Catalog& catalog, const std::vector<std::string>& excluded,
                              const catalog::ConditionKey& key) {
  for (std::string_view name : catalog.actionNames(key.service)) {
    std::optional<catalog::ActionRef> ref = catalog.findAction(key.service, name);
    if (!ref || !catalog.listsKey(*ref, key.name)) continue;
    std::string full = ref->fullName();
    bool out = std::any_of(excluded.begin(), excluded.end(),
                           [&](const std::string& p) { return catalog::globMatch(p, full); });
    if (!out) return KeyCarriers::Some;  // and every other service's actions lack it
  }
  return KeyCarriers::None;
}

// stdlib/policy_facts.json's untyped resources, per service, as patterns: read once.
const std::vector<std::pair<std::string, std::vector<ArnFormat>>>& untypedFormats() {
  static const auto formats = [] {
    std::vector<std::pair<std::string, std::vector<ArnFormat>>> out;
    for (const auto& [service, parts] : policyFacts().untypedArnResources) {
      out.emplace_back(service, std::vector<ArnFormat>{});
      for (const std::string& p : parts) out.back().second.emplace_back(p, true);
    }
    return out;
  }();
  return formats;
}

}  // namespace

KeyFacts keyFacts(const catalog::Catalog& catalog, std::string_view key) {
  return {catalog.conditionKey(key), keyIn(policyFacts().actionScopedGlobalKeys, key)};
}

KeyCarriers keyCarriers(const catalog::Catalog& catalog, const std::vector<std::string>& actions, bool notAction,
                        std::string_view key) {
  return keyCarriers(catalog, actions, notAction, key, keyFacts(catalog, key));
}

namespace {

// What one Action pattern of a statement tells keyCarriers about a key, as bits.
constexpr std::uint8_t kCarried = 1, kLacked = 2, kEveryService = 4, kUnknownAction = 8;
constexpr std::uint8_t kBoth = kCarried | kLacked;

std::uint8_t actionCarries(const catalog::Catalog& catalog, std::string_view action, std::string_view key) {
  const Naming naming = namingOf(action);
  if (naming == Naming::AnyService) return kBoth | kEveryService;
  std::uint8_t bits = 0;
  auto add = [&](const catalog::ActionRef& ref) {
    bits |= catalog.listsKey(ref, key) ? kCarried : kLacked;
    return bits == kBoth;
  };
  if (naming == Naming::OneAction) {  // the one action matchActions would find, without a list
    std::optional<catalog::ActionRef> ref = catalog.findAction(action);
    if (!ref) return kUnknownAction;  // unknown: reported elsewhere
    add(*ref);
    return bits;
  }
  catalog::PatternMatch match = catalog.matchActions(action);
  if (match.actions.empty()) return kUnknownAction;
  for (const catalog::ActionRef& ref : match.actions) {
    if (add(ref)) break;
  }
  return bits;
}

// keyCarriers from each action's answer (`answer(action)`, actionCarries or a memo of it). An
// action of every service does not end the walk: an unknown action after it still makes the
// answer Unknown.
template <typename Answer>
KeyCarriers combineCarriers(const catalog::Catalog& catalog, const std::vector<std::string>& actions,
                            bool notAction, const KeyFacts& facts, Answer&& answer) {
  const std::optional<catalog::ConditionKey>& entry = facts.entry;
  bool scoped = entry && entry->global && facts.actionScoped;
  if (!entry || (entry->global && !scoped)) return KeyCarriers::Unknown;
  if (notAction) return scoped ? KeyCarriers::Some : notActionCarriers(catalog, actions, *entry);
  std::uint8_t bits = 0;
  for (const std::string& action : actions) {
    std::uint8_t one = answer(action);
    if ((one & kUnknownAction) != 0) return KeyCarriers::Unknown;
    bits |= one & kBoth;
    if (bits == kBoth && (one & kEveryService) == 0) return KeyCarriers::Some;
  }
  return bits == kBoth ? KeyCarriers::Some : bits == kCarried ? KeyCarriers::All : KeyCarriers::None;
}

}  // namespace

KeyCarriers keyCarriers(const catalog::Catalog& catalog, const std::vector<std::string>& actions, bool notAction,
                        std::string_view key, const KeyFacts& facts) {
  return combineCarriers(catalog, actions, notAction, facts,
                         [&](std::string_view action) { return actionCarries(catalog, action, key); });
}

KeyCarriersMemo::Key& KeyCarriersMemo::key(std::string_view name) {
  auto found = keys_.find(name);
  if (found == keys_.end()) found = keys_.emplace(std::string(name), Key{keyFacts(catalog_, name), {}}).first;
  return found->second;
}

KeyCarriers KeyCarriersMemo::carriers(Key& key, std::string_view name, const std::vector<std::string>& actions,
                                      bool notAction) {
  return combineCarriers(catalog_, actions, notAction, key.facts, [&](const std::string& action) {
    auto found = key.actions.find(std::string_view(action));
    if (found == key.actions.end()) found = key.actions.emplace(action, actionCarries(catalog_, action, name)).first;
    return found->second;
  });
}

bool someActionCarriesKey(const catalog::Catalog& catalog, const std::vector<std::string>& actions,
                          std::string_view key) {
  return keyCarriers(catalog, actions, false, key) != KeyCarriers::None;
}

bool isIssuerKey(std::string_view key) {
  std::string_view prefix = key.substr(0, key.find(':'));
  return findAnyOf(prefix, "./") != std::string_view::npos;
}

std::optional<ValueProblem> checkVariableKeys(const catalog::Catalog& catalog, std::string_view text) {
  if (text.find("${") == std::string_view::npos) return std::nullopt;
  for (const std::string& key : variableKeys(text)) {
    if (key.find(':') == std::string::npos || isIssuerKey(key)) continue;
    std::optional<catalog::ConditionKey> entry = catalog.conditionKey(key);
    if (entry && entry->type.array)
      return ValueProblem{fmt::format("`${{{}}}` is a multivalued key: IAM substitutes single-valued keys only, so "
                                      "the text never matches",
                                      key),
                          "test the key's values with `ForAnyValue:`/`ForAllValues:` instead"};
    if (entry) continue;
    return ValueProblem{fmt::format("`${{{}}}` names no condition key: IAM substitutes nothing for it, so the "
                                    "text never matches",
                                    key),
                        "`rootpol catalog key NAME` checks a key's name; tag variables are "
                        "`${aws:PrincipalTag/KEY}`"};
  }
  return std::nullopt;
}

const std::vector<ArnFormat>& ResourceFormats::typeFormats(std::string_view service, std::string_view type) {
  const TypeKey key{service.data(), service.size(), type.data(), type.size()};
  if (auto it = typeFormats_.find(key); it != typeFormats_.end()) return it->second;
  std::vector<ArnFormat> out;
  for (std::string_view arn : catalog_.resourceArns(service, type)) out.emplace_back(arn);
  return typeFormats_.emplace(key, std::move(out)).first->second;
}

ResourceFormats::Formats ResourceFormats::patternsOf(std::string_view action) {
  // One hash of the action for a miss too: the entry is made now and filled below (nothing
  // below adds to cache_, so `entry` stays valid).
  const auto [entry, fresh] = cache_.try_emplace(action);
  if (!fresh) return entry->second;
  // Judged when the pattern names some action, and each action it names, and each resource
  // type of those, is in the catalog with its ARN formats.
  bool judged = true;
  const std::size_t begin = formatList_.size();
  auto add = [&](const std::optional<catalog::ActionResources>& found) {
    judged = judged && found;
    if (!judged) return;
    for (const catalog::ActionResource& r : found->resources) {
      const std::vector<ArnFormat>& formats = typeFormats(found->ref.service, r.name);
      judged = judged && !formats.empty();
      for (const ArnFormat& f : formats) formatList_.push_back(&f);
    }
  };
  const Naming naming = namingOf(action);
  if (naming == Naming::AnyService) {
    judged = false;
  } else if (naming == Naming::OneAction) {
    add(catalog_.actionResources(action));  // one action or none: found directly
  } else {
    std::vector<catalog::ActionRef> refs = catalog_.matchActions(action).actions;
    judged = !refs.empty();
    for (std::size_t i = 0; i < refs.size() && judged; ++i) add(catalog_.actionResources(refs[i]));
  }
  Formats out;
  if (judged) {
    auto first = formatList_.begin() + static_cast<std::ptrdiff_t>(begin);
    std::sort(first, formatList_.end());
    formatList_.erase(std::unique(first, formatList_.end()), formatList_.end());
    out = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(formatList_.size() - begin), true};
  } else {
    formatList_.resize(begin);
  }
  entry->second = out;
  return out;
}

const ResourceFormats::Fields& ResourceFormats::requiredFields(std::string_view service) {
  auto it = fields_.find(service);
  if (it == fields_.end()) it = fields_.emplace(std::string(service), fieldsOf(service)).first;
  return it->second;
}

ResourceFormats::Fields ResourceFormats::fieldsOf(std::string_view service) const {
  Fields out{true, true, false, false, {}, {}};
  bool any = false;
  // Every resource type of the service, read once (not through each action's resource rows:
  // EC2 has hundreds of actions over a few dozen types).
  for (std::string_view arn : catalog_.serviceResourceArns(service)) {
    ArnParts parts;
    if (!splitArn(arn, parts)) continue;
    any = true;
    out.region = out.region && !parts[3].empty();
    out.account = out.account && !parts[4].empty();
    out.someRegion = out.someRegion || !parts[3].empty();
    out.someAccount = out.someAccount || !parts[4].empty();
    // Another service's type (sts:AssumeRole acts on IAM roles) names no resource of this one.
    if (parts[2] == service) out.resources.emplace_back(parts[5]);
  }
  if (!any) out = Fields{};
  std::sort(out.resources.begin(), out.resources.end());
  out.resources.erase(std::unique(out.resources.begin(), out.resources.end()), out.resources.end());
  for (const std::string& r : out.resources) out.resourceFormats.emplace_back(r, true);
  return out;
}

std::optional<std::vector<std::string>> ResourceFormats::unknownResourceType(std::string_view service,
                                                                             const Fields& fields,
                                                                             std::string_view resource) {
  if (fields.resources.empty()) return std::nullopt;
  const ResourceProbe probe(resource);
  for (const ArnFormat& f : fields.resourceFormats) {
    if (f.overlaps(probe, scratch_)) return std::nullopt;
  }
  std::vector<std::string> known;
  for (const std::string& r : fields.resources) {
    std::string glob = formatPattern(r);  // `function:${Alias}` and `function:${Version}` read alike
    if (known.empty() || known.back() != glob) known.push_back(std::move(glob));
  }
  for (const auto& [name, parts] : untypedFormats()) {
    if (name != service) continue;
    for (const ArnFormat& p : parts) {
      if (p.overlaps(probe, scratch_)) return std::nullopt;
    }
  }
  for (const auto& [name, parts] : policyFacts().untypedArnResources) {
    if (name != service) continue;
    for (const std::string& p : parts) known.push_back(formatPattern(p));
  }
  return known;
}

bool ResourceFormats::untyped(std::string_view arn) {
  ArnParts parts;
  if (!splitArn(arn, parts)) return false;
  for (const auto& [name, resources] : untypedFormats()) {
    if (name != parts[2]) continue;
    const ResourceProbe probe(parts[5]);
    for (const ArnFormat& r : resources) {
      if (r.overlaps(probe, scratch_)) return true;
    }
  }
  return false;
}

ResourceFormats::Target ResourceFormats::target(std::string_view arn) {
  Target out{ResourceProbe(arn), hasWildcard(arn), false};
  out.always = arn == "*" || untyped(arn);
  return out;
}

bool ResourceFormats::takes(Formats formats, const Target& target) {
  if (target.always) return true;
  // An action of no resource type (s3:ListAllMyBuckets) is matched against `*`, yet services
  // accept a pattern of theirs for it (`arn:aws:s3:::*`): only a plain ARN is certainly not it.
  if (!formats.judged || (formats.size == 0 && target.wildcard)) return true;
  for (std::uint32_t i = formats.begin; i < formats.begin + formats.size; ++i) {
    if (formatList_[i]->overlaps(target.pattern, scratch_)) return true;
  }
  return false;
}

}  // namespace rootpol::policy
