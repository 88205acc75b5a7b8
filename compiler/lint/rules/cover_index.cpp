#include "lint/rules/cover_index.h"

#include <algorithm>

#include "base/text.h"

namespace rootpol::lint::facts {
namespace {

using Ids = std::vector<std::uint32_t>;

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = asciiLower(c);
  return out;
}

// The length of the text before the first wildcard.
std::size_t headLength(std::string_view text) {
  std::size_t at = text.find_first_of("*?");
  return at == std::string_view::npos ? text.size() : at;
}

void push(Ids& list, std::uint32_t j) {
  if (list.empty() || list.back() != j) list.push_back(j);
}

// What statementCovers compares of a condition entry: the operator as written, the key in any
// case, and the values as a set.
std::string signature(const policy::ConditionEntry& entry) {
  std::vector<std::string> values = entry.values;
  std::sort(values.begin(), values.end());
  std::string out = entry.op;
  out += '\0';
  out += lowered(entry.key);
  for (const std::string& v : values) {
    out += '\0';
    out += v;
  }
  return out;
}

std::size_t total(const std::vector<const Ids*>& lists) {
  std::size_t n = 0;
  for (const Ids* list : lists) n += list->size();
  return n;
}

void markLength(std::vector<bool>& lengths, std::size_t k) {
  if (lengths.size() <= k) lengths.resize(k + 1, false);
  lengths[k] = true;
}

// Calls visit(map entry) for every head in `heads` of one of `lengths` that is a prefix of
// key's head: a wildcard pattern covers `key` only then (a wildcard of `key` is only absorbed
// by a `*` or `?` of the wider pattern).
template <typename Map, typename Visit>
void lookupHeads(const Map& heads, const std::vector<bool>& lengths, const std::string& key,
                 Visit visit) {
  std::size_t head = headLength(key);
  std::string prefix;
  prefix.reserve(head);  // one allocation at most, not one per length
  for (std::size_t k = 0; k <= head && k < lengths.size(); ++k) {
    if (!lengths[k]) continue;
    prefix.assign(key, 0, k);
    if (auto it = heads.find(prefix); it != heads.end()) visit(it->second);
  }
}

// The same, and `key` itself when it has no wildcard.
template <typename Map, typename Visit>
void lookup(const Map& exact, const Map& heads, const std::vector<bool>& lengths,
            const std::string& key, Visit visit) {
  if (headLength(key) == key.size()) {
    if (auto it = exact.find(key); it != exact.end()) visit(it->second);
  }
  lookupHeads(heads, lengths, key, visit);
}

}  // namespace

CoverIndex::CoverIndex(const std::vector<policy::Statement>& statements)
    : statements_(statements) {
  for (std::uint32_t j = 0; j < statements.size(); ++j) {
    const policy::Statement& s = statements[j];
    file(s.conditions.empty() ? unconditional_ : byCondition_[signature(s.conditions.front())], j);
  }
}

void CoverIndex::file(ByAction& index, std::uint32_t j) {
  const policy::Statement& s = statements_[j];
  auto fileResources = [&](ByResource& group) {
    ++group.count;  // an estimate: a statement with two actions in one group counts twice
    if (s.notResource) return push(group.negated, j);
    if (s.resources.empty()) return push(group.all, j);
    for (const std::string& r : s.resources) {
      std::size_t head = headLength(r);
      if (head == r.size()) {
        push(group.exact[r], j);
      } else {
        markLength(group.headLengths, head);
        push(group.heads[r.substr(0, head)], j);
      }
    }
  };
  if (s.notAction) return fileResources(index.negated);
  for (const std::string& a : s.actions) {
    std::string key = lowered(a);
    std::size_t head = headLength(key);
    if (head == key.size()) {
      fileResources(index.exact[key]);
    } else {
      std::string headText = key.substr(0, head);
      std::size_t colon = headText.find(':');
      markLength(colon == std::string::npos ? index.shortHeadLengths
                                            : index.headLengthsByService[headText.substr(0, colon)],
                 head);
      fileResources(index.heads[headText]);
    }
  }
}

