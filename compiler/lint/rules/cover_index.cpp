#include "lint/rules/cover_index.h"

#include <algorithm>
#include <functional>
#include <numeric>

#include "base/text.h"

namespace rootpol::lint::facts {
namespace {

// What a key stands for, mixed into its hash: a concrete action, an action pattern's head, a
// service's action heads, a concrete resource, a resource pattern's head, a condition part.
enum Tag : std::uint64_t {
  kPartTag = 1,
  kExactActionTag,
  kHeadActionTag,
  kServiceHeadsTag,
  kExactResourceTag,
  kHeadResourceTag,
  kNegatedHeadTag,
  kNegatedResourcesTag,
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t textHash(std::string_view text) { return std::hash<std::string_view>{}(text); }

// The key of `text` under `parent` (a part or a group) for `tag`; never 0.
std::uint64_t keyOf(Tag tag, std::uint32_t parent, std::string_view text) {
  std::uint64_t h = textHash(text);
  return mix(h ^ mix((static_cast<std::uint64_t>(tag) << 32) | parent)) | 1u;
}

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = asciiLower(c);
  return out;
}

// The length of the text before the first wildcard.
std::size_t headLength(std::string_view text) { return std::min(findAnyOf(text, "*?"), text.size()); }

// The hash of `text` lower-cased (condition keys compare in any case), without a copy for the
// usual short key.
std::uint64_t loweredHash(std::string_view text) {
  char buffer[128];
  if (text.size() > sizeof buffer) return textHash(lowered(text));
  for (std::size_t i = 0; i < text.size(); ++i) buffer[i] = asciiLower(text[i]);
  return textHash(std::string_view(buffer, text.size()));
}

// The hash of what statementCovers compares of a condition entry: the operator as written, the
// key in any case, and the values as a set. No text is built: every entry is hashed.
std::uint64_t signatureHash(const policy::ConditionEntry& entry, std::vector<std::string_view>& values) {
  values.assign(entry.values.begin(), entry.values.end());
  std::sort(values.begin(), values.end());
  std::uint64_t h = mix(textHash(entry.op));
  h = mix(h ^ loweredHash(entry.key));
  for (std::string_view v : values) h = mix(h ^ textHash(v));
  return h;
}

// How principalsCover sorts a statement's principal: none (SCPs, identity policies), `*`, a
// NotPrincipal, or one other principal element; hashed (kNoClass, kStarClass, or the element).
const std::uint64_t kNoClass = textHash(""), kStarClass = textHash("*");
std::uint64_t principalClass(const std::optional<policy::Principal>& principal) {
  if (!principal) return kNoClass;
  if (!principal->notPrincipal && principal->json == "\"*\"") return kStarClass;
  return mix(textHash(principal->json) ^ (principal->notPrincipal ? 0x21u : 0x3du));
}

// The key of a part: a principal class and the signature of a first condition entry (their
// hashes; 0: no condition).
std::uint64_t partKey(std::uint64_t cls, std::uint64_t entry) {
  return mix(mix(cls ^ kPartTag) ^ entry) | 1u;
}

// A NotResource list as statementCovers compares it: the same list, in order.
std::string joined(const std::vector<std::string>& resources) {
  std::string out;
  for (const std::string& r : resources) {
    out += r;
    out += '\0';
  }
  return out;
}

}  // namespace

// --- building ------------------------------------------------------------------------------

void CoverIndex::Filing::add(std::uint32_t list, std::uint32_t j) {
  if (lastAdded.size() <= list) lastAdded.resize(list + 1, kNone);
  if (lastAdded[list] == j) return;  // two actions of one statement in one group
  lastAdded[list] = j;
  members.emplace_back(list, j);
}

std::uint32_t CoverIndex::newGroup() {
  groups_.emplace_back();
  return static_cast<std::uint32_t>(groups_.size() - 1);
}

std::uint32_t CoverIndex::newLengthSet() {
  lengthSets_.emplace_back();
  return static_cast<std::uint32_t>(lengthSets_.size() - 1);
}

std::uint32_t CoverIndex::partFor(std::uint64_t key) {
  bool created = false;
  std::uint32_t id = partKeys_.intern(key, static_cast<std::uint32_t>(parts_.size()), created);
  if (created) parts_.emplace_back();
  return id;
}

std::uint32_t CoverIndex::groupFor(std::uint64_t key) {
  bool created = false;
  std::uint32_t id = groupKeys_.intern(key, static_cast<std::uint32_t>(groups_.size()), created);
  if (created) newGroup();
  return id;
}

std::uint32_t CoverIndex::listFor(std::uint64_t key) {
  bool created = false;
  std::uint32_t id = listKeys_.intern(key, listCount_, created);
  if (created) newList();
  return id;
}

CoverIndex::CoverIndex(const std::vector<policy::Statement>& statements)
    : statements_(statements) {
  std::size_t actionCount = 0, actionBytes = 0;
  for (const policy::Statement& s : statements) {
    actionCount += s.actions.size();
    for (const std::string& a : s.actions) actionBytes += a.size();
  }
  loweredActions_.reserve(actionBytes);  // never grows past this: the views stay valid
  actionViews_.reserve(actionCount);
  actionStart_.reserve(statements.size() + 1);
  actionStart_.push_back(0);
  for (const policy::Statement& s : statements) {
    for (const std::string& a : s.actions) {
      std::size_t at = loweredActions_.size();
      for (char c : a) loweredActions_ += asciiLower(c);
      actionViews_.emplace_back(loweredActions_.data() + at, a.size());
    }
    actionStart_.push_back(static_cast<std::uint32_t>(actionViews_.size()));
  }
  classHash_.reserve(statements.size());
  entryStart_.reserve(statements.size() + 1);
  entryStart_.push_back(0);
  std::vector<std::string_view> values;
  for (const policy::Statement& s : statements) {
    classHash_.push_back(principalClass(s.principal));
    for (const policy::ConditionEntry& c : s.conditions) entryHash_.push_back(signatureHash(c, values) | 1u);
    entryStart_.push_back(static_cast<std::uint32_t>(entryHash_.size()));
  }
  Filing filing;
  filing.members.reserve(2 * statements.size());
  for (std::uint32_t j = 0; j < statements.size(); ++j) {
    std::uint64_t first = entryStart_[j] == entryStart_[j + 1] ? 0 : entryHash_[entryStart_[j]];
    file(partFor(partKey(classHash_[j], first)), j, filing);
  }
  for (Part& part : parts_) std::sort(part.negatedHeads.begin(), part.negatedHeads.end());
  layOut(filing);
}

// Counting sort of the (list, statement) pairs by list: each list's statements stay in the
// order they were filed, which is ascending.
void CoverIndex::layOut(const Filing& filing) {
  listStart_.assign(listCount_ + 1, 0);
  for (const auto& [list, j] : filing.members) ++listStart_[list + 1];
  std::partial_sum(listStart_.begin(), listStart_.end(), listStart_.begin());
  members_.resize(filing.members.size());
  std::vector<std::uint32_t> next(listStart_.begin(), listStart_.end() - 1);
  for (const auto& [list, j] : filing.members) members_[next[list]++] = j;
}

void CoverIndex::fileResources(std::uint32_t g, std::uint32_t j, Filing& filing) {
  const policy::Statement& s = statements_[j];
  ++groups_[g].count;  // an estimate: a statement with two actions in one group counts twice
  if (s.notResource) return filing.add(listFor(keyOf(kNegatedResourcesTag, g, joined(s.resources))), j);
  if (s.resources.empty()) {
    if (groups_[g].all == kNone) groups_[g].all = newList();
    return filing.add(groups_[g].all, j);
  }
  for (const std::string& r : s.resources) {
    std::size_t head = headLength(r);
    if (head == r.size()) {
      filing.add(listFor(keyOf(kExactResourceTag, g, r)), j);
      continue;
    }
    if (groups_[g].resourceHeads == kNone) groups_[g].resourceHeads = newLengthSet();
    markLength(groups_[g].resourceHeads, head);
    filing.add(listFor(keyOf(kHeadResourceTag, g, std::string_view(r).substr(0, head))), j);
  }
}

void CoverIndex::markLength(std::uint32_t set, std::size_t length) {
  std::vector<bool>& lengths = lengthSets_[set];
  if (lengths.size() <= length) lengths.resize(length + 1, false);
  lengths[length] = true;
}

// Under the pattern with the longest head: the fewest other NotAction statements probe it.
void CoverIndex::fileNegated(std::uint32_t part, std::uint32_t j, Filing& filing) {
  std::span<const std::string_view> patterns = actionsOf(j);
  if (patterns.empty()) {  // excludes nothing: covers every NotAction statement
    if (parts_[part].negatedEvery == kNone) parts_[part].negatedEvery = newGroup();
    return fileResources(parts_[part].negatedEvery, j, filing);
  }
  std::string_view longest;
  for (std::string_view p : patterns) {
    std::string_view head = p.substr(0, headLength(p));
    if (head.size() >= longest.size()) longest = head;
  }
  bool created = false;
  std::uint32_t g = groupKeys_.intern(keyOf(kNegatedHeadTag, part, longest),
                                      static_cast<std::uint32_t>(groups_.size()), created);
  if (created) {
    newGroup();
    parts_[part].negatedHeads.emplace_back(std::string(longest), g);
  }
  fileResources(g, j, filing);
}

void CoverIndex::file(std::uint32_t part, std::uint32_t j, Filing& filing) {
  if (statements_[j].notAction) return fileNegated(part, j, filing);
  for (std::string_view key : actionsOf(j)) {
    std::size_t head = headLength(key);
    if (head == key.size()) {
      fileResources(groupFor(keyOf(kExactActionTag, part, key)), j, filing);
      continue;
    }
    std::string_view headText = std::string_view(key).substr(0, head);
    std::size_t colon = headText.find(':');
    std::uint32_t lengths = kNone;
    if (colon == std::string_view::npos) {  // `*`, `s3*`: probed for every action
      if (parts_[part].shortHeads == kNone) parts_[part].shortHeads = newLengthSet();
      lengths = parts_[part].shortHeads;
    } else {  // `s3:Get*`: probed for the actions of s3 only
      bool created = false;
      std::uint64_t service = keyOf(kServiceHeadsTag, part, headText.substr(0, colon));
      lengths = lengthSetKeys_.intern(service, static_cast<std::uint32_t>(lengthSets_.size()),
                                      created);
      if (created) newLengthSet();
    }
    markLength(lengths, head);
    fileResources(groupFor(keyOf(kHeadActionTag, part, headText)), j, filing);
  }
}

// --- probing -------------------------------------------------------------------------------

CoverIndex::List CoverIndex::list(std::uint32_t id) const {
  if (id == kNone) return {};
  return List(members_.data() + listStart_[id], listStart_[id + 1] - listStart_[id]);
}

template <typename Visit>
void CoverIndex::probeHeads(const KeyTable& table, std::uint64_t tag, std::uint32_t parent,
                            std::uint32_t lengths, std::string_view text, Visit visit) const {
  if (lengths == kNone) return;
  const std::vector<bool>& set = lengthSets_[lengths];
  std::size_t head = headLength(text);
  for (std::size_t k = 0; k <= head && k < set.size(); ++k) {
    if (!set[k]) continue;
    std::uint32_t id = table.find(keyOf(static_cast<Tag>(tag), parent, text.substr(0, k)));
    if (id != kNone) visit(id);
  }
}

// Of the principal classes that may cover i's (its own, and `*` unless it has none), the
// statements without conditions and those whose first condition entry is one of i's.
std::vector<std::uint32_t> CoverIndex::conditionParts(std::size_t i) const {
  std::vector<std::uint32_t> parts;
  auto addParts = [&](std::uint64_t cls) {
    auto add = [&](std::uint64_t entry) {
      std::uint32_t part = partKeys_.find(partKey(cls, entry));
      if (part != kNone) parts.push_back(part);
    };
    add(0);
    for (std::uint32_t e = entryStart_[i]; e < entryStart_[i + 1]; ++e) add(entryHash_[e]);
  };
  addParts(classHash_[i]);
  if (classHash_[i] != kNoClass && classHash_[i] != kStarClass) addParts(kStarClass);
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  return parts;
}

void CoverIndex::actionGroups(std::size_t i, std::vector<std::uint32_t>& out) const {
  std::vector<std::uint32_t> parts = conditionParts(i);
  if (statements_[i].notAction) return negatedGroups(i, parts, out);
  // Every action of the statement must be covered: the groups of any one of them will do, so
  // the action whose groups hold the fewest statements.
  std::vector<std::uint32_t> best, groups;
  std::size_t bestCount = 0;
  std::span<const std::string_view> actions = actionsOf(i);
  for (std::size_t a = 0; a < actions.size(); ++a) {
    groups.clear();
    std::size_t count = 0;
    std::string_view key = actions[a];
    std::size_t head = headLength(key);
    std::size_t colon = key.find(':');
    std::string_view service = colon < head ? key.substr(0, colon) : std::string_view();
    auto add = [&](std::uint32_t g) {
      groups.push_back(g);
      count += groups_[g].count;
    };
    for (std::uint32_t p : parts) {
      if (head == key.size()) {
        std::uint32_t g = groupKeys_.find(keyOf(kExactActionTag, p, key));
        if (g != kNone) add(g);
      }
      probeHeads(groupKeys_, kHeadActionTag, p, parts_[p].shortHeads, key, add);
      if (service.empty()) continue;
      std::uint32_t lengths = lengthSetKeys_.find(keyOf(kServiceHeadsTag, p, service));
      probeHeads(groupKeys_, kHeadActionTag, p, lengths, key, add);
    }
    if (a == 0 || count < bestCount) {
      best.swap(groups);
      bestCount = count;
    }
  }
  out.insert(out.end(), best.begin(), best.end());
}

// Only a NotAction statement or `*` covers a NotAction one; the NotAction statements that may
// are those filed under a head that one of i's patterns covers: a head starting with the
// pattern's head (the pattern itself when it has no wildcard).
void CoverIndex::negatedGroups(std::size_t i, const std::vector<std::uint32_t>& parts,
                               std::vector<std::uint32_t>& out) const {
  for (std::uint32_t p : parts) {
    std::uint32_t all = groupKeys_.find(keyOf(kHeadActionTag, p, ""));
    if (all != kNone) out.push_back(all);
    if (parts_[p].negatedEvery != kNone) out.push_back(parts_[p].negatedEvery);
    const auto& heads = parts_[p].negatedHeads;
    for (std::string_view pattern : actionsOf(i)) {
      std::size_t head = headLength(pattern);
      std::string_view prefix = pattern.substr(0, head);
      auto at = std::lower_bound(heads.begin(), heads.end(), prefix,
                                 [](const auto& entry, std::string_view x) { return entry.first < x; });
      for (; at != heads.end() && at->first.starts_with(prefix); ++at) {
        if (head == pattern.size() && at->first != prefix) break;  // concrete: itself only
        out.push_back(at->second);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

namespace {

std::size_t total(const std::vector<std::span<const std::uint32_t>>& lists) {
  std::size_t n = 0;
  for (const auto& list : lists) n += list.size();
  return n;
}

}  // namespace

void CoverIndex::resourceLists(std::size_t i, const std::vector<std::uint32_t>& groups,
                               std::vector<List>& out) const {
  const policy::Statement& s = statements_[i];
  if (s.notResource) {  // covered only by the same NotResource list
    std::string key = joined(s.resources);
    for (std::uint32_t g : groups) {
      std::uint32_t id = listKeys_.find(keyOf(kNegatedResourcesTag, g, key));
      if (id != kNone) out.push_back(list(id));
    }
    return;
  }
  for (std::uint32_t g : groups) out.push_back(list(groups_[g].all));
  auto listsFor = [&](std::string_view resource, std::vector<List>& lists) {
    auto add = [&](std::uint32_t id) { lists.push_back(list(id)); };
    for (std::uint32_t g : groups) {
      if (headLength(resource) == resource.size()) {
        std::uint32_t id = listKeys_.find(keyOf(kExactResourceTag, g, resource));
        if (id != kNone) add(id);
      }
      probeHeads(listKeys_, kHeadResourceTag, g, groups_[g].resourceHeads, resource, add);
    }
  };
  if (s.resources.empty()) return listsFor("*", out);
  std::vector<List> best, lists;
  for (std::size_t r = 0; r < s.resources.size(); ++r) {
    lists.clear();
    listsFor(s.resources[r], lists);
    if (r == 0 || total(lists) < total(best)) best.swap(lists);
  }
  out.insert(out.end(), best.begin(), best.end());
}

std::vector<CoverIndex::List> CoverIndex::candidateLists(std::size_t i) const {
  std::vector<std::uint32_t> groups;
  actionGroups(i, groups);
  std::vector<List> lists;
  resourceLists(i, groups, lists);
  return lists;
}

std::vector<std::uint32_t> CoverIndex::candidates(std::size_t i) const {
  std::vector<List> lists = candidateLists(i);
  std::vector<std::uint32_t> out;
  out.reserve(total(lists));
  for (List list : lists) out.insert(out.end(), list.begin(), list.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), static_cast<std::uint32_t>(i)), out.end());
  return out;
}

}  // namespace rootpol::lint::facts
