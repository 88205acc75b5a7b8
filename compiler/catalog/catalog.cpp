#include "catalog/catalog.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstring>
#include <mutex>

#include "aws_catalog_data.h"
#include "catalog/catalog_impl.h"

namespace rootpol::catalog {

// --- free functions ----------------------------------------------------------------------

std::string_view keyTypeName(KeyType type) {
  const auto i = static_cast<std::size_t>(type.base);
  return type.array ? kArrayNames[i] : kBaseNames[i];
}

std::optional<KeyType> keyTypeFromName(std::string_view name) {
  for (std::size_t i = 0; i < kBaseNames.size(); ++i) {
    if (name == kBaseNames[i]) return KeyType{static_cast<BaseType>(i), false};
    if (name == kArrayNames[i]) return KeyType{static_cast<BaseType>(i), true};
  }
  return std::nullopt;
}

std::string accessLevelName(unsigned levels) {
  // The AWS reference's spelling order: "Permissions management, Write", "Tagging, Write".
  static constexpr std::array<std::pair<unsigned, std::string_view>, 5> kOrder = {{
      {kPermissionsManagement, "Permissions management"},
      {kTagging, "Tagging"},
      {kList, "List"},
      {kRead, "Read"},
      {kWrite, "Write"},
  }};
  std::string out;
  for (const auto& [bit, name] : kOrder) {
    if ((levels & bit) == 0) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string ActionRef::fullName() const {
  std::string out;
  out.reserve(service.size() + 1 + name.size());
  out.append(service).append(":").append(name);
  return out;
}

// --- Catalog -----------------------------------------------------------------------------

Catalog::Catalog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

std::optional<Catalog> Catalog::load(std::unique_ptr<Impl> impl, std::string& error, Check check) {
  try {
    error = impl->load();
    if (error.empty() && check == Check::Full) error = impl->checkAll();
    if (!error.empty()) return std::nullopt;
    return Catalog(std::move(impl));
  } catch (const std::exception& e) {  // out of memory: still an answer, not a crash
    error = std::string("cannot load the catalog: ") + e.what();
    return std::nullopt;
  }
}

std::optional<Catalog> Catalog::fromText(std::string text, std::string& error, Check check) {
  auto impl = std::make_unique<Impl>();
  impl->owned = std::move(text);
  impl->text = impl->owned;
  return load(std::move(impl), error, check);
}

std::optional<Catalog> Catalog::fromStaticText(std::string_view text, std::string& error,
                                               Check check) {
  auto impl = std::make_unique<Impl>();
  impl->text = text;
  return load(std::move(impl), error, check);
}

std::string_view Catalog::builtinText() { return stdlib::awsCatalogText(); }

const Catalog& Catalog::builtin() {
  static const Catalog catalog = [] {
    std::string error;
    if (auto loaded = fromStaticText(builtinText(), error)) return std::move(*loaded);
    auto empty = std::make_unique<Impl>();
    empty->problems.push_back("the embedded catalog does not load: " + error);
    return Catalog(std::move(empty));
  }();
  return catalog;
}

CatalogInfo Catalog::info() const { return impl_->info; }

std::vector<std::string> Catalog::problems() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->problems;
}

std::optional<Service> Catalog::service(std::string_view prefix) const {
  const ParsedService* s = impl_->parsed(prefix);
  if (!s) return std::nullopt;
  return Service{s->prefix, s->name};
}

std::vector<std::string_view> Catalog::servicePrefixes() const {
  std::vector<std::string_view> out;
  out.reserve(impl_->slotCount());
  for (std::size_t i = 0; i < impl_->slotCount(); ++i) out.push_back(impl_->slotPrefix(i));
  return out;
}

std::size_t Catalog::serviceCount() const { return impl_->slotCount(); }

std::optional<ActionRef> Catalog::findAction(std::string_view fullName) const {
  const auto at = impl_->locate(fullName);
  if (!at) return std::nullopt;
  return impl_->ref(*at);
}

std::optional<ActionRef> Catalog::findAction(std::string_view service,
                                             std::string_view name) const {
  const auto at = impl_->locate(service, name);
  if (!at) return std::nullopt;
  return impl_->ref(*at);
}

std::optional<Action> Catalog::action(std::string_view fullName) const {
  const auto ref = findAction(fullName);
  if (!ref) return std::nullopt;
  return action(*ref);
}

std::optional<Action> Catalog::action(const ActionRef& ref) const {
  const auto at = impl_->locate(ref.service, ref.name);
  if (!at) return std::nullopt;
  const ParsedService& s = *at->service;
  const auto act = impl_->action(s, at->action);
  if (!act) return std::nullopt;
  Action out;
  out.ref = {s.prefix, act->name};
  out.access = act->access;
  for (std::uint32_t v : act->resources)
    out.resources.push_back({impl_->resourceName(s, v >> 1), (v & 1) != 0});
  for (std::uint32_t k : act->keys) out.keys.push_back(Impl::serviceKey(s, k));
  return out;
}

std::optional<ActionResources> Catalog::actionResources(std::string_view fullName) const {
  const auto at = impl_->locate(fullName);
  return at ? impl_->actionResources(*at) : std::nullopt;
}

std::optional<ActionResources> Catalog::actionResources(const ActionRef& ref) const {
  const auto at = impl_->locate(ref.service, ref.name);
  return at ? impl_->actionResources(*at) : std::nullopt;
}

std::vector<std::string_view> Catalog::actionNames(std::string_view service) const {
  const ParsedService* s = impl_->parsed(service);
  if (!s) return {};
  return {s->actionNames().begin(), s->actionNames().end()};
}

PatternMatch Catalog::matchActions(std::string_view pattern, bool enumerateEverything) const {
  PatternMatch out;
  out.everything = !pattern.empty() && pattern.find_first_not_of('*') == std::string_view::npos;
  if (out.everything && !enumerateEverything) return out;
  impl_->forEachMatch(pattern, [&](const ActionRef& ref) {
    out.actions.push_back(ref);
    return true;
  });
  return out;
}

bool Catalog::anyActionMatches(std::string_view pattern) const {
  bool found = false;
  impl_->forEachMatch(pattern, [&](const ActionRef&) {
    found = true;
    return false;
  });
  return found;
}

std::optional<ConditionKey> Catalog::conditionKey(std::string_view key) const {
  return impl_->conditionKey(key);
}

std::vector<ConditionKey> Catalog::globalKeys() const {
  std::vector<ConditionKey> out;
  out.reserve(impl_->globals.size());
  for (std::size_t i = 0; i < impl_->globals.size(); ++i) out.push_back(impl_->globalKey(i));
  return out;
}

std::vector<ConditionKey> Catalog::serviceKeys(std::string_view service) const {
  std::vector<ConditionKey> out;
  if (const ParsedService* s = impl_->parsed(service)) {
    for (std::size_t i = 0; i < s->keys.size(); ++i) out.push_back(Impl::serviceKey(*s, i));
  }
  return out;
}

std::vector<ConditionKey> Catalog::conditionKeysFor(const ActionRef& action) const {
  std::vector<ConditionKey> out;
  const auto at = impl_->locate(action.service, action.name);
  if (!at) return out;
  for (std::uint32_t k : impl_->keyIndicesFor(*at))
    out.push_back(Impl::serviceKey(*at->service, k));
  return out;
}

KeySupport Catalog::supportsKey(const ActionRef& action, std::string_view key) const {
  if (listsKey(action, key)) return KeySupport::Listed;
  const auto found = impl_->conditionKey(key);
  return found && found->global ? KeySupport::Global : KeySupport::No;
}

bool Catalog::listsKey(const ActionRef& action, std::string_view key) const {
  const auto at = impl_->locate(action.service, action.name);
  // keyMatches(), where templateMatch runs only for a template (for other names it is the
  // equality already tested).
  return at && impl_->anyKeyIndex(*at, [&](std::uint32_t k) {
    const KeyRec& listed = at->service->keys[k];
    return equalsIgnoreCase(listed.name, key) || (listed.templated && templateMatchFrom(listed.head, listed.name, key));
  });
}

std::vector<std::string_view> Catalog::resourceTypeNames(std::string_view service) const {
  const ParsedService* s = impl_->parsed(service);
  if (!s) return {};
  return {s->resourceNames().begin(), s->resourceNames().end()};
}

std::optional<ResourceType> Catalog::resourceType(std::string_view service,
                                                  std::string_view name) const {
  const ParsedService* s = impl_->parsed(service);
  const auto res = s ? impl_->resource(*s, name) : std::nullopt;
  if (!res) return std::nullopt;
  ResourceType out;
  out.service = s->prefix;
  out.name = res->name;
  out.arns = Impl::arnList(res->arns);
  for (std::uint32_t k : res->keys) out.keys.push_back(Impl::serviceKey(*s, k));
  return out;
}

std::vector<std::string_view> Catalog::resourceArns(std::string_view service, std::string_view name) const {
  const ParsedService* s = impl_->parsed(service);
  const auto res = s ? impl_->resource(*s, name) : std::nullopt;
  return res ? Impl::arnList(res->arns) : std::vector<std::string_view>{};
}

std::vector<std::string_view> Catalog::serviceResourceArns(std::string_view service) const {
  std::vector<std::string_view> out;
  const ParsedService* s = impl_->parsed(service);
  for (std::uint32_t r = 0; s && r < s->resourceCount(); ++r) {
    const auto res = impl_->resource(*s, r);
    if (!res) continue;
    const std::vector<std::string_view> arns = Impl::arnList(res->arns);
    out.insert(out.end(), arns.begin(), arns.end());
  }
  return out;
}

bool Catalog::keyMatches(std::string_view keyOrTemplate, std::string_view key) {
  return equalsIgnoreCase(keyOrTemplate, key) || templateMatch(keyOrTemplate, key);
}

bool globMatch(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, starP = std::string_view::npos, starT = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      if (p + 1 == pattern.size()) return true;  // a final star takes the rest
      starP = p++;
      starT = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(text[t]))) {
      ++p;
      ++t;
    } else if (starP != std::string_view::npos) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace rootpol::catalog