// The statements without conditions, and those whose first condition entry is one of i's.
std::vector<const CoverIndex::ByAction*> CoverIndex::conditionParts(std::size_t i) const {
  std::vector<const ByAction*> parts{&unconditional_};
  for (const policy::ConditionEntry& c : statements_[i].conditions) {
    if (auto it = byCondition_.find(signature(c)); it != byCondition_.end()) parts.push_back(&it->second);
  }
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  return parts;
}

void CoverIndex::actionGroups(std::size_t i, std::vector<const ByResource*>& out) const {
  const policy::Statement& s = statements_[i];
  std::vector<const ByAction*> parts = conditionParts(i);
  if (s.notAction) {  // only a NotAction statement or `*` covers a NotAction one
    for (const ByAction* part : parts) {
      out.push_back(&part->negated);
      if (auto it = part->heads.find(""); it != part->heads.end()) out.push_back(&it->second);
    }
    return;
  }
  // Every action of `s` must be covered: the groups of any one of them will do, so the action
  // whose groups hold the fewest statements.
  std::vector<const ByResource*> best, groups;
  std::size_t bestCount = 0;
  for (std::size_t a = 0; a < s.actions.size(); ++a) {
    groups.clear();
    std::size_t count = 0;
    std::string key = lowered(s.actions[a]);
    std::size_t colon = key.find(':');
    std::string service = colon < headLength(key) ? key.substr(0, colon) : std::string();
    auto add = [&](const ByResource& g) {
      groups.push_back(&g);
      count += g.count;
    };
    for (const ByAction* part : parts) {
      if (headLength(key) == key.size()) {
        if (auto it = part->exact.find(key); it != part->exact.end()) add(it->second);
      }
      lookupHeads(part->heads, part->shortHeadLengths, key, add);
      if (service.empty()) continue;
      if (auto it = part->headLengthsByService.find(service); it != part->headLengthsByService.end())
        lookupHeads(part->heads, it->second, key, add);
    }
    if (a == 0 || count < bestCount) {
      best.swap(groups);
      bestCount = count;
    }
  }
  out.insert(out.end(), best.begin(), best.end());
}

void CoverIndex::resourceLists(std::size_t i, const std::vector<const ByResource*>& groups,
                               std::vector<const Ids*>& out) const {
  const policy::Statement& s = statements_[i];
  for (const ByResource* g : groups) {  // covered only by the same NotResource list
    out.push_back(s.notResource ? &g->negated : &g->all);
  }
  if (s.notResource) return;
  auto listsFor = [&](const std::string& resource, std::vector<const Ids*>& lists) {
    for (const ByResource* g : groups)
      lookup(g->exact, g->heads, g->headLengths, resource, [&](const Ids& ids) { lists.push_back(&ids); });
  };
  if (s.resources.empty()) return listsFor("*", out);
  std::vector<const Ids*> best, lists;
  for (std::size_t r = 0; r < s.resources.size(); ++r) {
    lists.clear();
    listsFor(s.resources[r], lists);
    if (r == 0 || total(lists) < total(best)) best.swap(lists);
  }
  out.insert(out.end(), best.begin(), best.end());
}

std::vector<const Ids*> CoverIndex::candidateLists(std::size_t i) const {
  std::vector<const ByResource*> groups;
  actionGroups(i, groups);
  std::vector<const Ids*> lists;
  resourceLists(i, groups, lists);
  return lists;
}

std::vector<std::uint32_t> CoverIndex::candidates(std::size_t i) const {
  std::vector<const Ids*> lists = candidateLists(i);
  Ids out;
  out.reserve(total(lists));
  for (const Ids* list : lists) out.insert(out.end(), list->begin(), list->end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), static_cast<std::uint32_t>(i)), out.end());
  return out;
}

}  // namespace rootpol::lint::facts
